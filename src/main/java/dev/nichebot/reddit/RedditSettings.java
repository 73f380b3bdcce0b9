package dev.nichebot.reddit;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/**
 * Everything the Reddit client needs to know, fixed at start-up. Build it with {@link #builder()}.
 *
 * <p>Credentials are {@link Credential}s, so {@code toString()} of these settings never shows a
 * secret.
 *
 * @param authUrl where the password grant goes ({@code reddit.auth-url}, real: {@code
 *     https://www.reddit.com})
 * @param apiUrl where API calls go ({@code reddit.api-url}, real: {@code https://oauth.reddit.com})
 * @param clientId the script app's id ({@code reddit.client-id})
 * @param clientSecret the script app's secret ({@code reddit.client-secret})
 * @param username the bot account ({@code reddit.username})
 * @param password the bot account's password ({@code reddit.password})
 * @param userAgent {@code <platform>:<app id>:<version> (by /u/<owner>)}, as Reddit requires
 * @param connectTimeout TCP connect timeout per attempt
 * @param readTimeout longest silence while reading a response, per attempt
 * @param writeTimeout longest stall while sending a request, per attempt
 * @param maxAttempts how many times one request is tried (first try included) on 5xx/429/network
 *     errors
 * @param maxRetryTime how long one request may spend retrying, waits included
 * @param initialBackoff first backoff step; doubles per retry, with jitter
 * @param maxBackoff the largest single backoff step
 * @param maxPacingWait the longest a request waits for the rate limit; beyond it the request is not
 *     sent and a {@link RateLimitedException} says how long to wait instead
 * @param maxResponseBytes responses larger than this are refused (protects memory)
 * @param mediaPostTimeout how long to wait on Reddit's websocket for a native image post's URL
 * @param mediaPostLookups how often to look for the post among the account's submissions when the
 *     websocket says nothing
 * @param mediaPostLookupDelay the pause between those looks
 * @param loginRetryDelay after a refused login, how long to fail fast instead of asking again (a
 *     wrong password must not hammer the token endpoint)
 * @param clock time source for token expiry and rate-limit pacing
 * @param sleeper how the client waits (backoff, pacing)
 */
