package dev.nichebot.publish;

import dev.nichebot.domain.Candidate;
import dev.nichebot.domain.CandidateState;
import dev.nichebot.domain.Logs;
import dev.nichebot.reddit.RateLimitedException;
import dev.nichebot.reddit.RedditApiException;
import dev.nichebot.reddit.RedditException;
import dev.nichebot.reddit.RedditPoster;
import dev.nichebot.reddit.SubmissionUnconfirmedException;
import dev.nichebot.reddit.SubmittedPost;
import dev.nichebot.reddit.SubredditAbout;
import dev.nichebot.schedule.StageRun;
import dev.nichebot.store.BotStateStore;
import dev.nichebot.store.CandidateChanges;
import dev.nichebot.store.CandidateStore;
import dev.nichebot.store.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts approved candidates, one per run, exactly once.
 *
 * <p>Every attempt goes APPROVED → PUBLISHING (committed before Reddit is called) → PUBLISHED with
 * the post's id and URL. A candidate found in PUBLISHING (a crash, an answer that never came) is
 * reconciled against the account's own recent submissions before anything else is posted: found →
 * PUBLISHED, not found → APPROVED again. So a crash at any point leaves at most one post.
 *
 * <p>A scheduled slot waits a random jitter (by a one-shot wake-up, never by blocking a scheduler
 * thread) and respects the minimum gap and the daily maximum; a run asked for now (a moderator's
 * "post now", {@code nichebot publish --now}) posts one at once. RATELIMIT moves the pending slot
 * to when Reddit says trying again makes sense.
 */
public final class Publisher {
  private static final Logger log = LoggerFactory.getLogger(Publisher.class);

  /** When the pending slot posts (jitter, or moved by RATELIMIT). Shown by {@code status}. */
  public static final String SLOT_DUE = "publish.next-slot-at";

  /** Until when Reddit asked us not to post. */
  public static final String RATE_LIMITED_UNTIL = "publish.rate-limited-until";

  private static final String ACTOR = "publisher";
  private static final int CANDIDATES_PER_RUN = 25;
  private static final int RECENT_SUBMISSIONS = 100;
  // A wake-up may fire a moment early; a slot that is this close counts as come.
  private static final Duration EARLY = Duration.ofSeconds(2);

  /** What one run did. */
  public record Outcome(Kind kind, String summary, Optional<Post> post) {
    public enum Kind {
      POSTED,
      NOTHING,
      WAITING,
      RATE_LIMITED,
      UNCONFIRMED,
      REFUSED
    }

    static Outcome of(Kind kind, String summary) {
      return new Outcome(kind, summary, Optional.empty());
    }

    public boolean posted() {
      return kind == Kind.POSTED;
    }
  }

  private final PublishSettings settings;
  private final Database db;
  private final CandidateStore candidates;
  private final BotStateStore state;
  private final PostHistory history;
  private final ImageCatalog images;
  private final PostPlanner planner;
  private final Outbox outbox;
  private final Optional<RedditPoster> reddit;
  private final Clock clock;
  private final RandomGenerator random;
  private final Consumer<Instant> wakeAt;
  private final PublishingAttempts attempts;
  private final ReentrantLock lock = new ReentrantLock();

  /**
   * @param reddit the Reddit client; may be empty only in a dry run
   * @param wakeAt asks for a run of the stage at that time (the pending slot)
   */
  public Publisher(
      PublishSettings settings,
      Database db,
      CandidateStore candidates,
      BotStateStore state,
      Optional<RedditPoster> reddit,
      Clock clock,
      RandomGenerator random,
      Consumer<Instant> wakeAt) {
    if (!settings.dryRun() && reddit.isEmpty()) {
      throw new IllegalArgumentException(
          "publishing to Reddit needs Reddit credentials (reddit.client-id, reddit.client-secret,"
              + " reddit.username, reddit.password), or publish.dry-run=true");
    }
    this.settings = settings;
    this.db = db;
    this.candidates = candidates;
    this.state = state;
    this.history = new PostHistory(db);
    this.images = new ImageCatalog(db);
    this.planner = new PostPlanner(settings);
    this.outbox = new Outbox(settings.outboxDir());
    this.reddit = reddit;
    this.clock = clock;
    this.random = random;
    this.wakeAt = wakeAt;
    this.attempts = new PublishingAttempts(db);
  }

  public PostHistory history() {
    return history;
  }

  public PublishSettings settings() {
    return settings;
  }

