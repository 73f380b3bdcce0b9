package dev.nichebot.config;

import java.util.Objects;

/**
 * A value that must never be printed: tokens, passwords, client secrets.
 *
 * <p>{@link #toString()} always answers {@code ***} (or an empty string when nothing is set), so a
 * secret that slips into a log line, an exception message or a record's {@code toString()} gives
 * nothing away. Only the adapter that sends it to its system calls {@link #reveal()}.
 */
public final class Secret {
  private static final Secret EMPTY = new Secret("");

  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  public static Secret of(String value) {
    Objects.requireNonNull(value, "value");
    return value.isEmpty() ? EMPTY : new Secret(value);
  }

  public static Secret empty() {
    return EMPTY;
  }

  public boolean isPresent() {
    return !value.isEmpty();
  }

  public boolean isEmpty() {
    return value.isEmpty();
  }

  /** The secret itself, for the one place that sends it. Never log the result. */
  public String reveal() {
    return value;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Secret s && s.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return value.isEmpty() ? "" : "***";
  }
}
