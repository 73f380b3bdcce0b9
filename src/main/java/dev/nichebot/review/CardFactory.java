package dev.nichebot.review;

import dev.nichebot.domain.Candidate;
import dev.nichebot.store.Database;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** Builds what reviewers see about a candidate, from the database and the image store. */
public final class CardFactory {
  private final Database db;
  private final Path imagesRoot;

  public CardFactory(Database db, Path imagesRoot) {
    this.db = db;
    this.imagesRoot = imagesRoot;
  }

  /** The candidate's stored image file. */
  public Optional<Path> imageFile(Candidate c) {
    if (c.imageId() == null) {
      return Optional.empty();
    }
    return db.queryOne("SELECT path FROM images WHERE id = ?", rs -> rs.getString(1), c.imageId())
        .map(imagesRoot::resolve);
  }

  /**
   * @throws NoSuchFileException when the stored image is gone
   */
  public ReviewCard card(Candidate c) throws IOException {
    Path file =
        imageFile(c)
            .orElseThrow(() -> new NoSuchFileException("no image stored for candidate " + c.id()));
    byte[] bytes = Files.readAllBytes(file);
    ReviewCard.Builder b =
        ReviewCard.builder(c.id(), new ReviewCard.Image(bytes, file.getFileName().toString()))
            .title(c.title())
            .signal(
                c.signalScore() == null ? 0 : clamp(c.signalScore()),
                c.modelVersion() == null ? "unknown" : c.modelVersion())
            .source(source(c))
            .credit(c.title(), c.author(), c.pageUrl());
    if (c.nsfwScore() != null) {
      b.nsfwScore(clamp(c.nsfwScore()));
    }
    nearest(c).ifPresent(n -> b.nearestKnown(n.reference(), n.distance()));
    return b.build();
  }

  /** {@link #card} for callers that already know the image is there (tests, recovery). */
  public ReviewCard cardUnchecked(Candidate c) {
    try {
      return card(c);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Where it was found, for people: {@code r/pics}, a feed's host, a folder's name. */
  public String source(Candidate c) {
    if (c.sourceId() != null) {
      Optional<String> spec =
          db.queryOne("SELECT spec FROM sources WHERE id = ?", rs -> rs.getString(1), c.sourceId());
      if (spec.isPresent()) {
        String s = spec.get();
        if (s.startsWith("reddit:")) {
          return "r/" + s.substring("reddit:".length());
        }
        return s;
      }
    }
    try {
      String host = URI.create(c.sourceUrl()).getHost();
      return host == null ? "local file" : host.toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      return "unknown";
    }
  }

  private Optional<ReviewCard.NearestKnown> nearest(Candidate c) {
    return db.queryOne(
        "SELECT c.nearest_image_id, c.nearest_distance,"
            + " (SELECT MIN(o.id) FROM candidates o WHERE o.image_id = c.nearest_image_id) AS other,"
            + " (SELECT MIN(o.state) FROM candidates o WHERE o.image_id = c.nearest_image_id) AS other_state"
            + " FROM candidates c WHERE c.id = ? AND c.nearest_image_id IS NOT NULL",
        rs ->
            new ReviewCard.NearestKnown(
                rs.getObject("other") == null
                    ? "image #" + rs.getLong(1)
                    : "candidate #"
                        + rs.getLong("other")
                        + " ("
                        + rs.getString("other_state").toLowerCase(Locale.ROOT).replace('_', ' ')
                        + ")",
                rs.getInt(2)),
        c.id());
  }

  private static double clamp(double v) {
    return Math.max(0, Math.min(1, v));
  }
}
