package dev.nichebot.moderation;

import dev.nichebot.domain.CandidateState;
import dev.nichebot.domain.PauseSwitch;
import dev.nichebot.store.BotStateStore;
import dev.nichebot.store.CandidateStore;

/**
 * {@code post now}: runs the publish stage at once. Says plainly when that cannot post anything:
 * publishing is paused, nothing is approved, or the stage could not be started.
 */
final class PostNowCommand implements CommandHandler {
  private final BotStateStore botState;
  private final CandidateStore candidates;
  private final PublishTrigger trigger;

  PostNowCommand(BotStateStore botState, CandidateStore candidates, PublishTrigger trigger) {
    this.botState = botState;
    this.candidates = candidates;
    this.trigger = trigger;
  }

  @Override
  public CommandResult handle(Invocation call) {
    if (call.args().size() != 1 || !call.command().word(0).equals("now")) {
      return CommandResult.refused(
          "post.now", null, "bad arguments", "Nothing done: say `post now`.");
    }
    if (botState.isPaused(PauseSwitch.PUBLISH)) {
      return CommandResult.refused(
          "post.now",
          "publish",
          "publishing is paused",
          "Nothing posted: publishing is paused. Say `resume publish` first.");
    }
    long approved = candidates.count(CandidateState.APPROVED);
    if (approved == 0) {
      return CommandResult.refused(
          "post.now",
          "publish",
          "nothing approved",
          "Nothing posted: no approved image is waiting (`queue` shows the queue).");
    }
    if (!trigger.publishNow()) {
      return CommandResult.refused(
          "post.now",
          "publish",
          "publish stage not started",
          "Nothing posted: publishing cannot start now (the scheduler is not running, or the"
              + " publish stage is not set up; the bot's log says which).");
    }
    return new CommandResult(
        "Publishing runs now: it posts the next of "
            + approved
            + " approved "
            + (approved == 1 ? "image" : "images")
            + " unless a posting limit (minimum gap, daily maximum, Reddit's rate limit) holds it"
            + " back.",
        "post.now",
        "publish",
        "waiting",
        "triggered",
        "publish stage triggered",
        false);
  }
}
