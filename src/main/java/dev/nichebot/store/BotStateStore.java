package dev.nichebot.store;

import dev.nichebot.domain.PauseSwitch;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Switches changed while the bot runs (paused stages, a threshold set by a moderator). Jobs read
 * them on every run, so a change applies at once and survives restarts.
 */
public final class BotStateStore {
  public static final String THRESHOLD = "classify.threshold";

  private final Database db;
  private final Clock clock;

  public BotStateStore(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  public Optional<String> get(String key) {
    return db.queryOne(
        "SELECT state_value FROM bot_state WHERE state_key = ?", rs -> rs.getString(1), key);
  }

  /**
   * Sets a value and returns the one it replaced, so callers can audit before and after.
   *
   * @param value the new value, or null to remove the key
   */
  public Optional<String> put(String key, String value, String by) {
    return db.inTransaction(
        () -> {
          Optional<String> before = get(key);
          if (value == null) {
            db.update("DELETE FROM bot_state WHERE state_key = ?", key);
          } else if (before.isPresent()) {
            db.update(
                "UPDATE bot_state SET state_value = ?, updated_at = ?, updated_by = ?"
                    + " WHERE state_key = ?",
                value,
                clock.instant(),
                by,
                key);
          } else {
            db.update(
                "INSERT INTO bot_state (state_key, state_value, updated_at, updated_by)"
                    + " VALUES (?, ?, ?, ?)",
                key,
                value,
                clock.instant(),
                by);
          }
          return before;
        });
  }

  public boolean isPaused(PauseSwitch s) {
    return get(pauseKey(s)).map(Boolean::parseBoolean).orElse(false);
  }

  /** Sets a pause switch; returns whether it was paused before. */
  public boolean setPaused(PauseSwitch s, boolean paused, String by) {
    return put(pauseKey(s), Boolean.toString(paused), by).map(Boolean::parseBoolean).orElse(false);
  }

  public Map<PauseSwitch, Boolean> pauseFlags() {
    Map<PauseSwitch, Boolean> flags = new java.util.EnumMap<>(PauseSwitch.class);
    for (PauseSwitch s : PauseSwitch.values()) {
      flags.put(s, isPaused(s));
    }
    return flags;
  }

  public Map<String, String> all() {
    Map<String, String> out = new TreeMap<>();
    db.query(
            "SELECT state_key, state_value FROM bot_state",
            rs -> Map.entry(rs.getString(1), rs.getString(2)))
        .forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  public static String pauseKey(PauseSwitch s) {
    return "paused." + s.id();
  }
}
