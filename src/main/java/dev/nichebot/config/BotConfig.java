package dev.nichebot.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The whole configuration, loaded and validated by {@link ConfigLoader}. Immutable; one nested
 * record per section of {@code bot.properties}.
 */
public record BotConfig(
    Path dataDir,
    String logLevel,
    Duration shutdownGrace,
    int schedulerThreads,
    Store store,
    Web web,
    Reddit reddit,
    Discord discord,
    Crawl crawl,
    Classify classify,
    Review review,
    Publish publish,
    Moderation moderation) {

  public Path imagesDir() {
    return dataDir.resolve("images");
  }

  public Path outboxDir() {
    return dataDir.resolve("outbox");
  }

  /** Where the review happens, with {@code auto} resolved. */
  public enum ReviewMode {
    WEB,
    DISCORD
  }

  public record Store(
      String url, String username, Secret password, int poolSize, Duration connectTimeout) {

    public boolean isEmbeddedH2() {
      return url.startsWith("jdbc:h2:");
    }
  }

  public record Web(int port, String bind, Secret reviewToken) {
    public boolean enabled() {
      return port != 0;
    }
  }

  public record Reddit(
      URI authUrl,
      URI apiUrl,
      String clientId,
      Secret clientSecret,
      String username,
      Secret password,
      String owner,
      String userAgent,
      String subreddit,
      Duration connectTimeout,
      Duration readTimeout,
      int maxRetries,
      Duration maxRetryTime) {

    /** All four script-app credentials are set. */
    public boolean hasCredentials() {
      return !clientId.isEmpty()
          && clientSecret.isPresent()
          && !username.isEmpty()
          && password.isPresent();
    }
  }

  public record Discord(
      Secret token,
      String guildId,
      String reviewChannelId,
      List<String> reviewerRoleIds,
      List<String> reviewerUserIds,
      String approveEmoji,
      String rejectEmoji,
      URI restUrl,
      URI gatewayUrl,
      long uploadLimitBytes) {}

  public record Crawl(
      List<String> sources,
      String cron,
      String downloadCron,
      int firstRunPages,
      int batchSize,
      long maxBytes,
      long maxPixels,
      int maxRedirects,
      Duration connectTimeout,
      Duration readTimeout,
      int concurrency,
      int perHostConcurrency,
      Duration perHostDelay,
      List<String> allowHosts,
      int maxAttempts,
      Duration retryBackoff,
      int dedupDistance,
      double dedupSimilarity,
      String userAgent) {}

  public record Classify(
      String cron,
      Path modelDir,
      Path nsfwModelDir,
      OptionalDouble threshold,
      double nsfwThreshold,
      int batchSize,
      int threads) {}

  public record Review(
      ReviewMode mode,
      String cron,
      int quorum,
      boolean veto,
      Duration undoWindow,
      int maxPending,
      Duration remindAfter,
      Duration expireAfter) {}

  public record Publish(
      String cron,
      Duration jitter,
      Duration minGap,
      int dailyMax,
      String order,
      boolean dryRun,
      String upload,
      boolean crosspost,
      String titleTemplate,
      String defaultTitle,
      String commentTemplate,
      String flairId,
      String flairText,
      boolean nsfw,
      boolean spoiler,
      int maxAttempts) {}

  public record Moderation(String cron, Duration moderatorCache, boolean replyToStrangers) {}
}
