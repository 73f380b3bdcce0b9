package dev.nichebot.classify;

/**
 * An image that cannot be decoded or is unfit to score; the message is the reason shown to users.
 */
public final class ImageDecodeException extends Exception {
  private static final long serialVersionUID = 1L;

  public ImageDecodeException(String message) {
    super(message);
  }

  public ImageDecodeException(String message, Throwable cause) {
    super(message, cause);
  }
}