  /** When the pending slot posts, if one is pending. */
  public Optional<Instant> pendingSlot() {
    return instant(SLOT_DUE);
  }

  /** One run of the PUBLISH stage: at most one post. */
  public Outcome run(StageRun run) {
    lock.lock();
    try {
      return runLocked(run);
    } finally {
      lock.unlock();
    }
  }

  private Outcome runLocked(StageRun run) {
    int reconciled = reconcileLocked();
    if (candidates.count(CandidateState.PUBLISHING) > 0) {
      // An earlier attempt may still show up on Reddit: posting another now could double-post.
      return Outcome.of(
          Outcome.Kind.WAITING,
          "an earlier attempt is not yet confirmed or ruled out on Reddit; posting waits for it");
    }
    Instant now = clock.instant();
    boolean slot;
    Optional<Instant> due = pendingSlot();
    if (run.scheduled()) {
      Instant postAt = now;
      if (!settings.jitter().isZero()) {
        postAt = now.plusMillis(random.nextLong(settings.jitter().toMillis() + 1));
      }
      Optional<Instant> limited = instant(RATE_LIMITED_UNTIL).filter(now::isBefore);
      if (limited.isPresent() && limited.get().isAfter(postAt)) {
        postAt = limited.get();
      }
      if (postAt.isAfter(now.plus(EARLY))) {
        return deferSlot(postAt, "slot: posting at " + postAt);
      }
      slot = true;
    } else if (due.isPresent() && !due.get().isAfter(now.plus(EARLY))) {
      slot = true;
    } else {
      slot = false;
    }
    if (slot) {
      state.put(SLOT_DUE, null, ACTOR);
    }
    Optional<Instant> limited = instant(RATE_LIMITED_UNTIL).filter(now::isBefore);
    if (limited.isPresent()) {
      return deferSlot(
          limited.get(),
          "Reddit asked the bot to wait (RATELIMIT) until " + limited.get() + "; the post waits");
    }
    if (slot) {
      Optional<String> why = slotBlocked(now);
      if (why.isPresent()) {
        log.info("publish slot skipped: {}", why.get());
        return Outcome.of(Outcome.Kind.NOTHING, "slot skipped: " + why.get());
      }
    }
    Outcome outcome = postOne(now);
    if (reconciled > 0 && !outcome.posted()) {
      return Outcome.of(
          outcome.kind(),
          outcome.summary() + " (" + reconciled + " earlier attempt(s) reconciled)");
    }
    return outcome;
  }

  private Outcome deferSlot(Instant at, String summary) {
    state.put(SLOT_DUE, at.toString(), ACTOR);
    wakeAt.accept(at);
    return Outcome.of(Outcome.Kind.WAITING, summary);
  }

