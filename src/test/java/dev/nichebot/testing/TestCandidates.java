package dev.nichebot.testing;

import dev.nichebot.domain.CandidateState;
import dev.nichebot.domain.NewCandidate;
import dev.nichebot.store.CandidateStore;
import dev.nichebot.store.Database;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;
import javax.imageio.ImageIO;

/** Puts candidates, with real image files, straight into a state, as if the pipeline had. */
public final class TestCandidates {
  private static final AtomicLong SEQ = new AtomicLong();

  private final Database db;
  private final CandidateStore store;
  private final Path imagesRoot;

  public TestCandidates(Database db, CandidateStore store, Path imagesRoot) {
    this.db = db;
    this.store = store;
    this.imagesRoot = imagesRoot;
  }

  /** A candidate in {@code state} with a stored PNG and the given signal score. */
  public long in(CandidateState state, double signalScore) {
    long n = SEQ.incrementAndGet();
    long imageId = storeImage(n);
    long id =
        store
            .discover(
                new NewCandidate(
                    null,
                    "https://i.example/" + n + ".png",
                    "https://www.reddit.com/r/test/comments/" + n,
                    "author" + n,
                    "Title " + n,
                    "t3_" + n))
            .orElseThrow();
    db.update(
        "UPDATE candidates SET state = ?, image_id = ?, signal_score = ?, nsfw_score = ?,"
            + " model_version = ?, state_changed_at = ? WHERE id = ?",
        state,
        imageId,
        signalScore,
        0.01,
        "test-1",
        Instant.now(),
        id);
    return id;
  }

  private long storeImage(long n) {
    try {
      BufferedImage img = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
      Graphics2D g = img.createGraphics();
      g.setColor(new Color((int) (n * 977 % 0xFFFFFF)));
      g.fillRect(0, 0, 64, 48);
      g.dispose();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(img, "png", out);
      byte[] bytes = out.toByteArray();
      String sha =
          HexFormat.of()
              .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
      String rel = sha.substring(0, 2) + "/" + sha.substring(2, 4) + "/" + sha + ".png";
      Path file = imagesRoot.resolve(rel);
      Files.createDirectories(file.getParent());
      Files.write(file, bytes);
      return db.insert(
          "INSERT INTO images (sha256, phash, path, bytes, width, height, format, created_at)"
              + " VALUES (?, ?, ?, ?, 64, 48, 'png', ?)",
          sha,
          n,
          rel,
          (long) bytes.length,
          Instant.now());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
