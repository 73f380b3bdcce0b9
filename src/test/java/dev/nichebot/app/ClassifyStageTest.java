package dev.nichebot.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nichebot.classify.ModelBundleException;
import dev.nichebot.config.BotConfig;
import dev.nichebot.config.ConfigLoader;
import dev.nichebot.domain.Candidate;
import dev.nichebot.domain.CandidateState;
import dev.nichebot.domain.NewCandidate;
import dev.nichebot.schedule.StageDefinition;
import dev.nichebot.schedule.StageResult;
import dev.nichebot.store.BotStateStore;
import dev.nichebot.store.Database;
import dev.nichebot.testing.TestCandidates;
import dev.nichebot.testing.TestDatabases;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLASSIFY stage on a real H2 database with the shipped demo model ({@code models/demo-sleeves}
 * on the converted MobileNetV2, and the NSFW gate) and sample images from {@code
 * samples/fashion-sleeves}. The niche is "garments with long sleeves". The scores quoted beside
 * each sample are what the demo model gives it.
 */
class ClassifyStageTest {
  static final Path PROJECT = Path.of(System.getProperty("nichebot.project.dir", "."));
  static final Path SAMPLES = PROJECT.resolve("samples/fashion-sleeves");
  static final String DEMO_VERSION = "demo-sleeves-20261203-201924";

  /** Pullover: signal 0.981, NSFW 0.031. */
  static final String PULLOVER = "fmnist-test-00046.jpg";

  /** Long sleeves: signal 0.991, NSFW 0.126. */
  static final String SLEEVES = "fmnist-test-00793.jpg";

  /** Sneaker: signal 0.001, NSFW 0.010. */
  static final String SNEAKER = "fmnist-test-08101.jpg";

  /** Bag: signal 0.001, NSFW 0.129. */
  static final String BAG = "fmnist-test-01934.jpg";

  /** Trousers the NSFW model mistakes for skin: signal 0.000, NSFW 0.901. */
  static final String TROUSERS = "fmnist-test-00941.jpg";

  @TempDir Path tmp;
  private Database db;
  private Core core;
  private ClassifyFeature feature;
  private final AtomicInteger loads = new AtomicInteger();
  private final Map<String, Long> imageIds = new HashMap<>();
  private int seq;

