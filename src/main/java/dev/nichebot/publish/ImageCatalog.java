package dev.nichebot.publish;

import dev.nichebot.domain.CandidateState;
import dev.nichebot.store.Database;
import dev.nichebot.store.Rows;
import java.util.List;
import java.util.Optional;

/** Reads the {@code images} table: a candidate's image, and every image already posted. */
final class ImageCatalog {
  private static final String COLUMNS = "i.id, i.path, i.format, i.phash, i.phash_mirror, i.banned";

  private final Database db;

  ImageCatalog(Database db) {
    this.db = db;
  }

  Optional<StoredImage> find(long imageId) {
    return db.queryOne(
        "SELECT " + COLUMNS + " FROM images i WHERE i.id = ?", ImageCatalog::map, imageId);
  }

  /**
   * Images that must not be posted again in any form: those of candidates posted (or being posted,
   * or whose post a moderator removed), and every banned image. A few thousand rows: read whole.
   */
  List<StoredImage> postedOrBanned() {
    return db.query(
        "SELECT "
            + COLUMNS
            + " FROM images i WHERE i.banned = TRUE OR i.id IN (SELECT c.image_id FROM candidates c"
            + " WHERE c.state IN (?, ?, ?) AND c.image_id IS NOT NULL) ORDER BY i.id",
        ImageCatalog::map,
        CandidateState.PUBLISHED,
        CandidateState.PUBLISHING,
        CandidateState.REMOVED);
  }

  private static StoredImage map(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new StoredImage(
        rs.getLong("id"),
        rs.getString("path"),
        rs.getString("format"),
        Rows.longOrNull(rs, "phash"),
        Rows.longOrNull(rs, "phash_mirror"),
        rs.getBoolean("banned"));
  }
}
