package dev.nichebot.review;

import dev.nichebot.domain.Vote;
import java.time.Duration;
import java.util.Optional;

/**
 * How votes become decisions.
 *
 * @param quorum approvals needed to approve
 * @param veto a single rejection rejects, whatever the approvals
 * @param undoWindow how long a reviewer may withdraw a vote
 */
public record ReviewPolicy(
    int quorum,
    boolean veto,
    Duration undoWindow,
    int maxPending,
    Duration remindAfter,
    Duration expireAfter) {

  public ReviewPolicy {
    if (quorum < 1) {
      throw new IllegalArgumentException("quorum must be at least 1");
    }
  }

  /** The decision the current votes make, if any. */
  public Optional<Vote> decide(int approvals, int rejections) {
    if (veto && rejections > 0) {
      return Optional.of(Vote.REJECT);
    }
    if (approvals >= quorum && approvals > rejections) {
      return Optional.of(Vote.APPROVE);
    }
    if (!veto && rejections >= quorum) {
      return Optional.of(Vote.REJECT);
    }
    return Optional.empty();
  }
}
