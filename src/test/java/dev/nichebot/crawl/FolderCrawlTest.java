package dev.nichebot.crawl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nichebot.crawl.storage.Sha256;
import dev.nichebot.crawl.testing.TestImages;
import dev.nichebot.domain.Candidate;
import dev.nichebot.domain.CandidateState;
import dev.nichebot.store.Database;
import dev.nichebot.testing.TestDatabases;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A folder source from crawl to stored images: credit, exact and near duplicates, bad files. */
class FolderCrawlTest {
  @TempDir Path dir;
  private Database db;
  private CrawlKit kit;
  private Path photos;

  @BeforeEach
  void setUp() throws Exception {
    db = TestDatabases.inMemory();
    kit = new CrawlKit(db, dir);
    photos = Files.createDirectories(dir.resolve("photos"));
  }

  @AfterEach
  void tearDown() {
    db.close();
    assertThat(kit.sockets.refused()).isEmpty();
  }

  static BufferedImage half(BufferedImage image) {
    BufferedImage small =
        new BufferedImage(image.getWidth() / 2, image.getHeight() / 2, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = small.createGraphics();
    g.setRenderingHint(
        RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.drawImage(image, 0, 0, small.getWidth(), small.getHeight(), null);
    g.dispose();
    return small;
  }

  private void write(String name, byte[] bytes) throws Exception {
    Files.write(photos.resolve(name), bytes);
  }

  @Test
  void imagesBecomeCandidatesWithCreditThenStoredImagesDuplicatesAndReasons() throws Exception {
    BufferedImage first = TestImages.scene(640, 480, 1);
    byte[] firstJpeg = TestImages.jpeg(first);
    write("a-first.jpg", firstJpeg);
    write("b-second.png", TestImages.png(TestImages.scene(500, 400, 2)));
    write("c-copy.jpg", firstJpeg);
    write("d-resized.jpg", TestImages.jpeg(half(first)));
    write("e-page.jpg", "<html><body>not found</body></html>".getBytes(StandardCharsets.UTF_8));
    write("f-cut.jpg", Arrays.copyOf(firstJpeg, firstJpeg.length / 3));
    write("notes.txt", "not an image".getBytes(StandardCharsets.UTF_8));
    Files.createDirectories(photos.resolve(".hidden"));
    write(".hidden/g.jpg", firstJpeg);
    kit.sources.sync(List.of("folder:photos"));

    CrawlService.Report crawled = kit.crawl.run();

    assertThat(crawled.discovered()).isEqualTo(6);
    assertThat(crawled.errors()).isEmpty();
    Candidate a = kit.byUrlEnding("a-first.jpg");
    assertThat(a.state()).isEqualTo(CandidateState.DISCOVERED);
    assertThat(a.title()).isEqualTo("a-first");
    assertThat(a.sourceId()).isEqualTo(kit.sources.enabled().get(0).id());
    assertThat(a.sourceUrl()).startsWith("file:");
    // Read again: nothing new, nothing twice.
    assertThat(kit.crawl.run().discovered()).isZero();
    assertThat(kit.all()).hasSize(6);

    DownloadService.Report report = kit.downloadAll();

    assertThat(report.count(DownloadService.Outcome.DOWNLOADED)).isEqualTo(2);
    assertThat(report.count(DownloadService.Outcome.DUPLICATE)).isEqualTo(2);
    assertThat(report.count(DownloadService.Outcome.FAILED)).isEqualTo(2);
    a = kit.byUrlEnding("a-first.jpg");
    assertThat(a.state()).isEqualTo(CandidateState.DOWNLOADED);
    Path stored = kit.imagePath(a.imageId());
    assertThat(stored).startsWith(kit.store.root());
    assertThat(Files.readAllBytes(stored)).isEqualTo(firstJpeg);
    Map<String, Object> row =
        db.queryOne(
                "SELECT sha256, width, height, format, bytes FROM images WHERE id = ?",
                rs ->
                    Map.<String, Object>of(
                        "sha256", rs.getString(1),
                        "width", rs.getInt(2),
                        "height", rs.getInt(3),
                        "format", rs.getString(4),
                        "bytes", rs.getLong(5)),
                a.imageId())
            .orElseThrow();
    assertThat(row)
        .containsEntry("sha256", Sha256.of(firstJpeg))
        .containsEntry("width", 640)
        .containsEntry("height", 480)
        .containsEntry("format", "JPEG")
        .containsEntry("bytes", (long) firstJpeg.length);
    assertThat(kit.byUrlEnding("b-second.png").state()).isEqualTo(CandidateState.DOWNLOADED);

    Candidate copy = kit.byUrlEnding("c-copy.jpg");
    assertThat(copy.state()).isEqualTo(CandidateState.DUPLICATE);
    assertThat(copy.duplicateOfImageId()).isEqualTo(a.imageId());
    assertThat(copy.duplicateDistance()).isZero();
    assertThat(copy.imageId()).isNull();
    Candidate resized = kit.byUrlEnding("d-resized.jpg");
    assertThat(resized.state()).isEqualTo(CandidateState.DUPLICATE);
    assertThat(resized.duplicateOfImageId()).isEqualTo(a.imageId());
    assertThat(resized.duplicateDistance()).isBetween(0, 8);

    assertThat(kit.byUrlEnding("e-page.jpg").reason()).startsWith("NOT_AN_IMAGE:");
    assertThat(kit.byUrlEnding("f-cut.jpg").state()).isEqualTo(CandidateState.FAILED);
    assertThat(kit.byUrlEnding("f-cut.jpg").reason()).matches("(TRUNCATED|CORRUPT):.*");
    assertThat(kit.candidates.failuresByReason()).containsEntry("NOT_AN_IMAGE", 1L);
    assertThat(kit.images.count()).isEqualTo(2);
    // Nothing left to do.
    assertThat(kit.downloadAll().total()).isZero();
  }

  @Test
  void aFileOutsideTheSourceFolderIsNeverRead() throws Exception {
    write("inside.jpg", TestImages.jpeg(TestImages.scene(64, 64, 3)));
    Path outside = dir.resolve("secret.jpg");
    Files.write(outside, TestImages.jpeg(TestImages.scene(64, 64, 4)));
    kit.sources.sync(List.of("folder:photos"));
    long sourceId = kit.sources.enabled().get(0).id();
    kit.candidates.discover(
        dev.nichebot.domain.NewCandidate.of(sourceId, outside.toUri().toString()));
    kit.candidates.discover(
        dev.nichebot.domain.NewCandidate.of(null, photos.resolve("inside.jpg").toUri().toString()));

    kit.downloadAll();

    assertThat(kit.byUrlEnding("secret.jpg").state()).isEqualTo(CandidateState.FAILED);
    assertThat(kit.byUrlEnding("secret.jpg").reason()).startsWith("UNREADABLE_FILE:");
    // A file: URL that no folder source vouches for is refused as a scheme.
    assertThat(kit.byUrlEnding("inside.jpg").reason()).startsWith("BAD_SCHEME:");
    assertThat(kit.images.count()).isZero();
  }

  @Test
  void aBrokenSourceIsCountedAndTheOthersAreStillRead() throws Exception {
    write("one.jpg", TestImages.jpeg(TestImages.scene(64, 64, 5)));
    kit.sources.sync(List.of("folder:missing", "urls:missing.txt", "folder:photos"));

    CrawlService.Report report = kit.crawl.run();

    assertThat(report.sources()).isEqualTo(3);
    assertThat(report.discovered()).isEqualTo(1);
    assertThat(report.errors()).hasSize(2);
    assertThat(report.summary()).contains("2 source(s) failed").contains("folder:missing");
    assertThat(kit.sources.all())
        .filteredOn(r -> r.spec().equals("folder:missing"))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.lastError()).contains("does not exist");
              assertThat(r.lastCrawledAt()).isNotNull();
            });
  }

  @Test
  void afterARestartTheIndexIsRebuiltAndAFileStoredBeforeTheCrashIsAdopted() throws Exception {
    BufferedImage picture = TestImages.scene(640, 480, 6);
    write("first.jpg", TestImages.jpeg(picture));
    kit.sources.sync(List.of("folder:photos"));
    kit.crawl.run();
    kit.downloadAll();
    // A crash after storing the file of "second" but before its row: only the file exists.
    byte[] second = TestImages.jpeg(TestImages.scene(300, 300, 7));
    write("second.jpg", second);
    write("first-small.jpg", TestImages.jpeg(half(picture)));
    kit.crawl.run();
    kit.store.put(second, dev.nichebot.crawl.image.ImageFormat.JPEG);

    kit.settings(2, 3); // a new process: an empty index, loaded from the images table
    kit.downloadAll();

    assertThat(kit.byUrlEnding("first-small.jpg").state()).isEqualTo(CandidateState.DUPLICATE);
    Candidate adopted = kit.byUrlEnding("second.jpg");
    assertThat(adopted.state()).isEqualTo(CandidateState.DOWNLOADED);
    assertThat(Files.readAllBytes(kit.imagePath(adopted.imageId()))).isEqualTo(second);
    assertThat(kit.images.count()).isEqualTo(2);
    assertThat(kit.all()).hasSize(3);
    // The sources read again after the restart: still three candidates.
    kit.crawl.run();
    assertThat(kit.all()).hasSize(3);
  }

  @Test
  void theShippedSamplesLoseTheirPlantedDuplicatesAndKeepDistinctGarmentsThatMerelyHashAlike()
      throws Exception {
    Path samples = dev.nichebot.testing.ProjectFiles.of("samples/fashion-sleeves");
    Map<String, Boolean> planted = new java.util.HashMap<>();
    for (String line : Files.readAllLines(samples.resolve("labels.csv")).subList(1, 273)) {
      String[] f = line.split(",", -1);
      planted.put(f[0], !f[3].isEmpty());
    }
    kit.dedupDistance = 12; // the default, chosen on photographs
    kit.settings(2, 3);
    kit.sources.sync(List.of("folder:" + samples));
    kit.crawl.run();
    for (int run = 0; run < 5 && kit.count(CandidateState.DISCOVERED) > 0; run++) {
      kit.downloadAll(); // 100 a run
    }

    assertThat(kit.count(CandidateState.DISCOVERED)).isZero();
    long plantedCaught = 0;
    long originalsLost = 0;
    for (Candidate c : kit.all()) {
      String file = c.sourceUrl().substring(c.sourceUrl().lastIndexOf('/') + 1);
      boolean duplicate = c.state() == CandidateState.DUPLICATE;
      if (planted.get(file)) {
        plantedCaught += duplicate ? 1 : 0;
      } else {
        originalsLost += duplicate ? 1 : 0;
      }
    }
    // Copies, resizes, re-encodings and brightened versions: all 32 caught. By their hashes
    // alone 132 of the 240 distinct garments have another within 12 bits; the prints keep them.
    assertThat(plantedCaught).isEqualTo(32);
    assertThat(originalsLost).isLessThanOrEqualTo(3);
  }
}
