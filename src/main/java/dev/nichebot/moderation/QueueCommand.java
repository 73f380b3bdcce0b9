package dev.nichebot.moderation;

import dev.nichebot.domain.Candidate;
import dev.nichebot.domain.CandidateState;
import dev.nichebot.store.CandidateStore;
import java.util.List;
import java.util.Locale;

/** {@code queue}: the approved candidates waiting to be posted, oldest first, with their ids. */
final class QueueCommand implements CommandHandler {
  static final int SHOWN = 15;

  private final CandidateStore candidates;

  QueueCommand(CandidateStore candidates) {
    this.candidates = candidates;
  }

  @Override
  public CommandResult handle(Invocation call) {
    long approved = candidates.count(CandidateState.APPROVED);
    long inReview =
        candidates.count(CandidateState.QUEUED_FOR_REVIEW)
            + candidates.count(CandidateState.IN_REVIEW);
    String review = inReview + " waiting for review.";
    if (approved == 0) {
      return CommandResult.info("queue", "Nothing is approved and waiting. " + review);
    }
    List<Candidate> next =
        candidates.where(
            "state = ? ORDER BY state_changed_at, id FETCH FIRST " + SHOWN + " ROWS ONLY",
            CandidateState.APPROVED);
    StringBuilder reply =
        new StringBuilder()
            .append(approved)
            .append(approved == 1 ? " approved candidate waits" : " approved candidates wait")
            .append(" (id, title, score):\n\n");
    for (Candidate c : next) {
      reply.append("- `").append(c.id()).append("` ").append(SkipCommand.describe(c));
      if (c.signalScore() != null) {
        reply.append(", ").append(String.format(Locale.ROOT, "%.2f", c.signalScore()));
      }
      reply.append('\n');
    }
    if (approved > next.size()) {
      reply.append("- … and ").append(approved - next.size()).append(" more\n");
    }
    reply.append('\n').append(review).append(" `skip <id>` takes one out.");
    return CommandResult.info("queue", reply.toString());
  }
}