  private void start(Map<String, String> settings) {
    Map<String, String> all = new HashMap<>();
    all.put("data.dir", tmp.resolve("data").toString());
    all.put("classify.model-dir", PROJECT.resolve("models/demo-sleeves").toString());
    all.put("classify.nsfw-model-dir", PROJECT.resolve("models/nsfw").toString());
    all.put("classify.batch-size", "2"); // several forward passes per run
    all.putAll(settings);
    BotConfig config = ConfigLoader.defaults(tmp, all);
    db = TestDatabases.inMemory();
    core =
        Core.create(
            config, Clock.systemUTC(), db, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    ClassifierHolder.Loader real = ClassifyFeature.loader(config.classify());
    feature =
        new ClassifyFeature(
            core,
            (signal, nsfw) -> {
              loads.incrementAndGet();
              return real.load(signal, nsfw);
            });
  }

  @AfterEach
  void close() throws Exception {
    if (feature != null) {
      feature.close();
    }
    if (db != null) {
      db.close();
    }
  }

  @Test
  void scoresEveryDownloadedCandidateAndSendsItOnWhileBrokenImagesFailAlone() throws Exception {
    start(Map.of());
    long pullover = downloaded(PULLOVER);
    long broken = downloaded("broken.jpg", "this is not a JPEG".getBytes());
    long sleeves = downloaded(SLEEVES);
    long sneaker = downloaded(SNEAKER);
    long gone = downloadedButFileDeleted();
    long bag = downloaded(BAG);
    long trousers = downloaded(TROUSERS);

    StageDefinition def = feature.stages().get(0);
    assertThat(def.task()).isPresent();
    StageResult result = def.task().orElseThrow().run();

    assertThat(result.items()).isEqualTo(7);
    assertThat(result.summary())
        .contains("5 classified by " + DEMO_VERSION)
        .contains("2 to review")
        .contains("2 below threshold 0.802")
        .contains("1 held as NSFW")
        .contains("2 failed");
    for (long id : new long[] {pullover, sleeves}) {
      Candidate c = candidate(id);
      assertThat(c.state()).isEqualTo(CandidateState.QUEUED_FOR_REVIEW);
      assertThat(c.signalScore()).isGreaterThan(0.9);
      assertThat(c.nsfwScore()).isLessThan(0.2);
      assertThat(c.modelVersion()).isEqualTo(DEMO_VERSION);
    }
    for (long id : new long[] {sneaker, bag}) {
      Candidate c = candidate(id);
      assertThat(c.state()).isEqualTo(CandidateState.BELOW_THRESHOLD);
      assertThat(c.signalScore()).isLessThan(0.05);
      assertThat(c.nsfwScore()).isNotNull();
      assertThat(c.reason()).startsWith("BELOW_THRESHOLD: score 0.00").endsWith("< 0.802");
    }
    Candidate held = candidate(trousers);
    assertThat(held.state()).isEqualTo(CandidateState.HELD_NSFW);
    assertThat(held.nsfwScore()).isGreaterThan(0.8);
    assertThat(held.reason()).startsWith("NSFW: score 0.9").endsWith(">= 0.800");
    Candidate b = candidate(broken);
    assertThat(b.state()).isEqualTo(CandidateState.FAILED);
    assertThat(b.reason()).startsWith("IMAGE_UNREADABLE: ").contains("not an image");
    assertThat(b.signalScore()).isNull();
    Candidate g = candidate(gone);
    assertThat(g.state()).isEqualTo(CandidateState.FAILED);
    assertThat(g.reason()).startsWith("IMAGE_MISSING: file not found");
    assertThat(core.candidates().failuresByReason())
        .containsEntry("IMAGE_UNREADABLE", 1L)
        .containsEntry("IMAGE_MISSING", 1L);

    // The next run has nothing to do, and the model was loaded once for both.
    downloaded(SNEAKER);
    assertThat(def.task().orElseThrow().run().items()).isEqualTo(1);
    assertThat(def.task().orElseThrow().run()).isEqualTo(StageResult.idle());
    assertThat(loads).hasValue(1);
    assertThat(feature.healthChecks().get(0).isUp()).isTrue();
  }

  @Test
  void aThresholdSetAtRunTimeOverridesTheConfiguredOneUntilItIsRemoved() throws Exception {
    start(Map.of("classify.threshold", "0.5"));
    BotStateStore state = core.botState();
    state.put(BotStateStore.THRESHOLD, "0.985", "mod:alice");
    long pullover = downloaded(PULLOVER); // 0.981
    long sleeves = downloaded(SLEEVES); // 0.991
    feature.stage().run();
    assertThat(candidate(pullover).state()).isEqualTo(CandidateState.BELOW_THRESHOLD);
    assertThat(candidate(pullover).reason()).endsWith("< 0.985");
    assertThat(candidate(sleeves).state()).isEqualTo(CandidateState.QUEUED_FOR_REVIEW);

    // A value that is not a threshold is ignored (and logged): the configured 0.5 applies.
    state.put(BotStateStore.THRESHOLD, "lots", "mod:bob");
    long second = downloaded(PULLOVER);
    assertThat(feature.stage().run().summary()).contains("below threshold 0.500");
    assertThat(candidate(second).state()).isEqualTo(CandidateState.QUEUED_FOR_REVIEW);

    state.put(BotStateStore.THRESHOLD, null, "mod:alice");
    long third = downloaded(PULLOVER);
    long sneaker = downloaded(SNEAKER);
    feature.stage().run();
    assertThat(candidate(third).state()).isEqualTo(CandidateState.QUEUED_FOR_REVIEW);
    assertThat(candidate(sneaker).state()).isEqualTo(CandidateState.BELOW_THRESHOLD);
    assertThat(candidate(sneaker).reason()).endsWith("< 0.500");
  }

  @Test
  void forAnNsfwSubredditNothingIsHeldButTheNsfwScoreIsStillRecorded() throws Exception {
    start(Map.of("publish.nsfw", "true"));
    long trousers = downloaded(TROUSERS);
    feature.stage().run();
    Candidate c = candidate(trousers);
    assertThat(c.state()).isEqualTo(CandidateState.BELOW_THRESHOLD);
    assertThat(c.nsfwScore()).isGreaterThan(0.8);
  }

  @Test
  void candidatesLeftClassifiedAreSentOnByTheScoresTheyCarry() throws Exception {
    start(Map.of("classify.threshold", "0.6"));
    TestCandidates made = new TestCandidates(db, core.candidates(), core.config().imagesDir());
    long high = made.in(CandidateState.CLASSIFIED, 0.7);
    long low = made.in(CandidateState.CLASSIFIED, 0.3);
    StageResult r = feature.stage().run();
    assertThat(r.summary()).contains("2 already scored sent on");
    assertThat(candidate(high).state()).isEqualTo(CandidateState.QUEUED_FOR_REVIEW);
    assertThat(candidate(low).state()).isEqualTo(CandidateState.BELOW_THRESHOLD);
    assertThat(loads).hasValue(0); // no model needed for that
  }

  @Test
  void aMissingModelBundleLeavesTheStageUnscheduledWithTheReason() {
    start(Map.of("classify.model-dir", tmp.resolve("no-such-model").toString()));
    StageDefinition def = feature.stages().get(0);
    assertThat(def.task()).isEmpty();
    assertThat(def.whyNot()).contains("no-such-model");
  }

  @Test
  void aBrokenBundleAtRunTimeFailsTheRunClearlyAndTheCandidatesWait() throws Exception {
    start(Map.of());
    Path broken = copyOfDemoBundle("broken", null);
    Files.write(broken.resolve("head.bin"), new byte[] {1, 2, 3});
    core.botState().put(ClassifyFeature.MODEL_DIR_KEY, broken.toString(), "test");
    long pullover = downloaded(PULLOVER);

    assertThatThrownBy(() -> feature.stage().run())
        .isInstanceOf(ModelBundleException.class)
        .hasMessageContaining("cannot load the model bundle " + broken)
        .hasMessageContaining("head.bin");
    assertThat(candidate(pullover).state()).isEqualTo(CandidateState.DOWNLOADED);
    assertThat(feature.healthChecks().get(0).isUp()).isFalse();

    // Back to the configured bundle: the waiting candidate is classified.
    core.botState().put(ClassifyFeature.MODEL_DIR_KEY, null, "test");
    feature.stage().run();
    assertThat(candidate(pullover).state()).isEqualTo(CandidateState.QUEUED_FOR_REVIEW);
    assertThat(feature.healthChecks().get(0).isUp()).isTrue();
  }

  @Test
  void aNewModelVersionIsUsedFromTheNextRunAndABrokenOneNeverReplacesAWorkingOne()
      throws Exception {
    start(Map.of());
    long first = downloaded(PULLOVER);
    feature.stage().run();
    assertThat(candidate(first).modelVersion()).isEqualTo(DEMO_VERSION);

    Path v2 = copyOfDemoBundle("demo-v2", "demo-sleeves-v2");
    core.botState().put(ClassifyFeature.MODEL_DIR_KEY, v2.toString(), "cli:trainer");
    long second = downloaded(SLEEVES);
    feature.stage().run();
    assertThat(candidate(second).modelVersion()).isEqualTo("demo-sleeves-v2");
    assertThat(loads).hasValue(2);

    // The bundle is rewritten badly in place: the bot goes on with v2 and stays healthy.
    Files.write(v2.resolve("head.bin"), new byte[] {0});
    Files.setLastModifiedTime(
        v2.resolve("bundle.json"), java.nio.file.attribute.FileTime.from(Instant.now()));
    long third = downloaded(SNEAKER);
    feature.stage().run();
    assertThat(candidate(third).modelVersion()).isEqualTo("demo-sleeves-v2");
    assertThat(candidate(third).state()).isEqualTo(CandidateState.BELOW_THRESHOLD);
    assertThat(feature.healthChecks().get(0).isUp()).isTrue();
  }

  /** A copy of the demo head (on the shipped backbone), optionally with another version. */
  private Path copyOfDemoBundle(String name, String version) throws Exception {
    Path models = tmp.resolve("models");
    Path backbone = models.resolve("backbone");
    if (!Files.exists(backbone)) {
      Files.createDirectories(models);
      Files.createSymbolicLink(backbone, PROJECT.resolve("models/backbone").toAbsolutePath());
    }
    Path dir = Files.createDirectories(models.resolve(name));
    Path demo = PROJECT.resolve("models/demo-sleeves");
    Files.copy(demo.resolve("head.bin"), dir.resolve("head.bin"));
    String json = Files.readString(demo.resolve("bundle.json"));
    if (version != null) {
      json =
          json.replace(
              "\"version\" : \"" + DEMO_VERSION + "\"", "\"version\" : \"" + version + "\"");
    }
    Files.writeString(dir.resolve("bundle.json"), json);
    return dir;
  }

  private Candidate candidate(long id) {
    return core.candidates().find(id).orElseThrow();
  }

  private long downloaded(String sample) throws Exception {
    return downloaded(sample, Files.readAllBytes(SAMPLES.resolve(sample)));
  }

  /**
   * A DOWNLOADED candidate whose image is in the content-addressed store as the crawl leaves it: an
   * {@code images} row with the file's path relative to the store's root.
   */
  private long downloaded(String name, byte[] bytes) throws Exception {
    String sha =
        HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    Long imageId = imageIds.get(sha);
    if (imageId == null) {
      String rel = sha.substring(0, 2) + "/" + sha + ".jpg";
      Path file = core.config().imagesDir().resolve(rel);
      Files.createDirectories(file.getParent());
      Files.write(file, bytes);
      imageId =
          db.insert(
              "INSERT INTO images (sha256, path, bytes, width, height, format, created_at)"
                  + " VALUES (?, ?, ?, 224, 224, 'jpeg', ?)",
              sha,
              rel,
              (long) bytes.length,
              Instant.now());
      imageIds.put(sha, imageId);
    }
    long id =
        core.candidates()
            .discover(NewCandidate.of(null, "https://i.example/" + (++seq) + "/" + name))
            .orElseThrow();
    db.update(
        "UPDATE candidates SET state = ?, image_id = ? WHERE id = ?",
        CandidateState.DOWNLOADED,
        imageId,
        id);
    return id;
  }

  private long downloadedButFileDeleted() throws Exception {
    byte[] bytes = Files.readAllBytes(SAMPLES.resolve(BAG));
    bytes[bytes.length - 3] ^= 1; // another hash than BAG's
    long id = downloaded("deleted.jpg", bytes);
    String rel =
        db.queryOne(
                "SELECT i.path FROM images i JOIN candidates c ON c.image_id = i.id WHERE c.id = ?",
                rs -> rs.getString(1),
                id)
            .orElseThrow();
    Files.delete(core.config().imagesDir().resolve(rel));
    return id;
  }
}
