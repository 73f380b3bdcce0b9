package dev.nichebot.moderation;

/**
 * Runs one moderator command. Called inside the transaction that also records the message as
 * handled, the audit entry and the reply, so its database changes land together with them or not at
 * all.
 */
interface CommandHandler {

  CommandResult handle(Invocation call);

  /**
   * Reverts what this command recorded in {@code entry}, if the world still looks as it left it.
   * Commands that cannot be undone keep this default.
   */
  default CommandResult undo(dev.nichebot.domain.AuditEntry entry, Invocation call) {
    return CommandResult.refused(
        "undo",
        UndoCommand.target(entry),
        "cannot be undone",
        "Your last command, " + Md.code(entry.action()) + ", cannot be undone.");
  }
}
