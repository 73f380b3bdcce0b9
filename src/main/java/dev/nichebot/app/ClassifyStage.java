package dev.nichebot.app;

import dev.nichebot.classify.Classification;
import dev.nichebot.classify.Classifier;
import dev.nichebot.classify.ImageSource;
import dev.nichebot.domain.Candidate;
import dev.nichebot.domain.CandidateState;
import dev.nichebot.domain.Logs;
import dev.nichebot.schedule.StageResult;
import dev.nichebot.schedule.StageTask;
import dev.nichebot.store.BotStateStore;
import dev.nichebot.store.CandidateChanges;
import dev.nichebot.store.CandidateStore;
import dev.nichebot.store.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CLASSIFY stage: scores DOWNLOADED candidates in batches and sends each on.
 *
 * <pre>
 * DOWNLOADED → CLASSIFIED (signal score, NSFW score, model version) ─┬─► HELD_NSFW
 *                                                                   ├─► QUEUED_FOR_REVIEW
 *                                                                   └─► BELOW_THRESHOLD
 * </pre>
 *
 * Both moves of a candidate happen in one transaction. A candidate whose image is missing or
 * unreadable, or that the model fails on, goes to FAILED with its reason; the rest of the batch
 * goes on. When the model itself cannot be loaded the run fails with the reason and every candidate
 * stays DOWNLOADED for the next run.
 */
final class ClassifyStage implements StageTask {
  private static final Logger log = LoggerFactory.getLogger(ClassifyStage.class);

  /** Candidates per run: a bounded run (about half a minute on two cores). */
  static final int MAX_PER_RUN = 256;

  private final Database db;
  private final CandidateStore candidates;
  private final BotStateStore botState;
  private final ClassifierHolder models;
  private final Path imagesDir;
  private final OptionalDouble configThreshold;
  private final double nsfwThreshold;
  private final boolean nsfwSubreddit;
  private final int chunk;

  /**
   * @param configThreshold {@code classify.threshold}; empty: the bundle's own
   * @param nsfwThreshold the NSFW score from which a candidate is held back
   * @param nsfwSubreddit the target subreddit takes NSFW posts: nothing is held back
   * @param batchSize images per forward pass
   */
  ClassifyStage(
      Database db,
      CandidateStore candidates,
      BotStateStore botState,
      ClassifierHolder models,
      Path imagesDir,
      OptionalDouble configThreshold,
      double nsfwThreshold,
      boolean nsfwSubreddit,
      int batchSize) {
    this.db = db;
    this.candidates = candidates;
    this.botState = botState;
    this.models = models;
    this.imagesDir = imagesDir.toAbsolutePath().normalize();
    this.configThreshold = configThreshold;
    this.nsfwThreshold = nsfwThreshold;
    this.nsfwSubreddit = nsfwSubreddit;
    // A few forward passes per transaction-free scoring call: keeps the cores busy while the
    // results of the previous chunk are written.
    this.chunk = Math.max(1, batchSize) * 4;
  }

  @Override
  public StageResult run() throws Exception {
    Tally tally = new Tally();
    routeLeftovers(tally);
    List<Candidate> todo = candidates.inState(CandidateState.DOWNLOADED, MAX_PER_RUN);
    if (todo.isEmpty()) {
      return tally.total() == 0 ? StageResult.idle() : tally.result(null, Double.NaN);
    }
    // Loaded once and reused; throws (the run fails, the candidates wait) when it cannot be.
    Classifier classifier = models.get();
    double threshold = threshold(classifier);
    for (int from = 0; from < todo.size(); from += chunk) {
      if (Thread.currentThread().isInterrupted()) {
        throw new InterruptedException("classify interrupted; the rest waits for the next run");
      }
      classifyChunk(
          classifier, threshold, todo.subList(from, Math.min(todo.size(), from + chunk)), tally);
    }
    return tally.result(classifier.modelVersion(), threshold);
  }

