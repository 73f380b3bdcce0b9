package dev.nichebot.moderation;

import dev.nichebot.domain.AuditEntry;
import dev.nichebot.domain.Candidate;
import dev.nichebot.domain.CandidateState;
import dev.nichebot.domain.Logs;
import dev.nichebot.store.CandidateChanges;
import dev.nichebot.store.CandidateStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** {@code skip <candidate id>}: takes a waiting candidate out of the queue (to SKIPPED). */
final class SkipCommand implements CommandHandler {
  private static final Pattern ID = Pattern.compile("#?(\\d{1,18})");

  private final CandidateStore candidates;

  SkipCommand(CandidateStore candidates) {
    this.candidates = candidates;
  }

  @Override
  public CommandResult handle(Invocation call) {
    if (call.args().size() != 1 || !ID.matcher(call.args().get(0)).matches()) {
      return CommandResult.refused(
          "skip",
          null,
          "no candidate id",
          "Nothing changed: say `skip` and a candidate id, like `skip 42` (`queue` lists them).");
    }
    long id = Long.parseLong(call.args().get(0).replace("#", ""));
    String target = "candidate:" + id;
    Optional<Candidate> found = candidates.find(id);
    if (found.isEmpty()) {
      return CommandResult.refused(
          "skip",
          target,
          "no such candidate",
          "Nothing changed: there is no candidate " + id + ".");
    }
    Candidate c = found.get();
    try (var ignored = Logs.candidate(id)) {
      if (c.state() == CandidateState.SKIPPED) {
        return CommandResult.changed(
            "skip",
            target,
            c.state().name(),
            c.state().name(),
            "Nothing changed: candidate " + id + " is already skipped.");
      }
      if (!c.state().canMoveTo(CandidateState.SKIPPED)) {
        return CommandResult.refused(
            "skip",
            target,
            "state " + c.state(),
            "Nothing changed: candidate "
                + id
                + " is "
                + c.state()
                + "; only a waiting candidate can be skipped ("
                + String.join(", ", skippable())
                + ").");
      }
      if (!candidates.transition(
          id,
          c.state(),
          CandidateState.SKIPPED,
          CandidateChanges.reason("skipped by " + call.by()))) {
        return CommandResult.refused(
            "skip",
            target,
            "moved meanwhile",
            "Nothing changed: candidate " + id + " moved on meanwhile; look again with `queue`.");
      }
      return CommandResult.changed(
          "skip",
          target,
          c.state().name(),
          CandidateState.SKIPPED.name(),
          "Skipped candidate "
              + id
              + " ("
              + describe(c)
              + ", was "
              + c.state()
              + "). It will not be reviewed or posted.");
    }
  }

  @Override
  public CommandResult undo(AuditEntry entry, Invocation call) {
    long id = Long.parseLong(entry.target().substring("candidate:".length()));
    Optional<Candidate> found = candidates.find(id);
    if (found.isEmpty() || found.get().state() != CandidateState.SKIPPED) {
      return CommandResult.refused(
          "undo",
          UndoCommand.target(entry),
          "not skipped any more",
          "Not undone: candidate "
              + id
              + " is "
              + found.map(c -> c.state().name()).orElse("gone")
              + " now, not SKIPPED.");
    }
    CandidateState previous = CandidateState.valueOf(entry.before());
    Optional<CandidateState> back = backTo(previous);
    if (back.isEmpty()) {
      return CommandResult.refused(
          "undo",
          UndoCommand.target(entry),
          "cannot return to " + previous,
          "Not undone: a skipped candidate can only go back to review or to the approved queue,"
              + " and candidate "
              + id
              + " was "
              + previous
              + ", which it cannot re-enter; it stays skipped.");
    }
    if (!candidates.transition(
        id,
        CandidateState.SKIPPED,
        back.get(),
        CandidateChanges.reason("unskipped by " + call.by()))) {
      return CommandResult.refused(
          "undo", UndoCommand.target(entry), "moved meanwhile", "Not undone: it moved meanwhile.");
    }
    return CommandResult.changed(
        "undo",
        UndoCommand.target(entry),
        CandidateState.SKIPPED.name(),
        back.get().name(),
        "Undid your `skip " + id + "`: candidate " + id + " is " + back.get() + " again.");
  }

  /**
   * Where a skipped candidate can go back to: the approved queue, or review (also for one that was
   * in review, since its review message may be gone). Earlier states cannot be re-entered.
   */
  static Optional<CandidateState> backTo(CandidateState before) {
    return switch (before) {
      case APPROVED -> Optional.of(CandidateState.APPROVED);
      case QUEUED_FOR_REVIEW, IN_REVIEW -> Optional.of(CandidateState.QUEUED_FOR_REVIEW);
      default -> Optional.empty();
    };
  }

  static List<String> skippable() {
    List<String> out = new ArrayList<>();
    for (CandidateState s : CandidateState.values()) {
      if (s.canMoveTo(CandidateState.SKIPPED)) {
        out.add(s.name());
      }
    }
    return out;
  }

  static String describe(Candidate c) {
    String title = c.title() == null || c.title().isBlank() ? "untitled" : c.title();
    String by = c.author() == null || c.author().isBlank() ? "" : " by " + Md.text(c.author(), 30);
    return "“" + Md.text(title, 60) + "”" + by;
  }
}
