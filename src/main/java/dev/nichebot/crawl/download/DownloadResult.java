package dev.nichebot.crawl.download;

import dev.nichebot.crawl.FailureReason;
import java.util.Objects;

/** What {@link SafeDownloader#download(String)} got: the bytes, or why not. */
public sealed interface DownloadResult {

  /** The URL that was asked for. */
  String requestedUrl();

  /**
   * A complete body of at most {@link DownloaderConfig#maxBytes()} bytes. Nothing about it has been
   * checked yet: the Content-Type is the server's claim, not a fact.
   *
   * @param body the bytes, owned by the receiver from now on (not copied)
   * @param finalUrl the URL that answered after redirects
   * @param contentType the Content-Type header, or "" when absent
   * @param redirects how many redirects were followed
   */
  record Downloaded(
      String requestedUrl, byte[] body, String finalUrl, String contentType, int redirects)
      implements DownloadResult {
    public Downloaded {
      Objects.requireNonNull(requestedUrl);
      Objects.requireNonNull(body);
      Objects.requireNonNull(finalUrl);
      Objects.requireNonNull(contentType);
    }

    @Override
    public String toString() {
      return "Downloaded[" + finalUrl + ", " + body.length + " bytes, " + contentType + "]";
    }
  }

  /**
   * The download was refused or failed.
   *
   * @param reason the machine-readable reason; {@code reason().isTransient()} says whether to retry
   * @param detail a short human-readable explanation for logs
   * @param failedUrl the URL being fetched when it failed (differs from the requested one after a
   *     redirect)
   */
  record Failed(String requestedUrl, FailureReason reason, String detail, String failedUrl)
      implements DownloadResult {
    public Failed {
      Objects.requireNonNull(requestedUrl);
      Objects.requireNonNull(reason);
      Objects.requireNonNull(detail);
      Objects.requireNonNull(failedUrl);
    }

    public boolean isTransient() {
      return reason.isTransient();
    }
  }
}
