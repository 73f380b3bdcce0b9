package dev.nichebot.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nichebot.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationsTest {
  @TempDir Path dir;

  private static List<String> tables(Database db) {
    return db.query(
        "SELECT LOWER(TABLE_NAME) FROM INFORMATION_SCHEMA.TABLES WHERE LOWER(TABLE_SCHEMA) = 'public'",
        rs -> rs.getString(1).toLowerCase(Locale.ROOT));
  }

  @Test
  void migrationsCreateEveryTableOnAnEmptyH2FileAndRunAgainHarmlessly() {
    try (Database db = TestDatabases.file(dir)) {
      assertThat(tables(db))
          .contains(
              "sources",
              "source_seen",
              "images",
              "candidates",
              "review_decisions",
              "posts",
              "audit_log",
              "bot_state",
              "blocklist",
              "job_runs",
              "qrtz_triggers",
              "qrtz_cron_triggers",
              "qrtz_job_details",
              "qrtz_fired_triggers",
              "qrtz_locks");
      db.update(
          "INSERT INTO bot_state (state_key, state_value, updated_at) VALUES ('k', 'v', CURRENT_TIMESTAMP)");
    }
    assertThat(Files.exists(dir.resolve("nichebot.mv.db"))).isTrue();

    // Reopen: migrating again changes nothing and keeps the data.
    try (Database db = TestDatabases.file(dir)) {
      assertThat(db.queryLong("SELECT COUNT(*) FROM bot_state")).isEqualTo(1);
      assertThat(
              db.queryLong(
                  "SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"success\" = TRUE"))
          .isGreaterThanOrEqualTo(2);
    }
  }
}
