package dev.nichebot.app;

import dev.nichebot.config.BotConfig;
import dev.nichebot.domain.Stage;
import dev.nichebot.moderation.InboxProcessor;
import dev.nichebot.moderation.InboxRun;
import dev.nichebot.moderation.ModerationSettings;
import dev.nichebot.reddit.RedditClient;
import dev.nichebot.schedule.StageDefinition;
import dev.nichebot.schedule.StageResult;
import java.util.List;
import java.util.Optional;

/**
 * Moderators steer the bot by Reddit private message: the INBOX stage ({@code moderation.cron}).
 * Needs the Reddit login and {@code reddit.subreddit}; without them the stage says why it does not
 * run.
 */
final class ModerationFeature implements Feature {
  private final Core core;
  private final Optional<InboxProcessor> processor;

  ModerationFeature(Core core) {
    this.core = core;
    BotConfig config = core.config();
    this.processor =
        core.reddit()
            .filter(r -> !config.reddit().subreddit().isBlank())
            .map(reddit -> processor(core, reddit));
  }

  private static InboxProcessor processor(Core core, RedditClient reddit) {
    BotConfig config = core.config();
    return new InboxProcessor(
        new ModerationSettings(
            config.reddit().subreddit(),
            config.reddit().username(),
            config.moderation().moderatorCache(),
            config.moderation().replyToStrangers()),
        core.db(),
        core.clock(),
        core.candidates(),
        core.botState(),
        core.audit(),
        reddit,
        reddit,
        new ModerationStatus(core.db(), core.clock()),
        () -> core.stageTrigger().runNow(Stage.PUBLISH));
  }

  @Override
  public List<StageDefinition> stages() {
    String cron = core.config().moderation().cron();
    if (processor.isEmpty()) {
      return List.of(
          StageDefinition.unavailable(
              Stage.INBOX,
              cron,
              "moderators' commands need the Reddit login (reddit.client-id, ...) and"
                  + " reddit.subreddit"));
    }
    InboxProcessor inbox = processor.get();
    return List.of(
        StageDefinition.of(
            Stage.INBOX,
            cron,
            () -> {
              InboxRun run = inbox.run();
              return StageResult.of(run.items(), run.summary());
            }));
  }
}
