package dev.nichebot.crawl;

import dev.nichebot.crawl.dedup.HashIndex;
import dev.nichebot.crawl.dedup.HashMatch;
import dev.nichebot.crawl.dedup.Thumbnail;
import dev.nichebot.crawl.source.FolderSource;
import dev.nichebot.crawl.source.SourceSpec;
import dev.nichebot.crawl.storage.StoredImage;
import dev.nichebot.domain.Candidate;
import dev.nichebot.domain.CandidateState;
import dev.nichebot.store.CandidateChanges;
import dev.nichebot.store.CandidateStore;
import dev.nichebot.store.Database;
import dev.nichebot.store.StoreException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DOWNLOAD stage: takes due DISCOVERED candidates (a batch, downloaded with bounded
 * concurrency), runs each through {@link ImageIntake} and records the outcome:
 *
 * <pre>
 * DISCOVERED ─┬─► DOWNLOADED  (a new picture: file stored, images row written)
 *             ├─► DUPLICATE   (same bytes, or a perceptual hash within crawl.dedup-distance of a
 *             │                known image: duplicate_of_image_id, duplicate_distance)
 *             ├─► FAILED      (refused or broken: reason "CODE: detail")
 *             ├─► SKIPPED     (its user or domain was blocked meanwhile)
 *             └─► DISCOVERED  (transient failure: attempts + 1, next_attempt_at after a backoff)
 * </pre>
 *
 * A candidate stays DISCOVERED until its outcome is written, so a crash mid-download only means it
 * is downloaded again after the restart. The file is stored (atomically) before the row that names
 * it; the row and the state change are one transaction.
 */
public final class DownloadService {
  private static final Logger log = LoggerFactory.getLogger(DownloadService.class);
  private static final int MAX_REASON = 1900;

  /** What happened to one candidate. */
  public enum Outcome {
    DOWNLOADED,
    DUPLICATE,
    FAILED,
    RETRY,
    SKIPPED,
    /** Someone else moved the candidate first (a block, a second worker): nothing written. */
    GONE
  }

  /** Told after every finished candidate (the CLI's progress bar). */
  @FunctionalInterface
  public interface Progress {
    void update(int done, int total);

    static Progress none() {
      return (done, total) -> {};
    }
  }

  /** What one run did. */
  public record Report(Map<Outcome, Integer> outcomes, Map<FailureReason, Integer> failures) {
    public int total() {
      return outcomes.values().stream().mapToInt(Integer::intValue).sum();
    }

    public int count(Outcome o) {
      return outcomes.getOrDefault(o, 0);
    }

    public String summary() {
      if (total() == 0) {
        return "nothing to download";
      }
      StringBuilder s = new StringBuilder();
      for (Map.Entry<Outcome, Integer> e : outcomes.entrySet()) {
        if (e.getValue() > 0) {
          s.append(s.length() == 0 ? "" : ", ")
              .append(e.getValue())
              .append(' ')
              .append(e.getKey().name().toLowerCase(Locale.ROOT));
        }
      }
      if (!failures.isEmpty()) {
        s.append(" (").append(failures).append(')');
      }
      return s.toString();
    }
  }

  private final Database db;
  private final CandidateStore candidates;
  private final ImageTable images;
  private final SourceTable sources;
  private final ImageIntake intake;
  private final HashIndex index;
  private final CrawlSettings settings;
  private final Clock clock;

