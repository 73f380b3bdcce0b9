package dev.nichebot.crawl;

/**
 * Why an image could not be fetched, checked or stored: the machine-readable reason a FAILED
 * candidate carries, counted in {@code status} and {@code /metrics}.
 *
 * <p>{@linkplain #isTransient() Transient} reasons are worth retrying later with backoff (the peer
 * may recover); permanent ones will fail the same way every time.
 */
public enum FailureReason {
  /** The URL cannot be parsed. */
  INVALID_URL(false),
  /** Not http or https (file:, ftp:, gopher:, data:, ...). */
  BAD_SCHEME(false),
  /** The host is or resolves to a loopback, private, link-local or otherwise internal address. */
  SSRF_BLOCKED(false),
  /** More redirects than allowed, or a redirect loop. */
  TOO_MANY_REDIRECTS(false),
  /** A 3xx answer without a usable Location header. */
  BAD_REDIRECT(false),
  HTTP_404(false),
  HTTP_410(false),
  /** 429 Too Many Requests: the host wants us to slow down. */
  HTTP_429(true),
  /** Any other 4xx (401, 403, 451, ...). */
  HTTP_4XX(false),
  HTTP_5XX(true),
  /** A status code outside 2xx-5xx that the downloader does not follow (1xx, 3xx without use). */
  HTTP_OTHER(false),
  /** Connect, read or whole-call timeout. */
  TIMEOUT(true),
  /** The host name does not resolve (may be a passing DNS problem). */
  UNKNOWN_HOST(true),
  /** Connection refused or reset, and other socket-level errors. */
  NETWORK(true),
  /** TLS handshake or certificate failure. */
  TLS(false),
  /** The connection ended before the announced Content-Length arrived. */
  INCOMPLETE_TRANSFER(true),
  /** Larger than the byte limit, by Content-Length or while streaming. */
  TOO_LARGE(false),
  /** Zero bytes. */
  EMPTY(false),
  /** The bytes are not an image at all (HTML error page, JSON, text...). */
  NOT_AN_IMAGE(false),
  /** An image, but not one of JPEG, PNG, GIF or WebP (BMP, TIFF, SVG, HEIC, AVIF...). */
  UNSUPPORTED_FORMAT(false),
  /** The header declares more pixels than allowed (a decompression bomb or simply too big). */
  TOO_MANY_PIXELS(false),
  /** The image data ends before the image does. */
  TRUNCATED(false),
  /** The decoder refused the image data for another reason. */
  CORRUPT(false),
  /** A local file (folder source) could not be read. */
  UNREADABLE_FILE(false),
  /** Writing to the image store failed (disk full, permissions): not the image's fault. */
  STORE_FAILED(true),
  /** The work was interrupted (shutdown): try again later. */
  INTERRUPTED(true);

  private final boolean transientFailure;

  FailureReason(boolean transientFailure) {
    this.transientFailure = transientFailure;
  }

  /** Whether trying again later may succeed (timeouts, 5xx, network trouble). */
  public boolean isTransient() {
    return transientFailure;
  }
}
