package dev.nichebot.crawl;

import dev.nichebot.crawl.dedup.HashIndex;
import dev.nichebot.store.Database;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** The {@code images} table: one row per stored file, the source of truth for the hash index. */
public final class ImageTable {
  private static final int PAGE = 50_000;

  private final Database db;
  private final Clock clock;

  public ImageTable(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** The id of the image with these bytes, if stored. */
  public Optional<Long> idBySha256(String sha256) {
    return db.queryOne("SELECT id FROM images WHERE sha256 = ?", rs -> rs.getLong(1), sha256);
  }

  /** Where an image's file is, relative to the image store's root. */
  public Optional<String> pathOf(long id) {
    return db.queryOne("SELECT path FROM images WHERE id = ?", rs -> rs.getString(1), id);
  }

  /**
   * Adds a stored image.
   *
   * @param path relative to the image store's root, with {@code /} separators
   */
  public long insert(
      String sha256,
      long phash,
      long phashMirror,
      String path,
      long bytes,
      int width,
      int height,
      String format) {
    return db.insert(
        "INSERT INTO images (sha256, phash, phash_mirror, path, bytes, width, height, format,"
            + " banned, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, FALSE, ?)",
        sha256,
        phash,
        phashMirror,
        path,
        bytes,
        width,
        height,
        format,
        clock.instant());
  }

  /** Puts every stored perceptual hash into the index, a page at a time; returns how many. */
  public int loadInto(HashIndex index) {
    long after = -1;
    int total = 0;
    while (true) {
      List<HashIndex.Entry> page =
          db.query(
              "SELECT id, phash FROM images WHERE id > ? AND phash IS NOT NULL ORDER BY id"
                  + " FETCH FIRST "
                  + PAGE
                  + " ROWS ONLY",
              rs -> new HashIndex.Entry(rs.getLong(1), rs.getLong(2)),
              after);
      if (page.isEmpty()) {
        return total;
      }
      index.addAll(page.iterator());
      total += page.size();
      after = page.get(page.size() - 1).id();
    }
  }

  public long count() {
    return db.queryLong("SELECT COUNT(*) FROM images");
  }
}