  /**
   * The signal threshold in force: a moderator's run-time setting ({@code bot_state}
   * classify.threshold), else {@code classify.threshold} from the configuration, else the bundle's.
   */
  double threshold(Classifier classifier) {
    Optional<String> set = botState.get(BotStateStore.THRESHOLD);
    if (set.isPresent()) {
      try {
        double t = Double.parseDouble(set.get().trim());
        if (t >= 0 && t <= 1) {
          return t;
        }
      } catch (NumberFormatException e) {
        // falls through to the warning
      }
      log.warn(
          "classify: ignoring the run-time threshold '{}' (not a number from 0 to 1)", set.get());
    }
    if (configThreshold.isPresent()) {
      return configThreshold.getAsDouble();
    }
    return classifier.signalBundle().threshold();
  }

  private void classifyChunk(
      Classifier classifier, double threshold, List<Candidate> batch, Tally tally) {
    Map<String, Candidate> byId = new LinkedHashMap<>();
    List<ImageSource> sources = new ArrayList<>();
    for (Candidate c : batch) {
      Resolved r = resolve(c);
      if (r.failure() != null) {
        fail(c, r.failure(), tally);
      } else {
        byId.put(Long.toString(c.id()), c);
        sources.add(ImageSource.of(Long.toString(c.id()), r.file()));
      }
    }
    if (sources.isEmpty()) {
      return;
    }
    List<Classification> results;
    try {
      results = classifier.classify(sources);
    } catch (RuntimeException e) {
      // The classifier isolates each image's failures; an error here is the engine's own, so the
      // candidates wait for the next run instead of being blamed.
      throw new IllegalStateException("the model failed on a whole batch: " + e.getMessage(), e);
    }
    for (Classification result : results) {
      Candidate c = byId.get(result.id());
      if (result instanceof Classification.Scored s) {
        store(c, s, threshold, tally);
      } else if (result instanceof Classification.Failed f) {
        fail(c, reasonFor(f.reason()), tally);
      }
    }
  }

  private record Resolved(Path file, String failure) {}

  /** The candidate's image file in the content-addressed store, or why there is none. */
  private Resolved resolve(Candidate c) {
    if (c.imageId() == null) {
      return new Resolved(null, "IMAGE_MISSING: the candidate has no stored image");
    }
    Optional<String> rel =
        db.queryOne("SELECT path FROM images WHERE id = ?", rs -> rs.getString(1), c.imageId());
    if (rel.isEmpty()) {
      return new Resolved(null, "IMAGE_MISSING: image " + c.imageId() + " is not in the store");
    }
    Path file = imagesDir.resolve(rel.get()).normalize();
    if (!file.startsWith(imagesDir)) {
      // A stored path must never lead the classifier out of the image store.
      return new Resolved(null, "IMAGE_MISSING: image path leaves the image store: " + rel.get());
    }
    if (!Files.isRegularFile(file)) {
      return new Resolved(null, "IMAGE_MISSING: file not found: " + rel.get());
    }
    return new Resolved(file, null);
  }

  private static String reasonFor(String failure) {
    return (failure.startsWith("model error") ? "MODEL_ERROR: " : "IMAGE_UNREADABLE: ") + failure;
  }

  private void fail(Candidate c, String reason, Tally tally) {
    try (var ignored = Logs.candidate(c.id())) {
      if (candidates.transition(
          c.id(),
          CandidateState.DOWNLOADED,
          CandidateState.FAILED,
          CandidateChanges.reason(reason))) {
        tally.failed++;
        log.warn("classify: {}", reason);
      }
    }
  }