public record RedditSettings(
    HttpUrl authUrl,
    HttpUrl apiUrl,
    Credential clientId,
    Credential clientSecret,
    String username,
    Credential password,
    String userAgent,
    Duration connectTimeout,
    Duration readTimeout,
    Duration writeTimeout,
    int maxAttempts,
    Duration maxRetryTime,
    Duration initialBackoff,
    Duration maxBackoff,
    Duration maxPacingWait,
    long maxResponseBytes,
    Duration mediaPostTimeout,
    int mediaPostLookups,
    Duration mediaPostLookupDelay,
    Duration loginRetryDelay,
    Clock clock,
    Sleeper sleeper) {

  private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_-]{3,20}");
  private static final Pattern UA_PART = Pattern.compile("[A-Za-z0-9._-]+");

  public RedditSettings {
    Objects.requireNonNull(authUrl, "authUrl");
    Objects.requireNonNull(apiUrl, "apiUrl");
    require(clientId != null && !clientId.isBlank(), "Reddit client id is missing");
    require(clientSecret != null && !clientSecret.isBlank(), "Reddit client secret is missing");
    require(
        username != null && USERNAME.matcher(username).matches(),
        "Reddit username must be 3-20 letters, digits, '-' or '_'");
    require(password != null && !password.isBlank(), "Reddit password is missing");
    require(
        userAgent != null && !userAgent.isBlank(),
        "Reddit user agent is missing: set it, or set owner, app name and version");
    require(positive(connectTimeout), "connectTimeout must be positive");
    require(positive(readTimeout), "readTimeout must be positive");
    require(positive(writeTimeout), "writeTimeout must be positive");
    require(maxAttempts >= 1, "maxAttempts must be at least 1");
    require(positive(maxRetryTime), "maxRetryTime must be positive");
    require(positive(initialBackoff), "initialBackoff must be positive");
    require(
        positive(maxBackoff) && maxBackoff.compareTo(initialBackoff) >= 0,
        "maxBackoff must be at least initialBackoff");
    require(positive(maxPacingWait), "maxPacingWait must be positive");
    require(maxResponseBytes >= 1024, "maxResponseBytes must be at least 1 KiB");
    require(positive(mediaPostTimeout), "mediaPostTimeout must be positive");
    require(mediaPostLookups >= 0, "mediaPostLookups must not be negative");
    require(
        mediaPostLookupDelay != null && !mediaPostLookupDelay.isNegative(),
        "mediaPostLookupDelay must not be negative");
    require(
        loginRetryDelay != null && !loginRetryDelay.isNegative(),
        "loginRetryDelay must not be negative");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(sleeper, "sleeper");
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder pre-filled with this record's values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.authUrl = authUrl.toString();
    b.apiUrl = apiUrl.toString();
    b.clientId = clientId;
    b.clientSecret = clientSecret;
    b.username = username;
    b.password = password;
    b.userAgent = userAgent;
    b.connectTimeout = connectTimeout;
    b.readTimeout = readTimeout;
    b.writeTimeout = writeTimeout;
    b.maxAttempts = maxAttempts;
    b.maxRetryTime = maxRetryTime;
    b.initialBackoff = initialBackoff;
    b.maxBackoff = maxBackoff;
    b.maxPacingWait = maxPacingWait;
    b.maxResponseBytes = maxResponseBytes;
    b.mediaPostTimeout = mediaPostTimeout;
    b.mediaPostLookups = mediaPostLookups;
    b.mediaPostLookupDelay = mediaPostLookupDelay;
    b.loginRetryDelay = loginRetryDelay;
    b.clock = clock;
    b.sleeper = sleeper;
    return b;
  }

  private static boolean positive(Duration d) {
    return d != null && !d.isNegative() && !d.isZero();
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }

  /** Builds {@link RedditSettings}; every setting but the credentials has a sane default. */
  public static final class Builder {
    private String authUrl = "https://www.reddit.com";
    private String apiUrl = "https://oauth.reddit.com";
    private Credential clientId;
    private Credential clientSecret;
    private String username;
    private Credential password;
    private String userAgent;
    private String owner;
    private String appName;
    private String version;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofSeconds(30);
    private Duration writeTimeout = Duration.ofSeconds(30);
    private int maxAttempts = 5;
    private Duration maxRetryTime = Duration.ofMinutes(2);
    private Duration initialBackoff = Duration.ofSeconds(1);
    private Duration maxBackoff = Duration.ofSeconds(30);
    private Duration maxPacingWait = Duration.ofMinutes(2);
    private long maxResponseBytes = 8L * 1024 * 1024;
    private Duration mediaPostTimeout = Duration.ofSeconds(30);
    private int mediaPostLookups = 3;
    private Duration mediaPostLookupDelay = Duration.ofSeconds(10);
    private Duration loginRetryDelay = Duration.ofMinutes(5);
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.system();

    private Builder() {}

    public Builder authUrl(String url) {
      this.authUrl = url;
      return this;
    }

    public Builder apiUrl(String url) {
      this.apiUrl = url;
      return this;
    }

    public Builder clientId(Credential clientId) {
      this.clientId = clientId;
      return this;
    }

    public Builder clientSecret(Credential clientSecret) {
      this.clientSecret = clientSecret;
      return this;
    }

    public Builder username(String username) {
      this.username = username;
      return this;
    }

    public Builder password(Credential password) {
      this.password = password;
      return this;
    }

    /** An explicit user agent ({@code reddit.user-agent}); wins over owner, app name, version. */
    public Builder userAgent(String userAgent) {
      this.userAgent = userAgent;
      return this;
    }

    /**
     * Builds the user agent in Reddit's form {@code jvm:<appName>:<version> (by /u/<owner>)} unless
     * an explicit one is set.
     */
    public Builder userAgent(String owner, String appName, String version) {
      this.owner = owner;
      this.appName = appName;
      this.version = version;
      return this;
    }

    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = timeout;
      return this;
    }

    public Builder readTimeout(Duration timeout) {
      this.readTimeout = timeout;
      return this;
    }

    public Builder writeTimeout(Duration timeout) {
      this.writeTimeout = timeout;
      return this;
    }

    public Builder maxAttempts(int maxAttempts) {
      this.maxAttempts = maxAttempts;
      return this;
    }

    public Builder maxRetryTime(Duration maxRetryTime) {
      this.maxRetryTime = maxRetryTime;
      return this;
    }

    public Builder backoff(Duration initial, Duration max) {
      this.initialBackoff = initial;
      this.maxBackoff = max;
      return this;
    }

    public Builder maxPacingWait(Duration maxPacingWait) {
      this.maxPacingWait = maxPacingWait;
      return this;
    }

    public Builder maxResponseBytes(long maxResponseBytes) {
      this.maxResponseBytes = maxResponseBytes;
      return this;
    }

    public Builder mediaPostTimeout(Duration timeout) {
      this.mediaPostTimeout = timeout;
      return this;
    }

    public Builder mediaPostLookups(int lookups, Duration delay) {
      this.mediaPostLookups = lookups;
      this.mediaPostLookupDelay = delay;
      return this;
    }

    public Builder loginRetryDelay(Duration delay) {
      this.loginRetryDelay = delay;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = sleeper;
      return this;
    }

    public RedditSettings build() {
      return new RedditSettings(
          url("auth URL", authUrl),
          url("API URL", apiUrl),
          clientId,
          clientSecret,
          username,
          password,
          effectiveUserAgent(),
          connectTimeout,
          readTimeout,
          writeTimeout,
          maxAttempts,
          maxRetryTime,
          initialBackoff,
          maxBackoff,
          maxPacingWait,
          maxResponseBytes,
          mediaPostTimeout,
          mediaPostLookups,
          mediaPostLookupDelay,
          loginRetryDelay,
          clock,
          sleeper);
    }

    private String effectiveUserAgent() {
      if (userAgent != null && !userAgent.isBlank()) {
        return userAgent.strip();
      }
      if (owner == null && appName == null && version == null) {
        return null;
      }
      require(
          owner != null && USERNAME.matcher(owner).matches(),
          "user agent owner must be a Reddit username (3-20 letters, digits, '-' or '_')");
      require(
          appName != null && UA_PART.matcher(appName).matches(),
          "user agent app name must be letters, digits, '.', '-' or '_'");
      require(
          version != null && UA_PART.matcher(version).matches(),
          "user agent version must be letters, digits, '.', '-' or '_'");
      return "jvm:" + appName + ":" + version + " (by /u/" + owner + ")";
    }

    private static HttpUrl url(String what, String value) {
      HttpUrl url = value == null ? null : HttpUrl.parse(value);
      require(url != null, "Reddit " + what + " is not an http(s) URL: " + value);
      return url;
    }
  }
}
