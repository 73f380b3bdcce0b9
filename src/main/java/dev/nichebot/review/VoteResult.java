package dev.nichebot.review;

import dev.nichebot.domain.Vote;
import java.util.List;
import java.util.Optional;

/**
 * What a vote, or its withdrawal, did.
 *
 * @param message one sentence for the person who voted
 */
public record VoteResult(
    Kind kind, long candidateId, String message, Optional<Vote> decision, List<String> decidedBy) {

  public enum Kind {
    /** The vote was counted and decided the candidate. */
    DECIDED,
    /** The vote was counted; more votes are needed. */
    COUNTED,
    /** The same vote again: nothing changed. */
    UNCHANGED,
    /** A vote was withdrawn; the candidate waits for review again. */
    REOPENED,
    /** A vote was withdrawn; no decision had been made. */
    WITHDRAWN,
    /** Someone else decided first, or the candidate left review: nothing changed. */
    CONFLICT,
    /** Not allowed (unknown candidate, too late to undo, nothing to undo): nothing changed. */
    REFUSED
  }

  public boolean changedSomething() {
    return kind != Kind.UNCHANGED && kind != Kind.CONFLICT && kind != Kind.REFUSED;
  }

  static VoteResult of(Kind kind, long candidateId, String message) {
    return new VoteResult(kind, candidateId, message, Optional.empty(), List.of());
  }
}
