package dev.nichebot.config;

/**
 * One thing wrong with the configuration: which key, the value found (already masked when the key
 * is secret), and what was expected.
 */
public record ConfigProblem(String key, String value, String expected) {

  /** One line a person can act on. */
  public String describe() {
    if (value == null) {
      return key + ": " + expected;
    }
    return key + " = '" + value + "': " + expected;
  }
}