  private void store(Candidate c, Classification.Scored s, double threshold, Tally tally) {
    Double nsfw = s.nsfw().map(Classification.NsfwScore::score).orElse(null);
    try (var ignored = Logs.candidate(c.id())) {
      CandidateState next =
          db.inTransaction(
              () -> {
                if (!candidates.transition(
                    c.id(),
                    CandidateState.DOWNLOADED,
                    CandidateState.CLASSIFIED,
                    CandidateChanges.none().scores(s.signalScore(), nsfw, s.modelVersion()))) {
                  return null; // moved meanwhile (skipped by a moderator): leave it be
                }
                return route(c.id(), s.signalScore(), nsfw, threshold);
              });
      if (next != null) {
        tally.count(next);
        log.debug(
            "classify: signal {} nsfw {} -> {}",
            String.format(Locale.ROOT, "%.3f", s.signalScore()),
            nsfw,
            next);
      }
    }
  }

  /** CLASSIFIED → where the scores send it. */
  private CandidateState route(long id, double signal, Double nsfw, double threshold) {
    CandidateState next;
    CandidateChanges changes = CandidateChanges.none();
    if (nsfw != null && nsfw >= nsfwThreshold && !nsfwSubreddit) {
      next = CandidateState.HELD_NSFW;
      changes.withReason(
          String.format(Locale.ROOT, "NSFW: score %.3f >= %.3f", nsfw, nsfwThreshold));
    } else if (signal >= threshold) {
      next = CandidateState.QUEUED_FOR_REVIEW;
    } else {
      next = CandidateState.BELOW_THRESHOLD;
      changes.withReason(
          String.format(Locale.ROOT, "BELOW_THRESHOLD: score %.3f < %.3f", signal, threshold));
    }
    return candidates.transition(id, CandidateState.CLASSIFIED, next, changes) ? next : null;
  }

  /**
   * Candidates left CLASSIFIED (by an older version, or a database cut between the two moves) are
   * sent on by the scores they already carry, without the model.
   */
  private void routeLeftovers(Tally tally) {
    List<Candidate> left = candidates.inState(CandidateState.CLASSIFIED, MAX_PER_RUN);
    if (left.isEmpty()) {
      return;
    }
    Double threshold = null;
    for (Candidate c : left) {
      if (c.signalScore() == null) {
        candidates.transition(
            c.id(),
            CandidateState.CLASSIFIED,
            CandidateState.FAILED,
            CandidateChanges.reason("MODEL_ERROR: classified without a score"));
        tally.failed++;
        continue;
      }
      if (threshold == null) {
        threshold = leftoverThreshold();
      }
      CandidateState next = route(c.id(), c.signalScore(), c.nsfwScore(), threshold);
      if (next != null) {
        tally.leftovers++;
      }
    }
  }

  private double leftoverThreshold() {
    Optional<String> set = botState.get(BotStateStore.THRESHOLD);
    if (set.isPresent() || configThreshold.isEmpty()) {
      try {
        return threshold(models.get());
      } catch (Exception e) {
        // no model: fall through to the configured value, or 0.5
      }
    }
    return configThreshold.orElse(0.5);
  }

  /** Counts of one run. */
  private static final class Tally {
    int queued;
    int below;
    int held;
    int failed;
    int leftovers;

    void count(CandidateState s) {
      switch (s) {
        case QUEUED_FOR_REVIEW -> queued++;
        case BELOW_THRESHOLD -> below++;
        case HELD_NSFW -> held++;
        default -> {}
      }
    }

    int total() {
      return queued + below + held + failed + leftovers;
    }

    StageResult result(String modelVersion, double threshold) {
      StringBuilder s = new StringBuilder();
      s.append(queued + below + held)
          .append(" classified")
          .append(modelVersion == null ? "" : " by " + modelVersion)
          .append(": ")
          .append(queued)
          .append(" to review, ")
          .append(below)
          .append(" below threshold");
      if (!Double.isNaN(threshold)) {
        s.append(String.format(Locale.ROOT, " %.3f", threshold));
      }
      s.append(", ").append(held).append(" held as NSFW, ").append(failed).append(" failed");
      if (leftovers > 0) {
        s.append("; ").append(leftovers).append(" already scored sent on");
      }
      return StageResult.of(total(), s.toString());
    }
  }
}
