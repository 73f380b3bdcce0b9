package dev.nichebot.reddit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A secret value (client id, client secret, password) that prints as {@code ***}.
 *
 * <p>Only the adapter code that puts the value on the wire calls {@link #reveal()}; everything else
 * (logs, exception messages, {@code toString()} of settings) sees the mask.
 */
public final class Credential {
  private static final String MASK = "***";

  private final String value;

  private Credential(String value) {
    this.value = value;
  }

  /** Wraps a secret; {@code null} is refused so a missing setting fails early and clearly. */
  public static Credential of(String value) {
    Objects.requireNonNull(value, "credential value");
    return new Credential(value);
  }

  /** The secret itself, for the one place that sends it. */
  public String reveal() {
    return value;
  }

  public boolean isBlank() {
    return value.isBlank();
  }

  @Override
  public boolean equals(Object other) {
    // Constant-time, so comparing secrets never leaks their length of common prefix by timing.
    return other instanceof Credential that
        && MessageDigest.isEqual(
            value.getBytes(StandardCharsets.UTF_8), that.value.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public int hashCode() {
    return 0; // never derived from the secret
  }

  @Override
  public String toString() {
    return MASK;
  }
}
