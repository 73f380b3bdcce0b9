package dev.nichebot.app;

import dev.nichebot.config.BotConfig;
import dev.nichebot.config.ConfigException;
import dev.nichebot.config.ConfigProblem;
import dev.nichebot.domain.Stage;
import dev.nichebot.publish.PublishSettings;
import dev.nichebot.publish.Publisher;
import dev.nichebot.reddit.RedditException;
import dev.nichebot.reddit.RedditPoster;
import dev.nichebot.schedule.StageDefinition;
import dev.nichebot.schedule.StageResult;
import dev.nichebot.schedule.StageRun;
import dev.nichebot.schedule.StageTask;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishing in the running bot: the PUBLISH stage on {@code publish.cron}, the reconciliation of
 * interrupted posts at start-up, and the one-shot wake-up that runs a slot delayed by jitter or by
 * Reddit's RATELIMIT (through the stage trigger, so it never overlaps a run under way).
 */
public final class PublishFeature implements Feature {
  private static final Logger log = LoggerFactory.getLogger(PublishFeature.class);
  private static final Duration TRIGGER_RETRY = Duration.ofSeconds(5);

  private final Core core;
  private final Publisher publisher;
  private final ScheduledExecutorService timer;
  private ScheduledFuture<?> armed;

  public PublishFeature(Core core) {
    this.core = core;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "publish-wake-up");
              t.setDaemon(true);
              return t;
            });
    this.publisher = publisher(core, this::wakeAt);
  }

  /** The publisher for this configuration (also used by {@code nichebot publish}). */
  public static Publisher publisher(Core core, Consumer<Instant> wakeAt) {
    return new Publisher(
        settings(core.config()),
        core.db(),
        core.candidates(),
        core.botState(),
        core.reddit().map(r -> (RedditPoster) r),
        core.clock(),
        new SecureRandom(),
        wakeAt);
  }

  /** {@code publish.*} (and the few other keys publishing reads) as {@link PublishSettings}. */
  public static PublishSettings settings(BotConfig config) {
    BotConfig.Publish p = config.publish();
    PublishSettings.Builder b =
        PublishSettings.builder()
            .subreddit(config.reddit().subreddit())
            .account(config.reddit().username())
            .jitter(p.jitter())
            .minGap(p.minGap())
            .dailyMax(p.dailyMax())
            .order(PublishSettings.Order.parse(p.order()))
            .dryRun(p.dryRun())
            .upload(PublishSettings.Upload.parse(p.upload()))
            .crosspost(p.crosspost())
            .defaultTitle(p.defaultTitle())
            .flair(p.flairId(), p.flairText())
            .nsfw(p.nsfw())
            .spoiler(p.spoiler())
            .maxAttempts(p.maxAttempts())
            .dedupDistance(config.crawl().dedupDistance())
            .imagesDir(config.imagesDir())
            .outboxDir(config.outboxDir());
    b.titleTemplate(template("publish.title-template", p.titleTemplate()));
    b.commentTemplate(template("publish.comment-template", p.commentTemplate()));
    if (p.defaultTitle().isBlank()) {
      throw new ConfigException(
          new ConfigProblem(
              "publish.default-title", "", "a title for posts whose template is empty"));
    }
    return b.build();
  }

  private static String template(String key, String text) {
    try {
      dev.nichebot.publish.TitleTemplate.parse(text);
      return text;
    } catch (IllegalArgumentException e) {
      throw new ConfigException(new ConfigProblem(key, text, e.getMessage()));
    }
  }

  public Publisher publisher() {
    return publisher;
  }

  @Override
  public List<StageDefinition> stages() {
    StageTask task =
        new StageTask() {
          @Override
          public StageResult run() {
            return run(StageRun.now(core.clock().instant()));
          }

          @Override
          public StageResult run(StageRun run) {
            Publisher.Outcome outcome = publisher.run(run);
            if (outcome.kind() == Publisher.Outcome.Kind.REFUSED) {
              // A failed run shows its reason in `status`: the target needs a person's attention.
              throw new IllegalStateException(outcome.summary());
            }
            return StageResult.of(outcome.posted() ? 1 : 0, outcome.summary());
          }
        };
    return List.of(StageDefinition.of(Stage.PUBLISH, core.config().publish().cron(), task));
  }

  /** Settles posts a crash interrupted, and re-arms a slot that was waiting. */
  @Override
  public void recover() {
    try {
      int settled = publisher.reconcile();
      if (settled > 0) {
        log.info("publish: {} interrupted post(s) reconciled", settled);
      }
    } catch (RedditException e) {
      log.warn(
          "publish: cannot reconcile interrupted posts now ({}); nothing is posted until they are",
          e.getMessage());
    }
    publisher.pendingSlot().ifPresent(this::wakeAt);
  }

  /** Runs the PUBLISH stage at {@code at} (one pending wake-up at a time). */
  synchronized void wakeAt(Instant at) {
    if (armed != null) {
      armed.cancel(false);
    }
    long delay = Math.max(0, Duration.between(core.clock().instant(), at).toMillis());
    armed = timer.schedule(() -> fire(at), delay, TimeUnit.MILLISECONDS);
  }

  private void fire(Instant at) {
    Optional<Instant> pending = publisher.pendingSlot();
    if (pending.isEmpty() || pending.get().isAfter(at)) {
      return; // handled meanwhile, or moved later (that move armed its own wake-up)
    }
    if (!core.stageTrigger().runNow(Stage.PUBLISH)) {
      synchronized (this) {
        armed = timer.schedule(() -> fire(at), TRIGGER_RETRY.toMillis(), TimeUnit.MILLISECONDS);
      }
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
