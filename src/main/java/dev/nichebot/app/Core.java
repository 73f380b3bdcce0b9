package dev.nichebot.app;

import dev.nichebot.config.BotConfig;
import dev.nichebot.reddit.RedditClient;
import dev.nichebot.store.AuditLog;
import dev.nichebot.store.BotStateStore;
import dev.nichebot.store.CandidateStore;
import dev.nichebot.store.Database;
import dev.nichebot.store.JobRunStore;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.Optional;
import okhttp3.OkHttpClient;

/**
 * What every feature is built from: configuration, clock, the database and its stores, the shared
 * HTTP client, and the Reddit client when credentials are configured.
 */
public record Core(
    BotConfig config,
    Clock clock,
    Database db,
    CandidateStore candidates,
    BotStateStore botState,
    AuditLog audit,
    JobRunStore jobRuns,
    PrometheusMeterRegistry metrics,
    OkHttpClient http,
    Optional<RedditClient> reddit,
    LateStageTrigger stageTrigger) {

  public static Core create(
      BotConfig config, Clock clock, Database db, PrometheusMeterRegistry metrics) {
    String instance = "pid-" + ProcessHandle.current().pid();
    OkHttpClient http = new OkHttpClient();
    return new Core(
        config,
        clock,
        db,
        new CandidateStore(db, clock),
        new BotStateStore(db, clock),
        new AuditLog(db, clock),
        new JobRunStore(db, clock, instance),
        metrics,
        http,
        RedditClients.create(config.reddit(), http, clock),
        new LateStageTrigger());
  }
}
