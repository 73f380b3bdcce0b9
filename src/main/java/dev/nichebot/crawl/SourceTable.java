package dev.nichebot.crawl;

import dev.nichebot.crawl.source.SeenItems;
import dev.nichebot.crawl.source.SourceSpec;
import dev.nichebot.store.Database;
import dev.nichebot.store.Rows;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code sources} table as the crawl sees it (moderators add and remove rows by message), and
 * what each source has produced before ({@code source_seen}).
 */
public final class SourceTable {
  private static final Logger log = LoggerFactory.getLogger(SourceTable.class);

  /** {@code sources.origin} of rows written from {@code crawl.sources}. */
  public static final String CONFIG_ORIGIN = "config";

  /** {@code last_error} of a configured source that left the configuration. */
  static final String LEFT_CONFIG = "not in crawl.sources any more";

  private static final int MAX_ERROR = 2000;

  /** One row of {@code sources}. */
  public record Row(
      long id,
      String spec,
      String kind,
      boolean enabled,
      String origin,
      Instant lastCrawledAt,
      String lastError) {}

  private final Database db;
  private final Clock clock;

  public SourceTable(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  public List<Row> all() {
    return db.query(
        "SELECT id, spec, kind, enabled, origin, last_crawled_at, last_error FROM sources ORDER BY id",
        SourceTable::map);
  }

  public List<Row> enabled() {
    return all().stream().filter(Row::enabled).toList();
  }

  public Optional<Row> byId(long id) {
    return all().stream().filter(r -> r.id() == id).findFirst();
  }

  /**
   * Brings {@code crawl.sources} into the table at start-up: a configured source missing from it is
   * added (enabled); a configured row that left the configuration is disabled; one that came back
   * is enabled again. A source a moderator removed by message stays removed: the table, not the
   * file, has the last word on what moderators decided. An entry that is not a source is logged and
   * left out.
   */
  public void sync(List<String> configured) {
    List<String> texts = new ArrayList<>();
    List<SourceSpec> wanted = new ArrayList<>();
    for (String text : configured) {
      if (!text.isBlank()) {
        try {
          SourceSpec.parse(text);
        } catch (IllegalArgumentException e) {
          // The configuration check refuses these first; never let one stop the bot's start.
          log.warn("crawl: ignoring crawl.sources entry: {}", e.getMessage());
          continue;
        }
        texts.add(SourceSpec.normalize(text));
        wanted.add(SourceSpec.parse(texts.get(texts.size() - 1)));
      }
    }
    db.inTransaction(
        () -> {
          List<Row> rows = new ArrayList<>(all());
          Set<Long> matched = new HashSet<>();
          for (int i = 0; i < wanted.size(); i++) {
            SourceSpec spec = wanted.get(i);
            Optional<Row> row = rows.stream().filter(r -> same(r, spec)).findFirst();
            if (row.isEmpty()) {
              String text = texts.get(i);
              long id =
                  db.insert(
                      "INSERT INTO sources (spec, kind, enabled, origin, added_by, added_at)"
                          + " VALUES (?, ?, TRUE, ?, ?, ?)",
                      text,
                      spec.kind().prefix(),
                      CONFIG_ORIGIN,
                      "crawl.sources",
                      clock.instant());
              rows.add(new Row(id, text, spec.kind().prefix(), true, CONFIG_ORIGIN, null, null));
              matched.add(id);
              log.info("crawl: source {} added from crawl.sources", text);
            } else {
              matched.add(row.get().id());
              if (!row.get().enabled() && LEFT_CONFIG.equals(row.get().lastError())) {
                db.update(
                    "UPDATE sources SET enabled = TRUE, last_error = NULL WHERE id = ?",
                    row.get().id());
                log.info("crawl: source {} is back in crawl.sources", row.get().spec());
              }
            }
          }
          for (Row r : rows) {
            if (CONFIG_ORIGIN.equals(r.origin()) && r.enabled() && !matched.contains(r.id())) {
              db.update(
                  "UPDATE sources SET enabled = FALSE, last_error = ? WHERE id = ?",
                  LEFT_CONFIG,
                  r.id());
              log.info("crawl: source {} left crawl.sources and is not crawled any more", r.spec());
            }
          }
        });
  }

  private static boolean same(Row row, SourceSpec spec) {
    try {
      return SourceSpec.parse(row.spec()).sameSource(spec);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Records a run of a source: when, and the error that stopped it (null when it worked). */
  public void crawled(long id, String error) {
    db.update(
        "UPDATE sources SET last_crawled_at = ?, last_error = ? WHERE id = ?",
        clock.instant(),
        error == null ? null : truncate(error),
        id);
  }

  /** The items a source has produced before. */
  public SeenItems seen(long sourceId) {
    Set<String> keys =
        new HashSet<>(
            db.query(
                "SELECT item_key FROM source_seen WHERE source_id = ?",
                rs -> rs.getString(1),
                sourceId));
    return SeenItems.of(keys);
  }

  public void markSeen(long sourceId, Collection<String> keys) {
    if (keys.isEmpty()) {
      return;
    }
    Instant now = clock.instant();
    db.inTransaction(
        () -> {
          for (String key : new HashSet<>(keys)) {
            String k = key.length() > 512 ? key.substring(0, 512) : key;
            if (db.queryLong(
                    "SELECT COUNT(*) FROM source_seen WHERE source_id = ? AND item_key = ?",
                    sourceId,
                    k)
                == 0) {
              db.update(
                  "INSERT INTO source_seen (source_id, item_key, seen_at) VALUES (?, ?, ?)",
                  sourceId,
                  k,
                  now);
            }
          }
        });
  }

  private static String truncate(String s) {
    return s.length() <= MAX_ERROR ? s : s.substring(0, MAX_ERROR);
  }

  private static Row map(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new Row(
        rs.getLong("id"),
        rs.getString("spec"),
        rs.getString("kind").toLowerCase(Locale.ROOT),
        rs.getBoolean("enabled"),
        rs.getString("origin"),
        Rows.instant(rs, "last_crawled_at"),
        rs.getString("last_error"));
  }
}
