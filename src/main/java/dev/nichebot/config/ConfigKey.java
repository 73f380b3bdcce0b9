package dev.nichebot.config;

import java.util.Locale;

/**
 * One documented configuration key: its name, how its value is read, its default (as text) and what
 * it does. The list of keys in {@link ConfigKeys} is the single source for loading, validation,
 * environment overrides and the generated {@code bot.properties.example}.
 */
public record ConfigKey(
    String section, String name, ValueType type, String defaultValue, String description) {

  public boolean isSecret() {
    return type instanceof ValueType.SecretText;
  }

  /** {@code reddit.client-id} → {@code NICHEBOT_REDDIT_CLIENT_ID}. */
  public String environmentVariable() {
    return environmentVariable(name);
  }

  public static String environmentVariable(String key) {
    return "NICHEBOT_" + key.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
  }
}
