package dev.nichebot.web.review;

import dev.nichebot.domain.CandidateState;
import dev.nichebot.store.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** What the review page reads: the grid's candidates, the sources to filter by, image files. */
public final class ReviewQueries {
  /** Candidates waiting for a decision. */
  public static final Set<CandidateState> WAITING =
      EnumSet.of(CandidateState.QUEUED_FOR_REVIEW, CandidateState.IN_REVIEW);

  /**
   * The backlog: images the pipeline scored but no person ever looked at. A decision on one is a
   * label only; it does not move the candidate.
   */
  public static final Set<CandidateState> BACKLOG =
      EnumSet.of(
          CandidateState.BELOW_THRESHOLD, CandidateState.CLASSIFIED, CandidateState.HELD_NSFW);

  public enum Mode {
    REVIEW,
    LABEL;

    static Mode parse(String s) {
      return "label".equalsIgnoreCase(s) ? LABEL : REVIEW;
    }

    String word() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The grid's filters; nulls mean "any". */
  public record Filter(
      Mode mode, CandidateState state, Double minScore, Double maxScore, Long sourceId) {
    public Set<CandidateState> states() {
      Set<CandidateState> allowed = mode == Mode.LABEL ? BACKLOG : WAITING;
      return state != null && allowed.contains(state) ? EnumSet.of(state) : allowed;
    }
  }

  /** One card of the grid. */
  public record Item(
      long id,
      CandidateState state,
      Double signalScore,
      Double nsfwScore,
      String modelVersion,
      String title,
      String author,
      String pageUrl,
      String source,
      Long nearestImageId,
      Integer nearestDistance,
      Long nearestCandidateId,
      int activeVotes) {}

  public record Source(long id, String label) {}

  private final Database db;
  private final Path imagesRoot;

  public ReviewQueries(Database db, Path imagesRoot) {
    this.db = db;
    this.imagesRoot = imagesRoot.toAbsolutePath().normalize();
  }

  /** Largest signal score first. */
  public List<Item> list(Filter f, int offset, int limit) {
    List<Object> args = new ArrayList<>();
    String where = where(f, args);
    args.add(offset);
    args.add(limit);
    return db.query(
        "SELECT c.id, c.state, c.signal_score, c.nsfw_score, c.model_version, c.title, c.author,"
            + " c.page_url, c.source_url, s.spec, c.nearest_image_id, c.nearest_distance,"
            + " (SELECT MIN(o.id) FROM candidates o WHERE o.image_id = c.nearest_image_id)"
            + " AS nearest_candidate,"
            + " (SELECT COUNT(*) FROM review_decisions d WHERE d.candidate_id = c.id"
            + " AND d.withdrawn_at IS NULL) AS votes"
            + " FROM candidates c LEFT JOIN sources s ON s.id = c.source_id"
            + where
            + " ORDER BY c.signal_score DESC NULLS LAST, c.id OFFSET ? ROWS FETCH NEXT ? ROWS ONLY",
        rs ->
            new Item(
                rs.getLong("id"),
                CandidateState.valueOf(rs.getString("state")),
                (Double) rs.getObject("signal_score", Double.class),
                (Double) rs.getObject("nsfw_score", Double.class),
                rs.getString("model_version"),
                rs.getString("title"),
                rs.getString("author"),
                rs.getString("page_url"),
                sourceLabel(rs.getString("spec"), rs.getString("source_url")),
                (Long) rs.getObject("nearest_image_id", Long.class),
                (Integer) rs.getObject("nearest_distance", Integer.class),
                (Long) rs.getObject("nearest_candidate", Long.class),
                rs.getInt("votes")),
        args.toArray());
  }

  public long count(Filter f) {
    List<Object> args = new ArrayList<>();
    String where = where(f, args);
    return db.queryLong(
        "SELECT COUNT(*) FROM candidates c LEFT JOIN sources s ON s.id = c.source_id" + where,
        args.toArray());
  }

  private static String where(Filter f, List<Object> args) {
    StringBuilder sql = new StringBuilder(" WHERE c.image_id IS NOT NULL AND c.state IN (");
    String sep = "";
    for (CandidateState s : f.states()) {
      sql.append(sep).append('?');
      args.add(s);
      sep = ", ";
    }
    sql.append(')');
    if (f.minScore() != null) {
      sql.append(" AND c.signal_score >= ?");
      args.add(f.minScore());
    }
    if (f.maxScore() != null) {
      sql.append(" AND c.signal_score <= ?");
      args.add(f.maxScore());
    }
    if (f.sourceId() != null) {
      sql.append(" AND c.source_id = ?");
      args.add(f.sourceId());
    }
    if (f.mode() == Mode.LABEL) {
      // Never reviewed: no person's vote stands on any candidate showing the same image.
      sql.append(
          " AND NOT EXISTS (SELECT 1 FROM review_decisions d JOIN candidates c2"
              + " ON c2.id = d.candidate_id WHERE c2.image_id = c.image_id"
              + " AND d.withdrawn_at IS NULL)");
    }
    return sql.toString();
  }

  /** Sources that have candidates, for the filter. */
  public List<Source> sources() {
    return db.query(
        "SELECT id, spec FROM sources s WHERE EXISTS"
            + " (SELECT 1 FROM candidates c WHERE c.source_id = s.id) ORDER BY spec",
        rs -> new Source(rs.getLong(1), sourceLabel(rs.getString(2), null)));
  }

  /**
   * The candidate's image file, only when it lies inside the image store: a stored path that leads
   * elsewhere (../, an absolute path, a symbolic link out) is refused.
   */
  public Optional<ImageFile> image(long candidateId) {
    Optional<String[]> row =
        db.queryOne(
            "SELECT i.path, i.format FROM candidates c JOIN images i ON i.id = c.image_id"
                + " WHERE c.id = ?",
            rs -> new String[] {rs.getString(1), rs.getString(2)},
            candidateId);
    if (row.isEmpty()) {
      return Optional.empty();
    }
    String contentType = contentType(row.get()[1], row.get()[0]);
    if (contentType == null) {
      return Optional.empty();
    }
    try {
      Path file = imagesRoot.resolve(row.get()[0]).normalize();
      if (!file.startsWith(imagesRoot) || !Files.isRegularFile(file)) {
        return Optional.empty();
      }
      Path real = file.toRealPath();
      if (!real.startsWith(imagesRoot.toRealPath())) {
        return Optional.empty();
      }
      return Optional.of(new ImageFile(real, contentType));
    } catch (java.io.IOException | java.nio.file.InvalidPathException e) {
      return Optional.empty();
    }
  }

  public record ImageFile(Path path, String contentType) {}

  private static String contentType(String format, String path) {
    String f = format == null ? "" : format.toLowerCase(Locale.ROOT);
    if (f.isEmpty() && path != null && path.contains(".")) {
      f = path.substring(path.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
    }
    return switch (f) {
      case "png" -> "image/png";
      case "jpg", "jpeg" -> "image/jpeg";
      case "gif" -> "image/gif";
      case "webp" -> "image/webp";
      default -> null;
    };
  }

  /** Where it was found, for people: {@code r/pics}, a feed, a folder, or the image's host. */
  static String sourceLabel(String spec, String sourceUrl) {
    if (spec != null) {
      return spec.startsWith("reddit:") ? "r/" + spec.substring("reddit:".length()) : spec;
    }
    if (sourceUrl == null) {
      return "unknown";
    }
    try {
      String host = java.net.URI.create(sourceUrl).getHost();
      return host == null ? "local file" : host.toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      return "unknown";
    }
  }
}
