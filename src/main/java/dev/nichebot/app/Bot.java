package dev.nichebot.app;

import dev.nichebot.config.BotConfig;
import dev.nichebot.domain.Stage;
import dev.nichebot.reddit.RedditClient;
import dev.nichebot.schedule.PipelineScheduler;
import dev.nichebot.schedule.StageDefinition;
import dev.nichebot.store.Database;
import dev.nichebot.web.HealthCheck;
import dev.nichebot.web.HealthHandler;
import dev.nichebot.web.MetricsHandler;
import dev.nichebot.web.WebServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The always-on bot: recovers what a crash left half done, schedules every stage, serves health and
 * metrics, and shuts down in order.
 */
public final class Bot implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Bot.class);

  private final Core core;
  private final List<Feature> features;
  private final PipelineScheduler scheduler;
  private final PipelineMetrics pipelineMetrics;
  private WebServer web;
  private boolean closed;

  private Bot(Core core, List<Feature> features, PipelineScheduler scheduler) {
    this.core = core;
    this.features = features;
    this.scheduler = scheduler;
    this.pipelineMetrics = new PipelineMetrics(core.metrics(), core.candidates(), core.clock());
  }

  /** Wires the bot on an open, migrated database. */
  public static Bot create(BotConfig config, Database db, Clock clock) {
    return create(config, db, clock, Duration.ofMinutes(1));
  }

  static Bot create(BotConfig config, Database db, Clock clock, Duration misfireThreshold) {
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Core core = Core.create(config, clock, db, metrics);
    List<Feature> features = Features.create(core);
    List<StageDefinition> stages = Features.stages(core, features);
    PipelineScheduler scheduler =
        new PipelineScheduler(
            db,
            stages,
            stage -> isPaused(core, stage),
            core.jobRuns(),
            metrics,
            config.schedulerThreads(),
            misfireThreshold);
    core.stageTrigger().bind(scheduler);
    return new Bot(core, features, scheduler);
  }

  private static boolean isPaused(Core core, Stage stage) {
    return stage.pauseSwitch() != null && core.botState().isPaused(stage.pauseSwitch());
  }

  public void start() throws Exception {
    int abandoned = core.jobRuns().abandonUnfinished();
    if (abandoned > 0) {
      log.warn(
          "{} job runs were cut short by the last shutdown; their work will be retried", abandoned);
    }
    for (Feature f : features) {
      f.recover();
    }
    for (Feature f : features) {
      f.start();
    }
    scheduler.start();
    BotConfig.Web webConfig = core.config().web();
    if (webConfig.enabled()) {
      web = WebServer.bind(webConfig.bind(), webConfig.port());
      List<HealthCheck> checks = new ArrayList<>();
      checks.add(check("database", () -> core.db().ping(Duration.ofSeconds(2))));
      checks.add(check("scheduler", scheduler::isRunning));
      for (Feature f : features) {
        checks.addAll(f.healthChecks());
        f.registerRoutes(web);
      }
      web.route("/healthz", new HealthHandler(checks));
      web.route("/metrics", new MetricsHandler(core.metrics()));
      web.start();
    }
    log.info("nichebot {} is running (database {})", Version.get(), core.db().describe());
  }

  public Core core() {
    return core;
  }

  public PipelineScheduler scheduler() {
    return scheduler;
  }

  public Optional<WebServer> web() {
    return Optional.ofNullable(web);
  }

  /** Stops taking work, lets the job under way finish within the grace period, closes it all. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    log.info("shutting down: no new work is started");
    scheduler.shutdown(core.config().shutdownGrace());
    for (Feature f : features) {
      try {
        f.close();
      } catch (Exception e) {
        log.warn("closing {}: {}", f.getClass().getSimpleName(), e.toString());
      }
    }
    if (web != null) {
      web.close();
    }
    pipelineMetrics.close();
    core.reddit().ifPresent(RedditClient::close);
    core.http().dispatcher().executorService().shutdown();
    core.http().connectionPool().evictAll();
    log.info("stopped");
  }

  private static HealthCheck check(String name, java.util.function.BooleanSupplier up) {
    return new HealthCheck() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public boolean isUp() {
        return up.getAsBoolean();
      }
    };
  }
}
