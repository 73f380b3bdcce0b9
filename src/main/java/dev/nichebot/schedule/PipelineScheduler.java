package dev.nichebot.schedule;

import dev.nichebot.domain.Stage;
import dev.nichebot.store.Database;
import dev.nichebot.store.JobRunStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TimeZone;
import java.util.concurrent.atomic.AtomicInteger;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.impl.matchers.GroupMatcher;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Quartz, with its job store in our own database so schedules and missed slots survive restarts:
 * one job per stage, each on its own cron expression.
 *
 * <p>After downtime a missed slot runs once (fire-and-proceed), not once per missed slot.
 */
public final class PipelineScheduler implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PipelineScheduler.class);
  public static final String SCHEDULER_NAME = "nichebot";
  static final String GROUP = "pipeline";
  private static final AtomicInteger PROVIDERS = new AtomicInteger();

  private final Database db;
  private final List<StageDefinition> stages;
  private final StageGate gate;
  private final JobRunStore runs;
  private final MeterRegistry metrics;
  private final int threads;
  private final Duration misfireThreshold;
  private Scheduler scheduler;

  public PipelineScheduler(
      Database db,
      List<StageDefinition> stages,
      StageGate gate,
      JobRunStore runs,
      MeterRegistry metrics,
      int threads,
      Duration misfireThreshold) {
    this.db = db;
    this.stages = List.copyOf(stages);
    this.gate = gate;
    this.runs = runs;
    this.metrics = metrics;
    this.threads = threads;
    this.misfireThreshold = misfireThreshold;
  }

  /** Creates the scheduler, brings the stored schedules in line with the configuration, starts. */
  public void start() throws SchedulerException {
    String providerName = "nichebot-db-" + PROVIDERS.incrementAndGet();
    DBConnectionManager.getInstance().addConnectionProvider(providerName, new Provider(db));
    Properties p = new Properties();
    p.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_NAME, SCHEDULER_NAME);
    p.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_ID, "nichebot");
    p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
    p.setProperty("org.quartz.scheduler.interruptJobsOnShutdownWithWait", "false");
    p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(threads));
    p.setProperty("org.quartz.threadPool.threadNamePrefix", "stage");
    p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
    p.setProperty(
        "org.quartz.jobStore.driverDelegateClass",
        db.vendor() == Database.Vendor.POSTGRESQL
            ? "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate"
            : "org.quartz.impl.jdbcjobstore.StdJDBCDelegate");
    p.setProperty("org.quartz.jobStore.dataSource", providerName);
    p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
    p.setProperty(
        "org.quartz.jobStore.misfireThreshold", Long.toString(misfireThreshold.toMillis()));
    p.setProperty("org.quartz.jobStore.isClustered", "false");
    scheduler = new StdSchedulerFactory(p).getScheduler();

    Map<String, StageDefinition> byName = new java.util.HashMap<>();
    for (StageDefinition d : stages) {
      byName.put(d.stage().id(), d);
    }
    scheduler.setJobFactory(
        (bundle, s) -> {
          StageDefinition d = byName.get(bundle.getJobDetail().getKey().getName());
          if (d == null || d.task().isEmpty()) {
            throw new SchedulerException("no task for job " + bundle.getJobDetail().getKey());
          }
          return new StageJob(d.stage(), d.task().get(), gate, runs, metrics);
        });
    reconcile();
    scheduler.start();
  }

  private void reconcile() throws SchedulerException {
    for (JobKey key : scheduler.getJobKeys(GroupMatcher.jobGroupEquals(GROUP))) {
      boolean known = stages.stream().anyMatch(d -> d.stage().id().equals(key.getName()));
      if (!known) {
        scheduler.deleteJob(key);
      }
    }
    for (StageDefinition d : stages) {
      JobKey jobKey = JobKey.jobKey(d.stage().id(), GROUP);
      TriggerKey triggerKey = TriggerKey.triggerKey(d.stage().id(), GROUP);
      if (d.task().isEmpty()) {
        scheduler.deleteJob(jobKey);
        log.info("{} is not scheduled: {}", d.stage().id(), d.whyNot());
        continue;
      }
      Trigger existing = scheduler.getTrigger(triggerKey);
      if (existing instanceof CronTrigger ct
          && ct.getCronExpression().equals(d.cron())
          && scheduler.checkExists(jobKey)) {
        // Keep the stored trigger: its next fire time is what detects a slot missed while down.
        log.info("{} scheduled '{}', next run {}", d.stage().id(), d.cron(), ct.getNextFireTime());
        continue;
      }
      JobDetail job =
          JobBuilder.newJob(StageJob.class)
              .withIdentity(jobKey)
              .withDescription("pipeline stage " + d.stage().id())
              .storeDurably()
              .build();
      CronTrigger trigger =
          TriggerBuilder.newTrigger()
              .withIdentity(triggerKey)
              .forJob(jobKey)
              .withSchedule(
                  CronScheduleBuilder.cronSchedule(d.cron())
                      .inTimeZone(TimeZone.getDefault())
                      .withMisfireHandlingInstructionFireAndProceed())
              .build();
      scheduler.addJob(job, true);
      if (existing != null) {
        scheduler.rescheduleJob(triggerKey, trigger);
      } else {
        scheduler.scheduleJob(trigger);
      }
      log.info(
          "{} scheduled '{}', next run {}",
          d.stage().id(),
          d.cron(),
          scheduler.getTrigger(triggerKey).getNextFireTime());
    }
  }

  public boolean isRunning() {
    try {
      return scheduler != null
          && scheduler.isStarted()
          && !scheduler.isInStandbyMode()
          && !scheduler.isShutdown();
    } catch (SchedulerException e) {
      return false;
    }
  }

  /** Runs a stage now, outside its schedule (it still never overlaps a run under way). */
  public void runNow(Stage stage) throws SchedulerException {
    scheduler.triggerJob(JobKey.jobKey(stage.id(), GROUP));
  }

  public Map<Stage, Instant> nextRuns() {
    Map<Stage, Instant> out = new EnumMap<>(Stage.class);
    if (scheduler == null) {
      return out;
    }
    for (StageDefinition d : stages) {
      try {
        Trigger t = scheduler.getTrigger(TriggerKey.triggerKey(d.stage().id(), GROUP));
        if (t != null && t.getNextFireTime() != null) {
          out.put(d.stage(), t.getNextFireTime().toInstant());
        }
      } catch (SchedulerException e) {
        log.debug("next run of {}: {}", d.stage().id(), e.getMessage());
      }
    }
    return out;
  }

  /**
   * Stops taking work, lets the runs under way finish for up to {@code grace}, then interrupts them
   * (each leaves the database consistent; its unfinished work is retried after restart).
   */
  public void shutdown(Duration grace) {
    if (scheduler == null) {
      return;
    }
    try {
      scheduler.standby();
      Thread waiter =
          new Thread(
              () -> {
                try {
                  scheduler.shutdown(true);
                } catch (SchedulerException e) {
                  log.warn("scheduler shutdown: {}", e.getMessage());
                }
              },
              "scheduler-shutdown");
      waiter.start();
      waiter.join(grace.toMillis());
      if (waiter.isAlive()) {
        for (JobExecutionContext running : scheduler.getCurrentlyExecutingJobs()) {
          log.warn(
              "{} still running after {}: interrupting it",
              running.getJobDetail().getKey().getName(),
              grace);
          scheduler.interrupt(running.getJobDetail().getKey());
        }
        waiter.join(10_000);
      }
    } catch (SchedulerException e) {
      log.warn("scheduler shutdown: {}", e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    shutdown(Duration.ofSeconds(30));
  }

  /** Next run of every scheduled stage, read from Quartz's tables (works from another process). */
  public static Map<Stage, Instant> storedNextRuns(Database db) {
    Map<Stage, Instant> out = new EnumMap<>(Stage.class);
    db.query(
            "SELECT TRIGGER_NAME, NEXT_FIRE_TIME FROM QRTZ_TRIGGERS WHERE SCHED_NAME = ? AND"
                + " TRIGGER_GROUP = ?",
            rs -> Map.entry(rs.getString(1), rs.getLong(2)),
            SCHEDULER_NAME,
            GROUP)
        .forEach(
            e -> {
              for (Stage s : Stage.values()) {
                if (s.id().equals(e.getKey()) && e.getValue() > 0) {
                  out.put(s, Instant.ofEpochMilli(e.getValue()));
                }
              }
            });
    return out;
  }

  private record Provider(Database db) implements ConnectionProvider {
    @Override
    public Connection getConnection() throws SQLException {
      return db.dataSource().getConnection();
    }

    @Override
    public void shutdown() {
      // The pool belongs to Database and outlives the scheduler.
    }

    @Override
    public void initialize() {}
  }
}
