package dev.nichebot.moderation;

import dev.nichebot.domain.AuditEntry;
import java.util.Map;
import java.util.Optional;

/**
 * {@code undo}: reverts the sender's own last command that changed something, from the before and
 * after values in its audit entry. Repeated, it walks further back. Refused when the world has
 * moved on since (another moderator changed the same thing), and for commands that cannot be
 * reverted ({@code remove} deleted the post on Reddit).
 */
final class UndoCommand implements CommandHandler {
  private final CommandHistory history;
  private final Map<String, CommandHandler> byAction;

  /**
   * @param byAction the handler that reverts each action; the actions whose last use counts as
   *     "your last command"
   */
  UndoCommand(CommandHistory history, Map<String, CommandHandler> byAction) {
    this.history = history;
    this.byAction = Map.copyOf(byAction);
  }

  @Override
  public CommandResult handle(Invocation call) {
    Optional<AuditEntry> last = history.lastChange(call.moderator(), byAction.keySet());
    if (last.isEmpty()) {
      return CommandResult.refused(
          "undo", null, "nothing to undo", "Nothing to undo: you have no command left to revert.");
    }
    AuditEntry entry = last.get();
    CommandResult result = byAction.get(entry.action()).undo(entry, call);
    return result.withDetail(
        "undoes "
            + entry.action()
            + " "
            + entry.target()
            + " of "
            + StatusCommand.TIME.format(entry.at())
            + (result.detail() == null ? "" : ": " + result.detail()));
  }

  /** How an undo's audit entry names the entry it reverts. */
  static String target(AuditEntry entry) {
    return "audit:" + entry.id();
  }
}
