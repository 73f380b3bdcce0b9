package dev.nichebot.moderation;

/**
 * What a command did: the reply for the moderator and the audit entry (the action, on what, the
 * value before and after). A refused command changed nothing; its audit action ends in {@code
 * .refused}.
 *
 * @param reply short Markdown for the moderator
 * @param action what was done ({@code pause}, {@code threshold}, ...)
 * @param target on what ({@code publish}, {@code candidate:12}, ...), or null
 * @param before the value before, or null
 * @param after the value after, or null
 * @param detail anything else worth keeping (the reason for a refusal, what else moved)
 * @param refused the arguments were wrong or the command could not apply: nothing changed
 */
record CommandResult(
    String reply,
    String action,
    String target,
    String before,
    String after,
    String detail,
    boolean refused) {

  /** A command that changed something (or would have, and found it already so). */
  static CommandResult changed(
      String action, String target, String before, String after, String reply) {
    return new CommandResult(reply, action, target, before, after, null, false);
  }

  /** A command that only reports. */
  static CommandResult info(String action, String reply) {
    return new CommandResult(reply, action, null, null, null, null, false);
  }

  /** Bad arguments, or the command cannot apply: nothing changed, and the reply says why. */
  static CommandResult refused(String action, String target, String why, String reply) {
    return new CommandResult(reply, action, target, null, null, why, true);
  }

  CommandResult withDetail(String detail) {
    return new CommandResult(reply, action, target, before, after, detail, refused);
  }

  /** The audit log's action: {@code .refused} appended when nothing changed for a reason. */
  String auditAction() {
    return refused ? action + ".refused" : action;
  }
}
