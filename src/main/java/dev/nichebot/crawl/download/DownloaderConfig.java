package dev.nichebot.crawl.download;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Limits and politeness settings of a {@link SafeDownloader}. Build one with {@link #builder()};
 * every setting has a default that suits a small bot.
 *
 * @param maxBytes largest body accepted, enforced on Content-Length and again while streaming
 * @param maxRedirects redirects followed before giving up (each one is checked for SSRF again)
 * @param connectTimeout TCP (and TLS) connect timeout
 * @param readTimeout longest silence while reading headers or body
 * @param callTimeout longest time one request/response exchange may take, body included
 * @param concurrency downloads in flight at once, over all hosts
 * @param perHostConcurrency downloads in flight at once to one host
 * @param perHostDelay least time between the starts of two requests to the same host
 * @param allowHosts host names or IP literals that may be internal (tests, a local mirror); match
 *     is exact and case-insensitive on the URL's host, never on what it resolves to
 * @param userAgent the User-Agent header sent with every request
 */
public record DownloaderConfig(
    long maxBytes,
    int maxRedirects,
    Duration connectTimeout,
    Duration readTimeout,
    Duration callTimeout,
    int concurrency,
    int perHostConcurrency,
    Duration perHostDelay,
    Set<String> allowHosts,
    String userAgent) {

  public static final long DEFAULT_MAX_BYTES = 20L * 1024 * 1024;
  public static final int DEFAULT_MAX_REDIRECTS = 5;
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(20);
  public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(60);
  public static final int DEFAULT_CONCURRENCY = 8;
  public static final int DEFAULT_PER_HOST_CONCURRENCY = 2;
  public static final Duration DEFAULT_PER_HOST_DELAY = Duration.ofMillis(250);
  public static final String DEFAULT_USER_AGENT = "nichebot/0.1 (image crawler)";

  public DownloaderConfig {
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
    }
    if (maxRedirects < 0) {
      throw new IllegalArgumentException("maxRedirects must not be negative: " + maxRedirects);
    }
    requirePositive(connectTimeout, "connectTimeout");
    requirePositive(readTimeout, "readTimeout");
    requirePositive(callTimeout, "callTimeout");
    if (concurrency < 1 || perHostConcurrency < 1) {
      throw new IllegalArgumentException("concurrency and perHostConcurrency must be at least 1");
    }
    Objects.requireNonNull(perHostDelay, "perHostDelay");
    if (perHostDelay.isNegative()) {
      throw new IllegalArgumentException("perHostDelay must not be negative");
    }
    allowHosts =
        allowHosts.stream()
            .map(DownloaderConfig::normalizeHost)
            .filter(h -> !h.isEmpty())
            .collect(Collectors.toUnmodifiableSet());
    Objects.requireNonNull(userAgent, "userAgent");
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this configuration. */
  public Builder toBuilder() {
    return new Builder()
        .maxBytes(maxBytes)
        .maxRedirects(maxRedirects)
        .connectTimeout(connectTimeout)
        .readTimeout(readTimeout)
        .callTimeout(callTimeout)
        .concurrency(concurrency)
        .perHostConcurrency(perHostConcurrency)
        .perHostDelay(perHostDelay)
        .allowHosts(allowHosts)
        .userAgent(userAgent);
  }

  /** Whether the host of a URL is on the allow-list and so exempt from the SSRF check. */
  public boolean isAllowListed(String host) {
    return !allowHosts.isEmpty() && allowHosts.contains(normalizeHost(host));
  }

  // HttpUrl gives IPv6 hosts without brackets; operators may write them with.
  static String normalizeHost(String host) {
    String h = host.trim().toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    return h;
  }

  private static void requirePositive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException(name + " must be positive: " + d);
    }
  }

  public static final class Builder {
    private long maxBytes = DEFAULT_MAX_BYTES;
    private int maxRedirects = DEFAULT_MAX_REDIRECTS;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration readTimeout = DEFAULT_READ_TIMEOUT;
    private Duration callTimeout = DEFAULT_CALL_TIMEOUT;
    private int concurrency = DEFAULT_CONCURRENCY;
    private int perHostConcurrency = DEFAULT_PER_HOST_CONCURRENCY;
    private Duration perHostDelay = DEFAULT_PER_HOST_DELAY;
    private Set<String> allowHosts = Set.of();
    private String userAgent = DEFAULT_USER_AGENT;

    private Builder() {}

    public Builder maxBytes(long maxBytes) {
      this.maxBytes = maxBytes;
      return this;
    }

    public Builder maxRedirects(int maxRedirects) {
      this.maxRedirects = maxRedirects;
      return this;
    }

    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = connectTimeout;
      return this;
    }

    public Builder readTimeout(Duration readTimeout) {
      this.readTimeout = readTimeout;
      return this;
    }

    public Builder callTimeout(Duration callTimeout) {
      this.callTimeout = callTimeout;
      return this;
    }

    public Builder concurrency(int concurrency) {
      this.concurrency = concurrency;
      return this;
    }

    public Builder perHostConcurrency(int perHostConcurrency) {
      this.perHostConcurrency = perHostConcurrency;
      return this;
    }

    public Builder perHostDelay(Duration perHostDelay) {
      this.perHostDelay = perHostDelay;
      return this;
    }

    public Builder allowHosts(Set<String> allowHosts) {
      this.allowHosts = Set.copyOf(allowHosts);
      return this;
    }

    public Builder userAgent(String userAgent) {
      this.userAgent = userAgent;
      return this;
    }

    public DownloaderConfig build() {
      return new DownloaderConfig(
          maxBytes,
          maxRedirects,
          connectTimeout,
          readTimeout,
          callTimeout,
          concurrency,
          perHostConcurrency,
          perHostDelay,
          allowHosts,
          userAgent);
    }
  }
}
