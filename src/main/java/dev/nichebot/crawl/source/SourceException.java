package dev.nichebot.crawl.source;

/** A source could not be read this time (its message is stored as the source's last error). */
public final class SourceException extends Exception {
  public SourceException(String message) {
    super(message);
  }

  public SourceException(String message, Throwable cause) {
    super(message, cause);
  }
}
