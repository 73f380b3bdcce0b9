package dev.nichebot.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nichebot.config.BotConfig;
import dev.nichebot.config.ConfigLoader;
import dev.nichebot.domain.AuditEntry;
import dev.nichebot.domain.CandidateState;
import dev.nichebot.domain.NewCandidate;
import dev.nichebot.domain.Vote;
import dev.nichebot.review.Reviewer;
import dev.nichebot.review.VoteStore;
import dev.nichebot.store.AuditLog;
import dev.nichebot.store.BotStateStore;
import dev.nichebot.store.CandidateStore;
import dev.nichebot.store.Database;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code nichebot train --from-reviews --activate}: the review decisions in the bot's database
 * become a new signal bundle, and the classify stage uses it from its next run.
 */
class TrainFromReviewsTest {
  private static final Path PROJECT = ClassifyStageTest.PROJECT;
  private static final Path SAMPLES = ClassifyStageTest.SAMPLES;

  @TempDir Path tmp;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private int seq;

  private BotConfig config() {
    return ConfigLoader.defaults(
        tmp,
        Map.of(
            "data.dir",
            tmp.resolve("data").toString(),
            "classify.model-dir",
            PROJECT.resolve("models/demo-sleeves").toString(),
            "classify.nsfw-model-dir",
            ""));
  }

  private int run(String... args) {
    CommandLine cli =
        Main.commandLine(
            new Main(Map.of("NICHEBOT_DATA_DIR", tmp.resolve("data").toString()), tmp));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void reviewDecisionsTrainANewBundleThatTheStageUsesOnceActivated() throws Exception {
    BotConfig config = config();
    List<String[]> labels = new ArrayList<>();
    for (String line : Files.readAllLines(SAMPLES.resolve("labels.csv")).subList(1, 273)) {
      String[] f = line.split(",");
      if ("original".equals(f[4])) {
        labels.add(f);
      }
    }
    try (Database db = Database.open(config.store())) {
      db.migrate();
      CandidateStore candidates = new CandidateStore(db, Clock.systemUTC());
      VoteStore votes = new VoteStore(db);
      Reviewer alice = new Reviewer("alice", "Alice", "web");
      int signal = 0;
      int noise = 0;
      for (String[] f : labels) {
        boolean isSignal = "yes".equals(f[2]);
        if (isSignal ? signal++ >= 12 : noise++ >= 12) {
          continue;
        }
        long id = reviewed(db, candidates, config, f[0]);
        votes.add(id, alice, isSignal ? Vote.APPROVE : Vote.REJECT, Instant.now());
      }
      // A withdrawn vote is no label, and a label whose file is gone is left out.
      long withdrawn = reviewed(db, candidates, config, "fmnist-test-00039.jpg");
      votes.withdraw(votes.add(withdrawn, alice, Vote.APPROVE, Instant.now()), Instant.now());
      long gone = reviewed(db, candidates, config, "fmnist-test-00061.jpg");
      votes.add(gone, alice, Vote.REJECT, Instant.now());
      Files.delete(config.imagesDir().resolve(imagePath(db, gone)));
    }

    int code =
        run(
            "train",
            "--from-reviews",
            "--activate",
            "--backbone",
            PROJECT.resolve("models/backbone").toString(),
            "--name",
            "reviews",
            "--seed",
            "3",
            "--augment",
            "2",
            "--rotations",
            "--class-weights",
            "BALANCED",
            "--validation",
            "0.34",
            "--epochs",
            "40",
            "--quiet");

    assertThat(code).as("stderr:%n%s%nstdout:%n%s", err, out).isZero();
    assertThat(out.toString())
        .contains("1 reviewed images are not in the image store and are left out")
        .contains("24 images: 12 signal, 12 noise")
        .contains("validation:")
        .contains("precision")
        .contains("recall")
        .contains("activated: the bot classifies with reviews-");
    try (Database db = Database.open(config.store())) {
      Clock clock = Clock.systemUTC();
      BotStateStore state = new BotStateStore(db, clock);
      Path bundle = Path.of(state.get(ClassifyFeature.MODEL_DIR_KEY).orElseThrow());
      assertThat(bundle).startsWith(tmp.resolve("data/models").toAbsolutePath());
      assertThat(bundle.resolve("bundle.json")).exists();
      assertThat(Files.readString(bundle.resolve("bundle.json")))
          .as("the training options reach the bundle's record")
          .contains("90-degree rotations")
          .containsPattern("\"class_weights\"\\s*:\\s*\"balanced\"");
      assertThat(bundle.resolve("plots/precision-recall.png")).exists();
      AuditEntry audit = new AuditLog(db, clock).byAction("activate model", 1).get(0);
      assertThat(audit.after()).isEqualTo(bundle.toString());
      assertThat(audit.before()).endsWith("demo-sleeves");

      // The stage, as the running bot has it, classifies with the new version.
      Core core =
          Core.create(config, clock, db, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
      CandidateStore candidates = core.candidates();
      long fresh = reviewed(db, candidates, config, ClassifyStageTest.PULLOVER);
      db.update("UPDATE candidates SET state = ? WHERE id = ?", CandidateState.DOWNLOADED, fresh);
      try (ClassifyFeature feature = new ClassifyFeature(core)) {
        feature.stages().get(0).task().orElseThrow().run();
      }
      String version = candidates.find(fresh).orElseThrow().modelVersion();
      assertThat(version).startsWith("reviews-");
      assertThat(Files.readString(bundle.resolve("bundle.json"))).contains(version);
    }
  }

  @Test
  void dataAndFromReviewsTogetherAreAUsageError() {
    assertThat(run("train", "--from-reviews", "--data", tmp.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("exactly one of --data DIR and --from-reviews");
    assertThat(run("train", "--data", tmp.toString(), "--activate")).isEqualTo(2);
    assertThat(err.toString()).contains("--activate needs --from-reviews");
  }

  @Test
  void withoutReviewsThereIsNothingToTrainOn() {
    assertThat(run("train", "--from-reviews", "--quiet")).isNotZero();
    assertThat(err.toString()).contains("no review decisions with stored images yet");
  }

  /** A candidate with its image in the store (as the crawl leaves it), in state REJECTED. */
  private long reviewed(Database db, CandidateStore candidates, BotConfig config, String sample)
      throws Exception {
    byte[] bytes = Files.readAllBytes(SAMPLES.resolve(sample));
    String sha =
        HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    String rel = sha.substring(0, 2) + "/" + sha + ".jpg";
    Path file = config.imagesDir().resolve(rel);
    Files.createDirectories(file.getParent());
    Files.write(file, bytes);
    long imageId =
        db.queryOne("SELECT id FROM images WHERE sha256 = ?", rs -> rs.getLong(1), sha)
            .orElseGet(
                () ->
                    db.insert(
                        "INSERT INTO images (sha256, path, bytes, width, height, format,"
                            + " created_at) VALUES (?, ?, ?, 224, 224, 'jpeg', ?)",
                        sha,
                        rel,
                        (long) bytes.length,
                        Instant.now()));
    long id =
        candidates
            .discover(NewCandidate.of(null, "https://i.example/r" + (++seq) + "/" + sample))
            .orElseThrow();
    db.update(
        "UPDATE candidates SET state = ?, image_id = ? WHERE id = ?",
        CandidateState.REJECTED,
        imageId,
        id);
    return id;
  }

  private static String imagePath(Database db, long candidateId) {
    return db.queryOne(
            "SELECT i.path FROM images i JOIN candidates c ON c.image_id = i.id WHERE c.id = ?",
            rs -> rs.getString(1),
            candidateId)
        .orElseThrow();
  }
}
