package dev.nichebot.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nichebot.domain.Candidate;
import dev.nichebot.domain.CandidateState;
import dev.nichebot.reddit.Account;
import dev.nichebot.reddit.FlairChoice;
import dev.nichebot.reddit.ListingPage;
import dev.nichebot.reddit.PostedComment;
import dev.nichebot.reddit.RedditClient;
import dev.nichebot.reddit.RedditPoster;
import dev.nichebot.reddit.Submission;
import dev.nichebot.reddit.SubmittedPost;
import dev.nichebot.reddit.SubredditAbout;
import dev.nichebot.schedule.StageRun;
import dev.nichebot.store.BotStateStore;
import dev.nichebot.store.CandidateStore;
import dev.nichebot.store.Database;
import dev.nichebot.testing.MutableClock;
import dev.nichebot.testing.TestCandidates;
import dev.nichebot.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.random.RandomGenerator;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PublisherTest {
  @TempDir Path dir;
  private final MutableClock clock = MutableClock.at("2026-03-02T09:00:00Z");
  private final List<Instant> wakeUps = new CopyOnWriteArrayList<>();
  private Database db;
  private CandidateStore store;
  private BotStateStore state;
  private TestCandidates made;
  private RedditPeer peer;
  private OkHttpClient http;
  private RedditClient client;

  @BeforeEach
  void setUp() {
    db = TestDatabases.inMemory();
    store = new CandidateStore(db, clock);
    state = new BotStateStore(db, clock);
    made = new TestCandidates(db, store, dir.resolve("images"));
    peer = new RedditPeer();
    peer.clock = clock;
    http = new OkHttpClient();
    client = peer.client(clock, http);
  }

  @AfterEach
  void tearDown() {
    if (client != null) {
      client.close();
    }
    if (http != null) {
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
    if (peer != null) {
      peer.close();
    }
    db.close();
  }

  private PublishSettings.Builder settings() {
    return PublishSettings.builder()
        .subreddit(RedditPeer.SUB)
        .account(RedditPeer.USER)
        .jitter(Duration.ZERO)
        .minGap(Duration.ofHours(2))
        .dailyMax(4)
        .maxAttempts(3)
        .retryBackoff(Duration.ofMinutes(10))
        .imagesDir(dir.resolve("images"))
        .outboxDir(dir.resolve("outbox"));
  }

  private Publisher publisher(PublishSettings s) {
    return publisher(s, client);
  }

  private Publisher publisher(PublishSettings s, RedditPoster reddit) {
    return new Publisher(
        s,
        db,
        store,
        state,
        Optional.ofNullable(reddit),
        clock,
        RandomGenerator.of("L64X128MixRandom"),
        wakeUps::add);
  }

  /** An approved candidate whose image is far (by perceptual hash) from every other. */
  private long approved() {
    long id = made.in(CandidateState.APPROVED, 0.9);
    db.update(
        "UPDATE images SET phash = ? WHERE id = (SELECT image_id FROM candidates WHERE id = ?)",
        id * 0x9E3779B97F4A7C15L,
        id);
    return id;
  }

  private Candidate candidate(long id) {
    return store.find(id).orElseThrow();
  }

  private StageRun slot() {
    return StageRun.slot(clock.instant());
  }

  private StageRun now() {
    return StageRun.now(clock.instant());
  }

  @Test
  void aSlotPostsExactlyOneCandidateTheOldestAsALinkWithItsIdAndUrlRecorded() {
    long first = approved();
    long second = approved();
    Publisher p = publisher(settings().build());

    Publisher.Outcome outcome = p.run(slot());

    assertThat(outcome.posted()).as(outcome.summary()).isTrue();
    assertThat(peer.posts).hasSize(1);
    Map<String, String> form = peer.posts.get(0);
    assertThat(form)
        .containsEntry("kind", "link")
        .containsEntry("sr", RedditPeer.SUB)
        .containsEntry("url", candidate(first).sourceUrl())
        .containsEntry("title", candidate(first).title());
    assertThat(candidate(first).state()).isEqualTo(CandidateState.PUBLISHED);
    assertThat(candidate(second).state()).isEqualTo(CandidateState.APPROVED);
    Post post = p.history().forCandidate(first).get(0);
    assertThat(post.redditId()).isEqualTo("t3_" + form.get("_id"));
    assertThat(post.url()).contains("/comments/" + form.get("_id"));
    assertThat(post.dryRun()).isFalse();
  }

  @Test
  void slotsKeepTheMinimumGapAndTheDailyMaximumButPostNowDoesNot() {
    for (int i = 0; i < 4; i++) {
      approved();
    }
    Publisher p = publisher(settings().dailyMax(2).build());

    assertThat(p.run(slot()).posted()).isTrue();
    clock.advance(Duration.ofMinutes(30));
    Publisher.Outcome tooSoon = p.run(slot());
    assertThat(tooSoon.posted()).isFalse();
    assertThat(tooSoon.summary()).contains("min-gap");

    // A moderator's "post now": outside any slot, gap or not.
    assertThat(p.run(now()).posted()).isTrue();
    clock.advance(Duration.ofHours(3));
    Publisher.Outcome full = p.run(slot());
    assertThat(full.posted()).isFalse();
    assertThat(full.summary()).contains("daily-max=2");
    assertThat(peer.posts).hasSize(2);
  }

  @Test
  void aCrashAfterRedditAcceptedIsReconciledAtStartUpAndNeverPostedTwice() {
    long first = approved();
    long second = approved();
    // The process dies right after Reddit accepted, before the database heard of it.
    RedditPoster dying =
        new Delegating(client) {
          @Override
          public SubmittedPost submit(Submission s) {
            super.submit(s);
            throw new Crash();
          }
        };
    assertThatThrownBy(() -> publisher(settings().build(), dying).run(now()))
        .isInstanceOf(Crash.class);
    assertThat(candidate(first).state()).isEqualTo(CandidateState.PUBLISHING);
    assertThat(peer.posts).hasSize(1);

    // Restart: reconciling finds the post among the account's own submissions.
    Publisher restarted = publisher(settings().build());
    assertThat(restarted.reconcile()).isEqualTo(1);

    assertThat(candidate(first).state()).isEqualTo(CandidateState.PUBLISHED);
    Post post = restarted.history().forCandidate(first).get(0);
    assertThat(post.redditId()).isEqualTo("t3_" + peer.posts.get(0).get("_id"));
    assertThat(peer.posts).hasSize(1);

    // The next post is the next candidate, not the first again.
    assertThat(restarted.run(now()).posted()).isTrue();
    assertThat(peer.posts).hasSize(2);
    assertThat(peer.posts.get(1)).containsEntry("url", candidate(second).sourceUrl());
    assertThat(restarted.history().forCandidate(first)).hasSize(1);
  }

  @Test
  void aCrashBeforeRedditWasCalledGoesBackToTheQueueAndIsPostedOnce() {
    long only = approved();
    RedditPoster dying =
        new Delegating(client) {
          @Override
          public SubmittedPost submit(Submission s) {
            throw new Crash();
          }
        };
    assertThatThrownBy(() -> publisher(settings().build(), dying).run(now()))
        .isInstanceOf(Crash.class);
    assertThat(candidate(only).state()).isEqualTo(CandidateState.PUBLISHING);

    Publisher restarted = publisher(settings().build());
    restarted.reconcile();
    assertThat(candidate(only).state()).isEqualTo(CandidateState.APPROVED);
    assertThat(restarted.run(now()).posted()).isTrue();
    assertThat(peer.posts).hasSize(1);
    assertThat(candidate(only).state()).isEqualTo(CandidateState.PUBLISHED);
  }

  @Test
  void anUnansweredSubmitIsReconciledBeforeAnyRetry() {
    long only = approved();
    // Reddit took the post, then the connection dropped before the answer.
    RedditPoster flaky =
        new Delegating(client) {
          @Override
          public SubmittedPost submit(Submission s) {
            super.submit(s);
            throw new dev.nichebot.reddit.RedditUnavailableException(
                "POST /api/submit: no answer", 1, null);
          }
        };
    Publisher.Outcome first = publisher(settings().build(), flaky).run(now());
    assertThat(first.kind()).isEqualTo(Publisher.Outcome.Kind.UNCONFIRMED);
    assertThat(candidate(only).state()).isEqualTo(CandidateState.PUBLISHING);

    Publisher.Outcome retry = publisher(settings().build()).run(now());
    assertThat(candidate(only).state()).isEqualTo(CandidateState.PUBLISHED);
    assertThat(retry.posted()).isFalse();
    assertThat(peer.posts).hasSize(1);
  }

  @Test
  void rateLimitMovesTheSlotToWhenRedditSaysAndCostsNoAttempt() {
    long only = approved();
    peer.submitAnswers.add(RedditPeer.rateLimited());
    Publisher p = publisher(settings().build());

    Publisher.Outcome limited = p.run(slot());

    assertThat(limited.kind()).isEqualTo(Publisher.Outcome.Kind.RATE_LIMITED);
    Instant expected = clock.instant().plus(Duration.ofMinutes(9));
    assertThat(p.pendingSlot()).contains(expected);
    assertThat(wakeUps).contains(expected);
    assertThat(candidate(only).state()).isEqualTo(CandidateState.APPROVED);
    assertThat(candidate(only).attempts()).isZero();

    // Before the time, even "post now" does not ask Reddit again.
    clock.advance(Duration.ofMinutes(5));
    assertThat(p.run(now()).kind()).isEqualTo(Publisher.Outcome.Kind.WAITING);
    assertThat(peer.submitRequests).hasSize(1);

    // The wake-up at the moved slot posts it.
    clock.set(expected);
    assertThat(p.run(now()).posted()).isTrue();
    assertThat(peer.posts).hasSize(1);
    assertThat(p.pendingSlot()).isEmpty();
  }

  @Test
  void refusedSubmitsAreRetriedABoundedNumberOfTimesThenFailedWithTheReason() throws Exception {
    long only = approved();
    JsonNode refusal = RedditPeer.recorded("error_400_submit_validation_2020.json");
    for (int i = 0; i < 2; i++) {
      peer.submitAnswers.add(RedditPeer.json(400, refusal.path("response").path("body")));
    }
    Publisher p = publisher(settings().maxAttempts(2).build());

    p.run(now());
    assertThat(candidate(only).state()).isEqualTo(CandidateState.APPROVED);
    assertThat(candidate(only).reason()).startsWith("RETRY 1/2");
    // Not before its back-off.
    assertThat(p.run(now()).summary()).contains("no approved candidate");
    clock.advance(Duration.ofMinutes(11));
    p.run(now());

    Candidate failed = candidate(only);
    assertThat(failed.state()).isEqualTo(CandidateState.FAILED);
    assertThat(failed.reason())
        .startsWith("PUBLISH_FAILED:")
        .contains("SUBMIT_VALIDATION_TITLE_BLACKLISTED_STRING");
    assertThat(store.failuresByReason()).containsEntry("PUBLISH_FAILED", 1L);
    assertThat(peer.posts).isEmpty();
  }

  @Test
  void aTextOnlyTargetIsRefusedWithAReasonAndNothingIsTouched() {
    long only = approved();
    peer.aboutSays("submission_type", "self");

    Publisher.Outcome outcome = publisher(settings().build()).run(now());

    assertThat(outcome.kind()).isEqualTo(Publisher.Outcome.Kind.REFUSED);
    assertThat(outcome.summary()).contains("r/" + RedditPeer.SUB, "text posts only");
    assertThat(candidate(only).state()).isEqualTo(CandidateState.APPROVED);
    assertThat(peer.submitRequests).isEmpty();
  }

  @Test
  void aTargetWithoutImagePostsRefusesNativeUploadsAndLocalFiles() throws Exception {
    peer.aboutSays("allow_images", false);
    approved();
    Publisher.Outcome nativeOnly =
        publisher(settings().upload(PublishSettings.Upload.NATIVE).build()).run(now());
    assertThat(nativeOnly.kind()).isEqualTo(Publisher.Outcome.Kind.REFUSED);
    assertThat(nativeOnly.summary()).contains("does not allow image posts");

    // A file from a local folder has no address to link to: that candidate is refused.
    long local = approved();
    db.update("UPDATE candidates SET source_url = ? WHERE id = ?", "file:/srv/photos/a.png", local);
    db.update(
        "UPDATE candidates SET state = 'SKIPPED' WHERE state = 'APPROVED' AND id <> ?", local);
    publisher(settings().build()).run(now());
    assertThat(candidate(local).state()).isEqualTo(CandidateState.FAILED);
    assertThat(candidate(local).reason()).startsWith("REFUSED:").contains("image posts");
    assertThat(peer.submitRequests).isEmpty();
  }

  @Test
  void aDryRunWritesTheOutboxMarksThePostAndCallsNothing() throws Exception {
    long only = approved();
    PublishSettings s =
        settings()
            .dryRun(true)
            .titleTemplate("{title} (via /u/{author|someone})")
            .commentTemplate("Found by /u/{author}: {source}")
            .flair("flair-1", "Landscape")
            .build();

    Publisher.Outcome outcome = publisher(s, null).run(now());

    assertThat(outcome.posted()).isTrue();
    Candidate c = candidate(only);
    assertThat(c.state()).isEqualTo(CandidateState.PUBLISHED);
    Path json = dir.resolve("outbox").resolve("candidate-" + only + ".json");
    JsonNode written = new ObjectMapper().readTree(json.toFile());
    assertThat(written.path("title").asText())
        .isEqualTo(c.title() + " (via /u/" + c.author() + ")");
    assertThat(written.path("target").asText()).isEqualTo(RedditPeer.SUB);
    assertThat(written.path("kind").asText()).isEqualTo("link");
    assertThat(written.path("flair").path("text").asText()).isEqualTo("Landscape");
    assertThat(written.path("comment").asText())
        .isEqualTo("Found by /u/" + c.author() + ": " + c.pageUrl());
    Path image = dir.resolve("outbox").resolve(written.path("image").asText());
    assertThat(Files.size(image)).isPositive();
    Post post = publisher(s, null).history().forCandidate(only).get(0);
    assertThat(post.dryRun()).isTrue();
    assertThat(post.redditId()).isNull();
    assertThat(peer.server.getRequestCount()).isZero();
  }

  @Test
  void aNearDuplicateOfSomethingPostedIsMarkedDuplicateWithTheMatch() {
    long posted = approved();
    PublishSettings s = settings().dryRun(true).build();
    publisher(s, null).run(now());
    long copy = approved();
    long other = approved();
    long postedImage = candidate(posted).imageId();
    long phash =
        db.queryLong("SELECT phash FROM images WHERE id = ?", postedImage) ^ 0b101L; // 2 bits off
    db.update("UPDATE images SET phash = ? WHERE id = ?", phash, candidate(copy).imageId());

    publisher(s, null).run(now());

    Candidate dup = candidate(copy);
    assertThat(dup.state()).isEqualTo(CandidateState.DUPLICATE);
    assertThat(dup.duplicateOfImageId()).isEqualTo(postedImage);
    assertThat(dup.duplicateDistance()).isEqualTo(2);
    assertThat(dup.reason()).contains("already posted");
    assertThat(candidate(other).state()).isEqualTo(CandidateState.PUBLISHED);
  }

  @Test
  void aSlotWaitsItsJitterThenTheWakeUpPostsIt() {
    approved();
    Publisher p = publisher(settings().jitter(Duration.ofMinutes(15)).build());
    Instant slotAt = clock.instant();

    Publisher.Outcome waiting = p.run(slot());

    assertThat(waiting.kind()).isEqualTo(Publisher.Outcome.Kind.WAITING);
    Instant due = p.pendingSlot().orElseThrow();
    assertThat(due).isBetween(slotAt, slotAt.plus(Duration.ofMinutes(15)));
    assertThat(wakeUps).containsExactly(due);
    assertThat(peer.submitRequests).isEmpty();

    clock.set(due);
    assertThat(p.run(now()).posted()).isTrue();
    assertThat(p.pendingSlot()).isEmpty();
  }

  @Test
  void theCreditCommentGoesUnderThePost() {
    long only = approved();
    publisher(settings().commentTemplate("Photo by /u/{author|unknown}, found at {source}").build())
        .run(now());

    assertThat(peer.comments).hasSize(1);
    Map<String, String> comment = peer.comments.get(0);
    assertThat(comment.get("thing_id")).isEqualTo("t3_" + peer.posts.get(0).get("_id"));
    assertThat(comment.get("text"))
        .isEqualTo(
            "Photo by /u/" + candidate(only).author() + ", found at " + candidate(only).pageUrl());
  }

  @Test
  void crosspostsPointAtTheOriginalWhenConfigured() {
    long only = approved();
    publisher(settings().crosspost(true).build()).run(now());

    assertThat(peer.posts.get(0))
        .containsEntry("kind", "crosspost")
        .containsEntry("crosspost_fullname", candidate(only).externalId());
  }

  @Test
  void aLocalFolderImageIsANativeUploadAndHighestScoreGoesFirstWhenConfigured() throws Exception {
    long low = approved();
    long local = approved();
    db.update("UPDATE candidates SET signal_score = 0.2 WHERE id = ?", low);
    db.update(
        "UPDATE candidates SET signal_score = 0.99, source_url = ? WHERE id = ?",
        "file:/srv/photos/a.png",
        local);
    PublishSettings s = settings().dryRun(true).order(PublishSettings.Order.SCORE).build();

    publisher(s, null).run(now());

    assertThat(candidate(local).state()).isEqualTo(CandidateState.PUBLISHED);
    assertThat(candidate(low).state()).isEqualTo(CandidateState.APPROVED);
    JsonNode written =
        new ObjectMapper()
            .readTree(dir.resolve("outbox").resolve("candidate-" + local + ".json").toFile());
    assertThat(written.path("kind").asText()).isEqualTo("image");
    assertThat(written.has("url")).isFalse();
  }

  /** Stands for the process dying: nothing catches it. */
  static final class Crash extends Error {
    private static final long serialVersionUID = 1L;
  }

  /** A poster that forwards everything; tests override the step they break. */
  static class Delegating implements RedditPoster {
    private final RedditPoster d;

    Delegating(RedditPoster d) {
      this.d = d;
    }

    @Override
    public Account me() {
      return d.me();
    }

    @Override
    public SubredditAbout about(String subreddit) {
      return d.about(subreddit);
    }

    @Override
    public SubmittedPost submit(Submission submission) {
      return d.submit(submission);
    }

    @Override
    public PostedComment comment(String parentFullname, String markdown) {
      return d.comment(parentFullname, markdown);
    }

    @Override
    public List<FlairChoice> flairChoices(String subreddit) {
      return d.flairChoices(subreddit);
    }

    @Override
    public void selectFlair(String subreddit, String post, String templateId, String text) {
      d.selectFlair(subreddit, post, templateId, text);
    }

    @Override
    public ListingPage submitted(String user, String after, int limit) {
      return d.submitted(user, after, limit);
    }

    @Override
    public void delete(String fullname) {
      d.delete(fullname);
    }
  }
}
