package dev.nichebot.crawl.download;

import dev.nichebot.crawl.FailureReason;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.ProtocolException;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import okhttp3.Dns;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches one URL from the open web without letting it reach anything internal.
 *
 * <ul>
 *   <li>Only http and https, on the first URL and on every redirect.
 *   <li>No server-side request forgery: the host must resolve only to public addresses (see {@link
 *       AddressClassifier}); checked on each hop by the DNS lookup, for IP literals before any
 *       connection, and once more on the connected socket. Hosts on {@link
 *       DownloaderConfig#allowHosts()} are exempt.
 *   <li>Redirects are followed here, not by OkHttp, so each hop is checked and counted.
 *   <li>At most {@link DownloaderConfig#maxBytes()} bytes: refused up front by Content-Length and
 *       cut off while streaming when there is none (or it lies, or gzip inflates).
 *   <li>Connect, read and per-exchange timeouts; bounded overall and per-host concurrency with a
 *       least delay between requests to one host.
 * </ul>
 *
 * <p>Thread-safe and blocking: call {@link #download(String)} from as many worker threads as you
 * like; at most {@link DownloaderConfig#concurrency()} run at once, the rest wait their turn. Every
 * outcome, including bugs in the peer, comes back as a {@link DownloadResult}; it never throws.
 */
public final class SafeDownloader {
  private static final Logger log = LoggerFactory.getLogger(SafeDownloader.class);
  private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern SCHEME = Pattern.compile("^\\s*([a-zA-Z][a-zA-Z0-9+.-]*):");
  private static final int READ_CHUNK = 64 * 1024;

  private final OkHttpClient client;
  private final DownloaderConfig config;
  private final Semaphore inFlight;
  private final HostThrottle throttle;

  private SafeDownloader(OkHttpClient base, Dns resolver, DownloaderConfig config) {
    this.config = config;
    this.client =
        base.newBuilder()
            .dns(new GuardedDns(resolver, config))
            // Through a proxy the proxy resolves the name, out of our sight: never use one.
            .proxy(Proxy.NO_PROXY)
            .followRedirects(false)
            .followSslRedirects(false)
            .connectTimeout(config.connectTimeout())
            .readTimeout(config.readTimeout())
            .callTimeout(config.callTimeout())
            .addNetworkInterceptor(new ConnectedAddressCheck(config))
            .build();
    this.inFlight = new Semaphore(config.concurrency(), true);
    this.throttle = new HostThrottle(config.perHostConcurrency(), config.perHostDelay());
  }

  /** A downloader on the app's shared client, resolving names with that client's DNS. */
  public static SafeDownloader create(OkHttpClient base, DownloaderConfig config) {
    return builder(base).config(config).build();
  }

  public static Builder builder(OkHttpClient base) {
    return new Builder(base);
  }

  public DownloaderConfig config() {
    return config;
  }

  /** Downloads {@code url}; blocks while the concurrency limits are reached. Never throws. */
  public DownloadResult download(String url) {
    Objects.requireNonNull(url, "url");
    HttpUrl parsed = HttpUrl.parse(url.trim());
    if (parsed == null) {
      String scheme = schemeOf(url);
      return scheme != null && !isHttp(scheme)
          ? failed(url, FailureReason.BAD_SCHEME, "scheme " + scheme + " is not http(s)", url)
          : failed(url, FailureReason.INVALID_URL, "not a valid http(s) URL", url);
    }
    return follow(url, parsed);
  }

  private DownloadResult follow(String requested, HttpUrl start) {
    HttpUrl current = start;
    for (int redirects = 0; ; redirects++) {
      DownloadResult.Failed refused = refuseInternalLiteral(requested, current);
      if (refused != null) {
        return refused;
      }
      // Host first, then an overall slot: a caller queued behind a busy host must not sit on
      // an overall slot that a request to another host could use.
      HostThrottle.Permit permit;
      try {
        permit = throttle.acquire(current.host());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return failed(requested, FailureReason.INTERRUPTED, "interrupted", current.toString());
      }
      try {
        inFlight.acquire();
      } catch (InterruptedException e) {
        permit.close();
        Thread.currentThread().interrupt();
        return failed(requested, FailureReason.INTERRUPTED, "interrupted", current.toString());
      }
      try (permit;
          HostThrottle.Permit slot = inFlight::release;
          Response response = client.newCall(request(current)).execute()) {
        int code = response.code();
        if (isRedirect(code)) {
          String location = response.header("Location");
          if (location == null || location.isBlank()) {
            return failed(
                requested, FailureReason.BAD_REDIRECT, code + " without Location", current);
          }
          HttpUrl next = current.resolve(location.trim());
          if (next == null) {
            String scheme = schemeOf(location);
            FailureReason reason =
                scheme != null && !isHttp(scheme)
                    ? FailureReason.BAD_SCHEME
                    : FailureReason.BAD_REDIRECT;
            return failed(requested, reason, "redirect to unusable " + location, current);
          }
          if (redirects >= config.maxRedirects()) {
            return failed(
                requested,
                FailureReason.TOO_MANY_REDIRECTS,
                "more than " + config.maxRedirects() + " redirects",
                current);
          }
          current = next;
          continue;
        }
        if (code < 200 || code > 299) {
          return failed(requested, statusReason(code), "HTTP " + code, current);
        }
        return readBody(requested, current, response, redirects);
      } catch (IOException e) {
        return failed(requested, reasonFor(e), describe(e), current);
      } catch (RuntimeException e) {
        // OkHttp and peers' bugs must not stop a crawl: report and carry on.
        log.warn("unexpected error downloading {}", current, e);
        return failed(requested, FailureReason.NETWORK, describe(e), current);
      }
    }
  }

  private DownloadResult readBody(String requested, HttpUrl url, Response response, int redirects)
      throws IOException {
    ResponseBody body = response.body();
    long declared = body.contentLength();
    if (declared > config.maxBytes()) {
      return failed(
          requested,
          FailureReason.TOO_LARGE,
          "Content-Length " + declared + " > " + config.maxBytes(),
          url);
    }
    BufferedSource source = body.source();
    Buffer buffer = new Buffer();
    long total = 0;
    while (true) {
      long read = source.read(buffer, READ_CHUNK);
      if (read == -1) {
        break;
      }
      total += read;
      if (total > config.maxBytes()) {
        return failed(
            requested,
            FailureReason.TOO_LARGE,
            "body exceeds " + config.maxBytes() + " bytes while streaming",
            url);
      }
    }
    if (total == 0) {
      return failed(requested, FailureReason.EMPTY, "empty body", url);
    }
    String contentType = response.header("Content-Type", "");
    return new DownloadResult.Downloaded(
        requested, buffer.readByteArray(), url.toString(), contentType, redirects);
  }

  private DownloadResult.Failed refuseInternalLiteral(String requested, HttpUrl url) {
    String host = url.host();
    boolean literal = host.indexOf(':') >= 0 || IPV4_LITERAL.matcher(host).matches();
    if (!literal || config.isAllowListed(host)) {
      return null;
    }
    try {
      // A literal parses without any lookup.
      InetAddress address = InetAddress.getByName(host);
      AddressCategory category = AddressClassifier.classify(address);
      if (category.isPublic()) {
        return null;
      }
      return failed(
          requested,
          FailureReason.SSRF_BLOCKED,
          host + " is " + category.name().toLowerCase(Locale.ROOT),
          url);
    } catch (UnknownHostException e) {
      return failed(requested, FailureReason.INVALID_URL, "bad IP literal " + host, url);
    }
  }

  private Request request(HttpUrl url) {
    return new Request.Builder()
        .url(url)
        .header("User-Agent", config.userAgent())
        .header("Accept", "image/*,*/*;q=0.5")
        .get()
        .build();
  }

  static FailureReason statusReason(int code) {
    if (code == 404) {
      return FailureReason.HTTP_404;
    }
    if (code == 410) {
      return FailureReason.HTTP_410;
    }
    if (code == 429) {
      return FailureReason.HTTP_429;
    }
    if (code >= 400 && code < 500) {
      return FailureReason.HTTP_4XX;
    }
    if (code >= 500 && code < 600) {
      return FailureReason.HTTP_5XX;
    }
    return FailureReason.HTTP_OTHER;
  }

  static FailureReason reasonFor(IOException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SsrfBlockedException) {
        return FailureReason.SSRF_BLOCKED;
      }
    }
    for (Throwable s : e.getSuppressed()) {
      if (s instanceof SsrfBlockedException) {
        return FailureReason.SSRF_BLOCKED;
      }
    }
    if (e instanceof SocketTimeoutException) {
      return FailureReason.TIMEOUT;
    }
    if (e instanceof InterruptedIOException) {
      // OkHttp's call timeout is an InterruptedIOException("timeout"); a real interrupt is not.
      return Thread.currentThread().isInterrupted()
          ? FailureReason.INTERRUPTED
          : FailureReason.TIMEOUT;
    }
    if (e instanceof UnknownHostException) {
      return FailureReason.UNKNOWN_HOST;
    }
    if (e instanceof SSLException) {
      return FailureReason.TLS;
    }
    String message = String.valueOf(e.getMessage());
    if ((e instanceof ProtocolException || e instanceof java.io.EOFException)
        && message.contains("unexpected end of stream")) {
      return FailureReason.INCOMPLETE_TRANSFER;
    }
    return FailureReason.NETWORK;
  }

  private static String describe(Throwable e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  private static boolean isRedirect(int code) {
    return code == 300 || code == 301 || code == 302 || code == 303 || code == 307 || code == 308;
  }

  private static boolean isHttp(String scheme) {
    return scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https");
  }

  private static String schemeOf(String url) {
    var m = SCHEME.matcher(url);
    return m.find() ? m.group(1) : null;
  }

  private static DownloadResult.Failed failed(
      String requested, FailureReason reason, String detail, HttpUrl at) {
    return failed(requested, reason, detail, at.toString());
  }

  private static DownloadResult.Failed failed(
      String requested, FailureReason reason, String detail, String at) {
    log.debug("download of {} failed at {}: {} ({})", requested, at, reason, detail);
    return new DownloadResult.Failed(requested, reason, detail, at);
  }

  /** Builds a {@link SafeDownloader}; see {@link DownloaderConfig} for the settings. */
  public static final class Builder {
    private final OkHttpClient base;
    private DownloaderConfig config = DownloaderConfig.builder().build();
    private Dns resolver;

    private Builder(OkHttpClient base) {
      this.base = Objects.requireNonNull(base, "base");
    }

    public Builder config(DownloaderConfig config) {
      this.config = Objects.requireNonNull(config, "config");
      return this;
    }

    /**
     * The name resolution whose answers are checked; the base client's DNS by default. Tests use
     * this to make a name resolve to an internal address without a real DNS server.
     */
    public Builder resolver(Dns resolver) {
      this.resolver = Objects.requireNonNull(resolver, "resolver");
      return this;
    }

    public SafeDownloader build() {
      return new SafeDownloader(
          base,
          resolver != null ? resolver : GuardedDns.skippingReserved(base.dns(), config),
          config);
    }
  }
}