  /** Prints of stored images recently matched, by image id (least recently used leave first). */
  private final Map<Long, Thumbnail> prints =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Thumbnail> eldest) {
          return size() > 2048;
        }
      };

  private volatile boolean indexLoaded;

  public DownloadService(
      Database db,
      CandidateStore candidates,
      ImageTable images,
      SourceTable sources,
      ImageIntake intake,
      HashIndex index,
      CrawlSettings settings,
      Clock clock) {
    this.db = db;
    this.candidates = candidates;
    this.images = images;
    this.sources = sources;
    this.intake = intake;
    this.index = index;
    this.settings = settings;
    this.clock = clock;
  }

  /**
   * Fills the (empty) hash index from the images table: at start-up, before the first download.
   * Runs at most once; {@link #run} calls it when nobody has.
   */
  public synchronized void loadIndex() {
    if (indexLoaded) {
      return;
    }
    long start = System.nanoTime();
    int n = images.loadInto(index);
    indexLoaded = true;
    log.info(
        "crawl: hash index holds {} image(s) (loaded in {} ms)",
        n,
        (System.nanoTime() - start) / 1_000_000);
  }

  public Report run(Progress progress) throws InterruptedException {
    return run(settings.batchSize(), progress);
  }

  /** Downloads at most {@code limit} due candidates. */
  public Report run(int limit, Progress progress) throws InterruptedException {
    loadIndex();
    List<Candidate> due = candidates.dueInState(CandidateState.DISCOVERED, limit);
    Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
    Map<FailureReason, Integer> failures = new EnumMap<>(FailureReason.class);
    if (due.isEmpty()) {
      return new Report(outcomes, failures);
    }
    BlockRules blocks = BlockRules.read(db);
    Map<Long, Optional<Path>> folders = new HashMap<>();
    for (SourceTable.Row row : sources.all()) {
      folders.put(row.id(), folderRoot(row));
    }
    AtomicInteger done = new AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.min(settings.concurrency(), due.size()),
            r -> {
              Thread t = new Thread(r, "download");
              t.setDaemon(true);
              return t;
            });
    try {
      // Fetched (downloaded, decoded, hashed) concurrently, recorded one at a time in candidate
      // order: of two copies in one batch the first found is the one stored, whatever finished
      // first.
      // At most two images per download slot wait in memory to be recorded.
      int window = settings.concurrency() * 2;
      List<Future<Fetched>> futures = new ArrayList<>();
      for (int i = 0; i < due.size(); i++) {
        while (futures.size() < due.size() && futures.size() < i + window) {
          Candidate c = due.get(futures.size());
          futures.add(pool.submit(() -> fetchOrSkip(c, blocks, folders)));
        }
        Result r;
        try {
          Fetched f = futures.get(i).get();
          futures.set(i, null); // its bytes may go
          r = f.done() != null ? f.done() : record(due.get(i), f.intake());
        } catch (ExecutionException | RuntimeException e) {
          // A bug or the database going away: the candidate stays DISCOVERED for the next run.
          Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
          log.warn(
              "download: candidate {} was left for the next run: {}",
              due.get(i).id(),
              cause.toString());
          progress.update(done.incrementAndGet(), due.size());
          continue;
        }
        progress.update(done.incrementAndGet(), due.size());
        outcomes.merge(r.outcome(), 1, Integer::sum);
        if (r.reason() != null && r.outcome() == Outcome.FAILED) {
          failures.merge(r.reason(), 1, Integer::sum);
        }
      }
    } catch (InterruptedException e) {
      pool.shutdownNow();
      throw e;
    } finally {
      pool.shutdownNow();
    }
    return new Report(outcomes, failures);
  }

  private record Result(Outcome outcome, FailureReason reason) {}

  private static Optional<Path> folderRoot(SourceTable.Row row) {
    try {
      SourceSpec spec = SourceSpec.parse(row.spec());
      return spec.kind() == SourceSpec.Kind.FOLDER
          ? Optional.of(spec.target()).map(Path::of)
          : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** What a worker hands back: an outcome already written (a block), or what it fetched. */
  private record Fetched(Result done, IntakeResult intake) {}

  private Fetched fetchOrSkip(Candidate c, BlockRules blocks, Map<Long, Optional<Path>> folders) {
    Optional<String> block = blocks.blocks(c.author(), c.sourceUrl(), c.pageUrl());
    if (block.isPresent()) {
      boolean moved =
          candidates.transition(
              c.id(),
              CandidateState.DISCOVERED,
              CandidateState.SKIPPED,
              CandidateChanges.reason("blocked " + block.get()));
      return new Fetched(new Result(moved ? Outcome.SKIPPED : Outcome.GONE, null), null);
    }
    return new Fetched(null, fetch(c, folders));
  }

  /** Downloads a URL, or reads a file of a folder source (only from inside that folder). */
  private IntakeResult fetch(Candidate c, Map<Long, Optional<Path>> folders) {
    String url = c.sourceUrl();
    if (!url.regionMatches(true, 0, "file:", 0, 5)) {
      return intake.fetch(url);
    }
    Optional<Path> root =
        c.sourceId() == null
            ? Optional.empty()
            : folders.getOrDefault(c.sourceId(), Optional.empty());
    if (root.isEmpty()) {
      return new IntakeResult.Rejected(
          FailureReason.BAD_SCHEME, "a file: URL from a source that is not a folder", url);
    }
    Path file;
    try {
      file = Path.of(URI.create(url));
    } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
      return new IntakeResult.Rejected(FailureReason.INVALID_URL, e.toString(), url);
    }
    Path folder = settings.workingDir().resolve(root.get()).toAbsolutePath().normalize();
    if (!FolderSource.isInside(folder, file)) {
      return new IntakeResult.Rejected(
          FailureReason.UNREADABLE_FILE, "not a file inside the source folder " + folder, url);
    }
    return intake.read(file);
  }

  private Result record(Candidate c, IntakeResult result) {
    if (result instanceof IntakeResult.Rejected rejected) {
      return reject(c, rejected.reason(), rejected.detail());
    }
    IntakeResult.Accepted image = (IntakeResult.Accepted) result;
    Optional<Long> same = images.idBySha256(image.sha256());
    if (same.isPresent()) {
      return duplicate(c, same.get(), 0);
    }
    Optional<HashMatch> near = index.nearest(image.perceptualHash(), settings.dedupDistance());
    if (near.isPresent() && looksAlike(image, near.get())) {
      return duplicate(c, near.get().id(), near.get().distance());
    }
    StoredImage stored;
    try {
      stored = intake.store(image);
    } catch (IOException e) {
      return reject(c, FailureReason.STORE_FAILED, e.toString());
    }
    // Close, not a duplicate: review shows it beside its nearest known image.
    int look = Math.min(64, settings.dedupDistance() * 2);
    Optional<HashMatch> nearest =
        look > settings.dedupDistance()
            ? index.nearest(image.perceptualHash(), look)
            : Optional.empty();
    String path =
        intake.imageStore().root().relativize(stored.path()).toString().replace('\\', '/');
    long imageId;
    try {
      imageId =
          db.inTransaction(
              () -> {
                long id =
                    images.insert(
                        image.sha256(),
                        image.perceptualHash().hash(),
                        image.perceptualHash().mirrored(),
                        path,
                        stored.size(),
                        image.info().width(),
                        image.info().height(),
                        image.info().format().name());
                CandidateChanges changes = CandidateChanges.none().imageId(id).set("reason", null);
                nearest.ifPresent(
                    m ->
                        changes
                            .set("nearest_image_id", m.id())
                            .set("nearest_distance", m.distance()));
                if (!candidates.transition(
                    c.id(), CandidateState.DISCOVERED, CandidateState.DOWNLOADED, changes)) {
                  throw new Moved();
                }
                return id;
              });
    } catch (Moved e) {
      return new Result(Outcome.GONE, null); // the file stays: content-addressed, harmless
    } catch (StoreException e) {
      log.warn("download: could not record candidate {}: {}", c.id(), e.getMessage());
      return reject(c, FailureReason.STORE_FAILED, e.getMessage());
    }
    index.add(imageId, image.perceptualHash().hash());
    return new Result(Outcome.DOWNLOADED, null);
  }

  /**
   * Whether the pictures the hash put close together are one picture: their prints correlate (see
   * {@link Thumbnail}). Prints of stored images are kept for the few that keep being matched.
   */
  private boolean looksAlike(IntakeResult.Accepted image, HashMatch match) {
    if (settings.dedupSimilarity() <= 0) {
      return true;
    }
    Thumbnail stored;
    synchronized (prints) {
      stored = prints.get(match.id());
    }
    if (stored == null) {
      Optional<Thumbnail> read = images.pathOf(match.id()).flatMap(intake::storedThumbnail);
      if (read.isEmpty()) {
        // Its file is gone: the hash is all there is, and a repost is worse than a miss.
        return true;
      }
      stored = read.get();
      synchronized (prints) {
        prints.put(match.id(), stored);
      }
    }
    double similarity = image.thumbnail().similarity(stored);
    if (similarity < settings.dedupSimilarity()) {
      log.debug(
          "download: {} bits from image {} but prints correlate only {}: not a duplicate",
          match.distance(),
          match.id(),
          String.format(Locale.ROOT, "%.3f", similarity));
      return false;
    }
    return true;
  }

  private static final class Moved extends RuntimeException {
    Moved() {
      super("the candidate moved meanwhile", null, false, false);
    }
  }

  private Result duplicate(Candidate c, long imageId, int distance) {
    boolean moved =
        candidates.transition(
            c.id(),
            CandidateState.DISCOVERED,
            CandidateState.DUPLICATE,
            CandidateChanges.none()
                .duplicateOf(imageId, distance)
                .set(
                    "reason",
                    distance == 0
                        ? "DUPLICATE: same picture as image " + imageId
                        : "DUPLICATE: " + distance + " bits from image " + imageId));
    return new Result(moved ? Outcome.DUPLICATE : Outcome.GONE, null);
  }

  private Result reject(Candidate c, FailureReason reason, String detail) {
    int attempts = c.attempts() + 1;
    String why = detail == null ? "" : detail;
    if (why.startsWith(reason.name() + ": ")) {
      why = why.substring(reason.name().length() + 2); // the probe's messages name it already
    }
    String text = reason.name() + ": " + clip(why);
    if (reason.isTransient() && attempts < settings.maxAttempts()) {
      boolean kept =
          candidates.update(
              c.id(),
              CandidateState.DISCOVERED,
              CandidateChanges.reason(
                      text + " (attempt " + attempts + " of " + settings.maxAttempts() + ")")
                  .attempts(attempts, clock.instant().plus(settings.backoffAfter(attempts))));
      return new Result(kept ? Outcome.RETRY : Outcome.GONE, reason);
    }
    boolean moved =
        candidates.transition(
            c.id(),
            CandidateState.DISCOVERED,
            CandidateState.FAILED,
            CandidateChanges.reason(text).attempts(attempts, null));
    if (moved) {
      log.info("download: candidate {} FAILED: {}", c.id(), text);
    }
    return new Result(moved ? Outcome.FAILED : Outcome.GONE, reason);
  }

  private static String clip(String s) {
    String one = s == null ? "" : s.replace('\n', ' ').replace('\r', ' ');
    return one.length() <= MAX_REASON ? one : one.substring(0, MAX_REASON);
  }
}