  /** Why a scheduled slot posts nothing: too soon after the last post, or the day is full. */
  private Optional<String> slotBlocked(Instant now) {
    if (settings.dailyMax() == 0) {
      return Optional.of("publish.daily-max=0: no scheduled posts");
    }
    Instant dayStart =
        LocalDate.ofInstant(now, ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant();
    long today = history.countSince(dayStart);
    if (today >= settings.dailyMax()) {
      return Optional.of(
          today + " posts today already (publish.daily-max=" + settings.dailyMax() + ")");
    }
    Optional<Instant> last = history.lastPostAt();
    if (last.isPresent() && last.get().plus(settings.minGap()).isAfter(now)) {
      return Optional.of(
          "the last post was at "
              + last.get()
              + ", less than publish.min-gap="
              + settings.minGap()
              + " ago");
    }
    return Optional.empty();
  }

  /**
   * Settles every candidate left in PUBLISHING: found among the account's recent submissions (or,
   * in a dry run, in the outbox) → PUBLISHED; not found → APPROVED, or FAILED when its attempts are
   * used up. Runs at start-up and before every run.
   *
   * @return how many were settled
   */
  public int reconcile() {
    lock.lock();
    try {
      return reconcileLocked();
    } finally {
      lock.unlock();
    }
  }

  private int reconcileLocked() {
    List<Candidate> open = candidates.where("state = ? ORDER BY id", CandidateState.PUBLISHING);
    if (open.isEmpty()) {
      return 0;
    }
    Submissions submissions = null;
    int settled = 0;
    for (Candidate c : open) {
      try (var ignored = Logs.candidate(c.id())) {
        PublishingAttempts.Attempt a = attempts.of(c.id());
        if (a.dryRun()) {
          Optional<Path> file = outbox.find(c.id());
          if (file.isPresent()) {
            recordPublished(
                c,
                a.kind(),
                a.title(),
                a.target(),
                null,
                file.get().toUri().toString(),
                null,
                true);
            log.info("reconciled: dry-run post of candidate {} was written; now PUBLISHED", c.id());
          } else {
            backToQueue(c, "the dry-run file was not written before the interruption");
          }
          settled++;
          continue;
        }
        if (reddit.isEmpty()) {
          log.warn(
              "candidate {} is PUBLISHING on Reddit but no Reddit client is configured: it stays"
                  + " PUBLISHING until one is",
              c.id());
          continue;
        }
        if (submissions == null) {
          submissions =
              new Submissions(
                  reddit.get().submitted(settings.account(), null, RECENT_SUBMISSIONS).posts(),
                  history.recordedRedditIds());
        }
        Optional<Submissions.Found> found = submissions.find(c, a);
        if (found.isPresent()) {
          Submissions.Found f = found.get();
          recordPublished(
              c, a.kind(), a.title(), a.target(), f.fullname(), f.url(), f.permalink(), false);
          submissions.claim(f.fullname());
          log.info(
              "reconciled: candidate {} was posted as {} before the interruption; now PUBLISHED",
              c.id(),
              f.fullname());
          settled++;
        } else if ("image".equals(a.kind())
            && a.startedAt() != null
            && a.startedAt().plus(settings.reconcileAfter()).isAfter(clock.instant())) {
          log.info(
              "candidate {}: its image post is not among the account's submissions yet; checking"
                  + " again later",
              c.id());
        } else {
          backToQueue(c, "not found among the account's recent submissions after an interruption");
          settled++;
        }
      }
    }
    return settled;
  }

  private void backToQueue(Candidate c, String why) {
    if (c.attempts() >= settings.maxAttempts()) {
      candidates.transition(
          c.id(),
          CandidateState.PUBLISHING,
          CandidateState.FAILED,
          CandidateChanges.reason("PUBLISH_FAILED: " + why + " (" + c.attempts() + " attempts)"));
      log.warn("candidate {} FAILED: {} after {} attempts", c.id(), why, c.attempts());
    } else {
      candidates.transition(
          c.id(),
          CandidateState.PUBLISHING,
          CandidateState.APPROVED,
          CandidateChanges.reason("RETRY: " + why));
      log.info("candidate {} back to APPROVED: {}", c.id(), why);
    }
  }

  private Outcome postOne(Instant now) {
    Optional<SubredditAbout> about = Optional.empty();
    if (!settings.dryRun()) {
      about = Optional.of(reddit.orElseThrow().about(settings.subreddit()));
      Optional<String> refusal = planner.refuseTarget(about.get());
      if (refusal.isPresent()) {
        log.warn("not posting: {}", refusal.get());
        return Outcome.of(Outcome.Kind.REFUSED, "REFUSED: " + refusal.get());
      }
    }
    NearDuplicates duplicates = null;
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    for (Candidate c : queue()) {
      try (var ignored = Logs.candidate(c.id())) {
        Optional<StoredImage> image =
            c.imageId() == null ? Optional.empty() : images.find(c.imageId());
        if (image.isEmpty() || planner.imageFile(image.get()).isEmpty()) {
          fail(c, "IMAGE_MISSING: the candidate's stored image file is gone");
          continue;
        }
        if (duplicates == null) {
          duplicates = new NearDuplicates(images.postedOrBanned(), settings.dedupDistance());
        }
        Optional<NearDuplicates.Match> match = duplicates.nearest(image.get());
        if (match.isPresent()) {
          markDuplicate(c, match.get());
          continue;
        }
        PostPlanner.Result plan = planner.plan(c, image.get(), about, today);
        if (plan.isRefused()) {
          fail(c, plan.refusal());
          continue;
        }
        return attempt(c, plan.plan());
      }
    }
    return Outcome.of(Outcome.Kind.NOTHING, "no approved candidate to post");
  }

  /** Approved candidates in posting order, those waiting for a retry left out. */
  private List<Candidate> queue() {
    String order =
        settings.order() == PublishSettings.Order.SCORE
            ? "CASE WHEN signal_score IS NULL THEN 1 ELSE 0 END, signal_score DESC,"
                + " COALESCE(approved_at, state_changed_at), id"
            : "COALESCE(approved_at, state_changed_at), id";
    return candidates.where(
        "state = ? AND (next_attempt_at IS NULL OR next_attempt_at <= ?) ORDER BY "
            + order
            + " FETCH FIRST "
            + CANDIDATES_PER_RUN
            + " ROWS ONLY",
        CandidateState.APPROVED,
        clock.instant());
  }

  private void markDuplicate(Candidate c, NearDuplicates.Match m) {
    String reason =
        "DUPLICATE: near-duplicate (distance "
            + m.distance()
            + ") of image "
            + m.image().id()
            + (m.image().banned() ? ", which is banned" : ", which was already posted");
    candidates.transition(
        c.id(),
        CandidateState.APPROVED,
        CandidateState.DUPLICATE,
        CandidateChanges.reason(reason).duplicateOf(m.image().id(), m.distance()));
    log.info("candidate {} not posted: {}", c.id(), reason);
  }

  private void fail(Candidate c, String reason) {
    candidates.transition(
        c.id(), CandidateState.APPROVED, CandidateState.FAILED, CandidateChanges.reason(reason));
    log.warn("candidate {} FAILED: {}", c.id(), reason);
  }

  private Outcome attempt(Candidate c, PostPlan plan) {
    Instant started = clock.instant();
    int attempt = c.attempts() + 1;
    boolean claimed =
        candidates.transition(
            c.id(),
            CandidateState.APPROVED,
            CandidateState.PUBLISHING,
            CandidateChanges.none()
                .set("attempts", attempt)
                .set(
                    "approved_at",
                    Optional.ofNullable(attempts.approvedAt(c.id())).orElse(c.stateChangedAt()))
                .set("publish_kind", plan.kindName())
                .set("publish_title", plan.title())
                .set("publish_target", plan.subreddit())
                .set("publish_started_at", started)
                .set("publish_asset_id", null)
                .set("publish_dry_run", settings.dryRun()));
    if (!claimed) {
      return Outcome.of(Outcome.Kind.NOTHING, "candidate " + c.id() + " was taken meanwhile");
    }
    onDisk();
    Candidate publishing = candidates.find(c.id()).orElseThrow();
    if (settings.dryRun()) {
      Path file;
      try {
        file = outbox.write(plan, started);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the dry-run post to " + outbox.dir(), e);
      }
      Post post =
          recordPublished(
              publishing,
              plan.kindName(),
              plan.title(),
              plan.subreddit(),
              null,
              file.toUri().toString(),
              null,
              true);
      log.info("dry run: candidate {} written to {}", c.id(), file);
      return new Outcome(
          Outcome.Kind.POSTED,
          "dry run: candidate " + c.id() + " written to " + file,
          Optional.of(post));
    }
    RedditPoster poster = reddit.orElseThrow();
    SubmittedPost submitted;
    try {
      submitted = poster.submit(plan.toSubmission());
    } catch (RateLimitedException e) {
      Instant until = clock.instant().plus(e.retryAfter());
      candidates.transition(
          c.id(),
          CandidateState.PUBLISHING,
          CandidateState.APPROVED,
          CandidateChanges.reason("RATELIMIT: " + e.reason()).set("attempts", c.attempts()));
      state.put(RATE_LIMITED_UNTIL, until.toString(), ACTOR);
      log.warn("Reddit rate-limited the post of candidate {}: waiting until {}", c.id(), until);
      deferSlot(until, "");
      return Outcome.of(
          Outcome.Kind.RATE_LIMITED,
          "Reddit said RATELIMIT (" + e.reason() + "); the slot moves to " + until);
    } catch (SubmissionUnconfirmedException e) {
      candidates.update(
          c.id(),
          CandidateState.PUBLISHING,
          CandidateChanges.none().set("publish_asset_id", cut(e.assetId(), 64)));
      log.warn(
          "candidate {}: Reddit accepted the image post but did not say where it is; it is"
              + " reconciled against the account's submissions before anything else is posted",
          c.id());
      return Outcome.of(
          Outcome.Kind.UNCONFIRMED,
          "candidate " + c.id() + " accepted by Reddit but not confirmed yet; reconciled later");
    } catch (RedditApiException | IllegalArgumentException | UncheckedIOException e) {
      // Reddit said no (or the post could not even be built): nothing was posted.
      return retryOrFail(publishing, e.getMessage());
    } catch (RedditException e) {
      // No answer, or one we could not read: the post may exist. Reconcile before any retry.
      log.warn(
          "candidate {}: the post may or may not exist ({}); reconciled before any retry",
          c.id(),
          e.getMessage());
      return Outcome.of(
          Outcome.Kind.UNCONFIRMED,
          "candidate " + c.id() + ": " + e.getMessage() + "; reconciled before any retry");
    }
    Post post =
        recordPublished(
            publishing,
            plan.kindName(),
            plan.title(),
            plan.subreddit(),
            submitted.fullname(),
            submitted.url(),
            null,
            false);
    log.info("posted candidate {} as {} {}", c.id(), submitted.fullname(), submitted.url());
    creditComment(post, plan);
    return new Outcome(
        Outcome.Kind.POSTED,
        "posted candidate " + c.id() + " as " + submitted.fullname() + " " + submitted.url(),
        Optional.of(post));
  }

  private Outcome retryOrFail(Candidate c, String why) {
    if (c.attempts() >= settings.maxAttempts()) {
      candidates.transition(
          c.id(),
          CandidateState.PUBLISHING,
          CandidateState.FAILED,
          CandidateChanges.reason(cut("PUBLISH_FAILED: " + why, 2000)));
      log.warn("candidate {} FAILED after {} attempts: {}", c.id(), c.attempts(), why);
      return Outcome.of(
          Outcome.Kind.NOTHING,
          "candidate " + c.id() + " FAILED after " + c.attempts() + " attempts: " + why);
    }
    Instant next = clock.instant().plus(settings.retryBackoff());
    candidates.transition(
        c.id(),
        CandidateState.PUBLISHING,
        CandidateState.APPROVED,
        CandidateChanges.reason(
                cut("RETRY " + c.attempts() + "/" + settings.maxAttempts() + ": " + why, 2000))
            .set("next_attempt_at", next));
    log.warn(
        "candidate {}: attempt {}/{} failed ({}); tried again after {}",
        c.id(),
        c.attempts(),
        settings.maxAttempts(),
        why,
        next);
    return Outcome.of(
        Outcome.Kind.NOTHING,
        "candidate " + c.id() + ": attempt " + c.attempts() + " failed: " + why);
  }

  /** The credit comment: its failure never undoes the post. */
  private void creditComment(Post post, PostPlan plan) {
    if (plan.comment().isBlank() || post.redditId() == null) {
      return;
    }
    try {
      var comment = reddit.orElseThrow().comment(post.redditId(), plan.comment());
      history.setComment(post.id(), comment.fullname());
    } catch (RedditException e) {
      log.warn("posted {}, but its credit comment failed: {}", post.redditId(), e.getMessage());
    }
  }

  /** PUBLISHING → PUBLISHED and the post's row, in one transaction. */
  private Post recordPublished(
      Candidate c,
      String kind,
      String title,
      String target,
      String redditId,
      String url,
      String permalink,
      boolean dryRun) {
    Instant now = clock.instant();
    long postId =
        db.inTransaction(
            () -> {
              if (!candidates.transition(
                  c.id(),
                  CandidateState.PUBLISHING,
                  CandidateState.PUBLISHED,
                  CandidateChanges.reason(dryRun ? "dry run" : null)
                      .set("next_attempt_at", null))) {
                throw new IllegalStateException(
                    "candidate " + c.id() + " left PUBLISHING while being recorded");
              }
              return history.insert(
                  c.id(),
                  redditId,
                  url,
                  permalink,
                  title == null || title.isBlank() ? settings.defaultTitle() : title,
                  target,
                  kind == null ? "link" : kind,
                  now,
                  dryRun);
            });
    onDisk();
    return history.forCandidate(c.id()).stream()
        .filter(p -> p.id() == postId)
        .findFirst()
        .orElseThrow();
  }

  /**
   * Makes the commits so far survive a {@code kill -9} before Reddit is called. Embedded H2 keeps a
   * committed change in memory for up to WRITE_DELAY (the default URL sets 0, an operator's URL may
   * not): lose PUBLISHING that way and a restart posts the candidate again, as the kill -9 test
   * showed with a plain {@code jdbc:h2:file:} URL. A few posts a day make the cost nothing.
   */
  private void onDisk() {
    if (db.vendor() == Database.Vendor.H2) {
      db.update("CHECKPOINT");
    }
  }

  private Optional<Instant> instant(String key) {
    return state
        .get(key)
        .flatMap(
            v -> {
              try {
                return Optional.of(Instant.parse(v));
              } catch (RuntimeException e) {
                return Optional.empty();
              }
            });
  }

  private static String cut(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}
