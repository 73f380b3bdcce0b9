package dev.nichebot.classify;

import java.io.IOException;

/**
 * A model bundle that cannot be used: a missing file, corrupt weights, or inconsistent metadata.
 */
public final class ModelBundleException extends IOException {
  private static final long serialVersionUID = 1L;

  public ModelBundleException(String message) {
    super(message);
  }

  public ModelBundleException(String message, Throwable cause) {
    super(message, cause);
  }
}
