package dev.nichebot.app.cli;

import dev.nichebot.app.Core;
import dev.nichebot.app.PublishFeature;
import dev.nichebot.config.BotConfig;
import dev.nichebot.config.LoadedConfig;
import dev.nichebot.domain.CandidateState;
import dev.nichebot.domain.PauseSwitch;
import dev.nichebot.publish.Publisher;
import dev.nichebot.reddit.RedditClient;
import dev.nichebot.schedule.StageRun;
import dev.nichebot.store.DataDirLock;
import dev.nichebot.store.Database;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "publish",
    description = {
      "Post one approved candidate now (--now), outside the schedule, exactly once.",
      "Without --now: what would be posted and when. Refuses while the bot is running (ask it"
          + " with a moderator's 'post now' instead): two posters could race."
    })
public final class PublishCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--now", description = "Post one candidate now (gap and daily maximum ignored).")
  boolean now;

  @Override
  public Integer call() throws Exception {
    LoadedConfig loaded = CliSupport.config(spec);
    BotConfig config = loaded.config();
    PrintWriter out = spec.commandLine().getOut();
    try (DataDirLock lock = DataDirLock.acquire(config.dataDir());
        Database db = CliSupport.database(loaded)) {
      Clock clock = Clock.systemUTC();
      Core core =
          Core.create(config, clock, db, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
      try {
        Publisher publisher = PublishFeature.publisher(core, at -> {});
        String mode =
            publisher.settings().dryRun()
                ? "dry run: posts are written to " + config.outboxDir()
                : "posting to r/" + publisher.settings().subreddit();
        if (!now) {
          out.printf(
              "%s%napproved candidates waiting: %d%nnext slot: %s%n",
              mode,
              core.candidates().count(CandidateState.APPROVED),
              publisher
                  .pendingSlot()
                  .map(Object::toString)
                  .orElse("at the next publish.cron time"));
          out.flush();
          return 0;
        }
        if (core.botState().isPaused(PauseSwitch.PUBLISH)) {
          spec.commandLine().getErr().println("nichebot: publishing is paused; resume it first");
          return 1;
        }
        Publisher.Outcome outcome = publisher.run(StageRun.now(clock.instant()));
        out.println(mode);
        out.println(outcome.summary());
        out.flush();
        return outcome.posted() ? 0 : 1;
      } finally {
        core.reddit().ifPresent(RedditClient::close);
        core.http().dispatcher().executorService().shutdown();
        core.http().connectionPool().evictAll();
      }
    }
  }
}
