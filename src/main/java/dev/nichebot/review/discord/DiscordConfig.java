package dev.nichebot.review.discord;

import dev.nichebot.config.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach Discord and where to review. Build with {@link #builder(Secret, long, long)}; its
 * {@code toString()} shows the token as {@code ***}.
 *
 * @param token the bot token ({@code discord.token})
 * @param guildId the review server ({@code discord.guild-id})
 * @param reviewChannelId the private review channel ({@code discord.review-channel-id})
 * @param approveEmoji the reaction that approves (default ✅)
 * @param rejectEmoji the reaction that rejects (default ❌)
 * @param restBaseUrl Discord's REST API base (default {@value #DEFAULT_REST_BASE_URL})
 * @param gatewayUrl Discord's gateway (default {@value #DEFAULT_GATEWAY_URL}); a plain {@code
 *     ws://} one (a local fake) is used without compression
 * @param uploadLimitBytes the largest file Discord accepts from the bot (default 8 MiB); images are
 *     scaled down to fit
 * @param maxImageSide the longest side an uploaded image may have, in pixels (default 2048)
 * @param requestTimeout how long one call may take, retries included (default 30 s)
 * @param attempts how often a call is tried when Discord answers with a server error (default 3)
 * @param retryBackoff the pause before the second attempt, doubled after each (default 1 s)
 */
public record DiscordConfig(
    Secret token,
    long guildId,
    long reviewChannelId,
    String approveEmoji,
    String rejectEmoji,
    URI restBaseUrl,
    URI gatewayUrl,
    long uploadLimitBytes,
    int maxImageSide,
    Duration requestTimeout,
    int attempts,
    Duration retryBackoff) {

  public static final String DEFAULT_REST_BASE_URL = "https://discord.com/api/v10/";
  public static final String DEFAULT_GATEWAY_URL = "wss://gateway.discord.gg/";
  public static final long DEFAULT_UPLOAD_LIMIT_BYTES = 8L * 1024 * 1024;
  public static final int DEFAULT_MAX_IMAGE_SIDE = 2048;

  public DiscordConfig {
    if (token == null || token.isEmpty()) {
      throw new IllegalArgumentException("discord.token is required");
    }
    requirePositive(guildId, "discord.guild-id");
    requirePositive(reviewChannelId, "discord.review-channel-id");
    requireNotBlank(approveEmoji, "approve emoji");
    requireNotBlank(rejectEmoji, "reject emoji");
    approveEmoji = approveEmoji.strip();
    rejectEmoji = rejectEmoji.strip();
    if (approveEmoji.equals(rejectEmoji)) {
      throw new IllegalArgumentException("approve and reject emoji must differ: " + approveEmoji);
    }
    requireScheme(restBaseUrl, "Discord REST base URL", "http", "https");
    requireScheme(gatewayUrl, "Discord gateway URL", "ws", "wss");
    if (uploadLimitBytes < 64 * 1024) {
      throw new IllegalArgumentException(
          "upload limit must be at least 64 KiB: " + uploadLimitBytes);
    }
    if (maxImageSide < 64) {
      throw new IllegalArgumentException("max image side must be at least 64 px: " + maxImageSide);
    }
    requirePositive(requestTimeout, "request timeout");
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1: " + attempts);
    }
    Objects.requireNonNull(retryBackoff, "retry backoff");
    if (retryBackoff.isNegative()) {
      throw new IllegalArgumentException("retry backoff must not be negative: " + retryBackoff);
    }
  }

  public static Builder builder(Secret token, long guildId, long reviewChannelId) {
    return new Builder(token, guildId, reviewChannelId);
  }

  /** Whether the gateway is a plain-text local one (a test fake), which gets no compression. */
  boolean plainGateway() {
    return "ws".equalsIgnoreCase(gatewayUrl.getScheme());
  }

  private static void requirePositive(long id, String name) {
    if (id <= 0) {
      throw new IllegalArgumentException(name + " must be a Discord id (a positive number): " + id);
    }
  }

  private static void requirePositive(Duration duration, String name) {
    Objects.requireNonNull(duration, name);
    if (duration.isZero() || duration.isNegative()) {
      throw new IllegalArgumentException(name + " must be positive: " + duration);
    }
  }

  private static void requireNotBlank(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be empty");
    }
  }

  private static void requireScheme(URI url, String name, String... schemes) {
    Objects.requireNonNull(url, name);
    for (String scheme : schemes) {
      if (scheme.equalsIgnoreCase(url.getScheme()) && url.getHost() != null) {
        return;
      }
    }
    throw new IllegalArgumentException(
        name + " must be an absolute " + String.join("/", schemes) + " URL: " + url);
  }

  /** Builds a {@link DiscordConfig}; everything but token, server and channel has a default. */
  public static final class Builder {
    private final Secret token;
    private final long guildId;
    private final long reviewChannelId;
    private String approveEmoji = "✅";
    private String rejectEmoji = "❌";
    private URI restBaseUrl = URI.create(DEFAULT_REST_BASE_URL);
    private URI gatewayUrl = URI.create(DEFAULT_GATEWAY_URL);
    private long uploadLimitBytes = DEFAULT_UPLOAD_LIMIT_BYTES;
    private int maxImageSide = DEFAULT_MAX_IMAGE_SIDE;
    private Duration requestTimeout = Duration.ofSeconds(30);
    private int attempts = 3;
    private Duration retryBackoff = Duration.ofSeconds(1);

    private Builder(Secret token, long guildId, long reviewChannelId) {
      this.token = token;
      this.guildId = guildId;
      this.reviewChannelId = reviewChannelId;
    }

    public Builder approveEmoji(String emoji) {
      this.approveEmoji = emoji;
      return this;
    }

    public Builder rejectEmoji(String emoji) {
      this.rejectEmoji = emoji;
      return this;
    }

    public Builder restBaseUrl(URI url) {
      this.restBaseUrl = url;
      return this;
    }

    public Builder gatewayUrl(URI url) {
      this.gatewayUrl = url;
      return this;
    }

    public Builder uploadLimitBytes(long bytes) {
      this.uploadLimitBytes = bytes;
      return this;
    }

    public Builder maxImageSide(int pixels) {
      this.maxImageSide = pixels;
      return this;
    }

    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = timeout;
      return this;
    }

    public Builder attempts(int attempts) {
      this.attempts = attempts;
      return this;
    }

    public Builder retryBackoff(Duration backoff) {
      this.retryBackoff = backoff;
      return this;
    }

    public DiscordConfig build() {
      return new DiscordConfig(
          token,
          guildId,
          reviewChannelId,
          approveEmoji,
          rejectEmoji,
          restBaseUrl,
          gatewayUrl,
          uploadLimitBytes,
          maxImageSide,
          requestTimeout,
          attempts,
          retryBackoff);
    }
  }
}
