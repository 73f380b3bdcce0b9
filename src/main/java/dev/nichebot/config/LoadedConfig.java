package dev.nichebot.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A validated configuration, plus where each value came from (for {@code nichebot config}). */
public record LoadedConfig(
    BotConfig config, Optional<Path> file, Map<String, String> raw, Map<String, String> origin) {

  public LoadedConfig {
    raw = Map.copyOf(raw);
    origin = Map.copyOf(origin);
  }

  /** Lines {@code key = value (origin)}, secrets masked, in documentation order. */
  public List<String> describe() {
    List<String> lines = new ArrayList<>();
    for (ConfigKey key : ConfigKeys.all()) {
      String value = ConfigLoader.shown(key, raw.get(key.name()));
      lines.add(key.name() + " = " + value + "    (" + origin.get(key.name()) + ")");
    }
    return lines;
  }
}
