package dev.nichebot.config;

/**
 * Renders {@code bot.properties.example} from {@link ConfigKeys}, so the documentation of every key
 * and its default cannot drift from the code (a test compares the committed file).
 */
public final class ConfigExample {
  private ConfigExample() {}

  public static String render() {
    StringBuilder out = new StringBuilder();
    out.append("# nichebot configuration. Copy to bot.properties and change what you need.\n")
        .append("# Every key is optional: the value shown is the default.\n")
        .append("# Each key can also be set by an environment variable: NICHEBOT_ + the key in\n")
        .append("# upper case with dots and dashes as underscores (reddit.client-id ->\n")
        .append("# NICHEBOT_REDDIT_CLIENT_ID). The environment wins over this file.\n")
        .append("# Regenerate with: java -jar target/nichebot.jar config --example\n");
    String section = "";
    for (ConfigKey key : ConfigKeys.all()) {
      if (!key.section().equals(section)) {
        section = key.section();
        out.append("\n# ---- ").append(section).append(" ----\n");
      }
      out.append("\n# ").append(key.description()).append('\n');
      out.append("# Expected: ").append(key.type().expected()).append('\n');
      out.append(key.name()).append('=').append(escape(key.defaultValue())).append('\n');
    }
    return out.toString();
  }

  private static String escape(String value) {
    StringBuilder sb = new StringBuilder();
    for (char c : value.toCharArray()) {
      if (c > 126) {
        sb.append(String.format("\\u%04X", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
