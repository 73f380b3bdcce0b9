package dev.nichebot.moderation;

/**
 * What one run of the inbox job did.
 *
 * @param unread inbox items Reddit served as unread
 * @param commands moderators' commands run (including ones refused for their arguments)
 * @param refused items that were not a moderator's private message: no effect
 * @param alreadyHandled items handled by an earlier run that had not been marked read yet
 * @param repliesSent replies sent in this run
 * @param repliesWaiting replies still queued (rate limit, outage)
 */
public record InboxRun(
    int unread,
    int commands,
    int refused,
    int alreadyHandled,
    int repliesSent,
    int repliesWaiting) {

  /** Items handled in this run (what the job counts). */
  public int items() {
    return commands + refused + repliesSent;
  }

  public String summary() {
    return unread
        + " unread: "
        + commands
        + " commands, "
        + refused
        + " refused, "
        + alreadyHandled
        + " already handled; "
        + repliesSent
        + " replies sent, "
        + repliesWaiting
        + " waiting";
  }
}
