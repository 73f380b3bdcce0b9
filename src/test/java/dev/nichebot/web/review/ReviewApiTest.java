package dev.nichebot.web.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nichebot.config.Secret;
import dev.nichebot.domain.CandidateState;
import dev.nichebot.domain.Vote;
import dev.nichebot.review.Reviewer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The review page's JSON API over real HTTP, checked against the database. */
class ReviewApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final MediaType JSON_TYPE = MediaType.get("application/json");

  @TempDir Path dir;
  private final OkHttpClient http = new OkHttpClient.Builder().followRedirects(false).build();
  private final List<ReviewPageServer> servers = new ArrayList<>();

  @AfterEach
  void close() {
    servers.forEach(ReviewPageServer::close);
  }

  private ReviewPageServer server(Secret token, String bind) throws Exception {
    Path images = dir.resolve("data-" + servers.size()).resolve("images");
    Files.createDirectories(images);
    ReviewPageServer s = new ReviewPageServer(images, token, bind);
    servers.add(s);
    return s;
  }

  private ReviewPageServer open() throws Exception {
    return server(Secret.empty(), "127.0.0.1");
  }

  record Reply(int status, String body, okhttp3.Headers headers) {
    JsonNode json() throws Exception {
      return JSON.readTree(body);
    }
  }

  private Reply send(Request request) throws Exception {
    try (Response r = http.newCall(request).execute()) {
      return new Reply(r.code(), r.body().string(), r.headers());
    }
  }

  private Reply get(ReviewPageServer s, String path) throws Exception {
    return send(new Request.Builder().url(s.base() + path).build());
  }

  private Reply post(ReviewPageServer s, String path, String reviewer) throws Exception {
    return send(
        new Request.Builder()
            .url(s.base() + path)
            .header("Origin", s.base())
            .post(RequestBody.create("{\"reviewer\":\"" + reviewer + "\"}", JSON_TYPE))
            .build());
  }

  private CandidateState state(ReviewPageServer s, long id) {
    return s.candidates.find(id).orElseThrow().state();
  }

  private long votes(ReviewPageServer s) {
    return s.db.queryLong("SELECT COUNT(*) FROM review_decisions");
  }

  @Test
  void listsWaitingCandidatesLargestScoreFirstWithTheirDetails() throws Exception {
    ReviewPageServer s = open();
    long low = s.seed.in(CandidateState.QUEUED_FOR_REVIEW, 0.41);
    long high = s.seed.in(CandidateState.IN_REVIEW, 0.93);
    long mid = s.seed.in(CandidateState.QUEUED_FOR_REVIEW, 0.70);
    s.seed.in(CandidateState.APPROVED, 0.99);
    s.seed.in(CandidateState.BELOW_THRESHOLD, 0.10);
    s.db.update(
        "UPDATE candidates SET nearest_image_id = (SELECT image_id FROM candidates WHERE id = ?),"
            + " nearest_distance = 6 WHERE id = ?",
        high,
        mid);

    Reply r = get(s, "/review/api/candidates");

    assertThat(r.status()).isEqualTo(200);
    JsonNode body = r.json();
    assertThat(body.get("total").asLong()).isEqualTo(3);
    JsonNode items = body.get("items");
    assertThat(items).extracting(n -> n.get("id").asLong()).containsExactly(high, mid, low);
    JsonNode m = items.get(1);
    assertThat(m.get("signalScore").asDouble()).isEqualTo(0.70);
    assertThat(m.get("nsfwScore").asDouble()).isEqualTo(0.01);
    assertThat(m.get("source").asText()).isEqualTo("i.example");
    assertThat(m.get("author").asText()).startsWith("author");
    assertThat(m.at("/nearest/candidateId").asLong()).isEqualTo(high);
    assertThat(m.at("/nearest/distance").asInt()).isEqualTo(6);

    Reply filtered = get(s, "/review/api/candidates?min=0.5&max=0.8&state=QUEUED_FOR_REVIEW");
    assertThat(filtered.json().get("items"))
        .extracting(n -> n.get("id").asLong())
        .containsExactly(mid);

    Reply image = get(s, m.get("image").asText());
    assertThat(image.status()).isEqualTo(200);
    assertThat(image.headers().get("Content-Type")).isEqualTo("image/png");

    Reply page = get(s, "/review");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("id=\"c" + high + "\"").contains("<button type=\"button\"");
    assertThat(page.body().indexOf("id=\"c" + high + "\""))
        .isLessThan(page.body().indexOf("id=\"c" + low + "\""));
  }

  @Test
  void approveRejectAndUndoGoThroughTheReviewServiceAndAreAudited() throws Exception {
    ReviewPageServer s = open();
    long a = s.seed.in(CandidateState.QUEUED_FOR_REVIEW, 0.9);
    long b = s.seed.in(CandidateState.IN_REVIEW, 0.8);

    Reply approve = post(s, "/review/api/candidates/" + a + "/approve", "alice");
    assertThat(approve.status()).isEqualTo(200);
    assertThat(approve.json().get("kind").asText()).isEqualTo("DECIDED");
    assertThat(approve.json().get("state").asText()).isEqualTo("APPROVED");
    assertThat(state(s, a)).isEqualTo(CandidateState.APPROVED);

    Reply reject = post(s, "/review/api/candidates/" + b + "/reject", "alice");
    assertThat(reject.status()).isEqualTo(200);
    assertThat(state(s, b)).isEqualTo(CandidateState.REJECTED);

    assertThat(s.review.votes().active(a))
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.reviewer()).isEqualTo("web:alice");
              assertThat(v.channel()).isEqualTo("web");
              assertThat(v.vote()).isEqualTo(Vote.APPROVE);
            });
    assertThat(s.review.votes().labels()).hasSize(2);
    assertThat(s.audit.byAction("vote", 10)).hasSize(2);

    // Undo takes back alice's newest decision: b waits for review again.
    Reply undo = post(s, "/review/api/undo", "alice");
    assertThat(undo.status()).isEqualTo(200);
    assertThat(undo.json().get("candidateId").asLong()).isEqualTo(b);
    assertThat(state(s, b)).isEqualTo(CandidateState.IN_REVIEW);
    assertThat(state(s, a)).isEqualTo(CandidateState.APPROVED);
    assertThat(get(s, "/review/api/candidates").json().get("items"))
        .extracting(n -> n.get("id").asLong())
        .containsExactly(b);

    Reply again = post(s, "/review/api/undo", "bob");
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.json().get("message").asText()).isEqualTo("nothing to undo");
  }

  @Test
  void aDecisionOnACandidateSomeoneElseDecidedIsAConflictAndChangesNothing() throws Exception {
    ReviewPageServer s = open();
    long id = s.seed.in(CandidateState.QUEUED_FOR_REVIEW, 0.9);
    s.review.vote(id, Reviewer.web("bob"), Vote.APPROVE);
    long before = votes(s);
    int audited = s.audit.recent(100).size();

    Reply r = post(s, "/review/api/candidates/" + id + "/reject", "alice");

    assertThat(r.status()).isEqualTo(409);
    assertThat(r.json().get("message").asText())
        .isEqualTo(
            "candidate "
                + id
                + " is no longer waiting for review: it is approved (decided by bob)");
    assertThat(state(s, id)).isEqualTo(CandidateState.APPROVED);
    assertThat(votes(s)).isEqualTo(before);
    assertThat(s.audit.recent(100)).hasSize(audited);

    assertThat(post(s, "/review/api/candidates/999999/approve", "alice").status()).isEqualTo(404);
  }

  @Test
  void backlogLabelsAreStoredAsReviewDecisionsAndLeaveTheCandidateWhereItIs() throws Exception {
    ReviewPageServer s = open();
    long below = s.seed.in(CandidateState.BELOW_THRESHOLD, 0.2);
    long classified = s.seed.in(CandidateState.CLASSIFIED, 0.3);
    s.seed.in(CandidateState.QUEUED_FOR_REVIEW, 0.9);

    JsonNode backlog = get(s, "/review/api/candidates?mode=label").json();
    assertThat(backlog.get("items"))
        .extracting(n -> n.get("id").asLong())
        .containsExactly(classified, below);

    Reply label = post(s, "/review/api/candidates/" + below + "/approve", "alice");
    assertThat(label.status()).isEqualTo(200);
    assertThat(label.json().get("kind").asText()).isEqualTo("LABELLED");
    assertThat(state(s, below)).isEqualTo(CandidateState.BELOW_THRESHOLD);
    assertThat(s.review.votes().labels())
        .singleElement()
        .satisfies(l -> assertThat(l.signal()).isTrue());
    assertThat(s.audit.byAction("label", 10)).hasSize(1);

    // Labelled once: no longer in the backlog, and a second labeller is told who did it.
    assertThat(get(s, "/review/api/candidates?mode=label").json().get("items"))
        .extracting(n -> n.get("id").asLong())
        .containsExactly(classified);
    Reply other = post(s, "/review/api/candidates/" + below + "/reject", "bob");
    assertThat(other.status()).isEqualTo(409);
    assertThat(other.json().get("message").asText()).contains("already labelled approve by alice");

    Reply undo = post(s, "/review/api/undo", "alice");
    assertThat(undo.status()).isEqualTo(200);
    assertThat(s.review.votes().labels()).isEmpty();
    assertThat(state(s, below)).isEqualTo(CandidateState.BELOW_THRESHOLD);
  }

  @Test
  void withATokenEveryRequestNeedsItByHeaderOrSignInCookie() throws Exception {
    ReviewPageServer s = server(Secret.of("s3cret-token"), "0.0.0.0");
    long id = s.seed.in(CandidateState.QUEUED_FOR_REVIEW, 0.9);

    assertThat(get(s, "/review/api/candidates").status()).isEqualTo(401);
    assertThat(get(s, "/review").status()).isEqualTo(401);
    assertThat(get(s, "/review/image/" + id).status()).isEqualTo(401);
    Reply refused = post(s, "/review/api/candidates/" + id + "/approve", "alice");
    assertThat(refused.status()).isEqualTo(401);
    assertThat(state(s, id)).isEqualTo(CandidateState.QUEUED_FOR_REVIEW);
    Reply wrong =
        send(
            new Request.Builder()
                .url(s.base() + "/review/api/candidates")
                .header("X-Review-Token", "s3cret-tokeX")
                .build());
    assertThat(wrong.status()).isEqualTo(401);

    Reply withHeader =
        send(
            new Request.Builder()
                .url(s.base() + "/review/api/candidates")
                .header("X-Review-Token", "s3cret-token")
                .build());
    assertThat(withHeader.status()).isEqualTo(200);
    assertThat(withHeader.json().get("total").asLong()).isEqualTo(1);

    Reply login =
        send(
            new Request.Builder()
                .url(s.base() + "/review/login")
                .header("Origin", s.base())
                .post(
                    RequestBody.create(
                        "token=s3cret-token", MediaType.get("application/x-www-form-urlencoded")))
                .build());
    assertThat(login.status()).isEqualTo(303);
    String cookie = login.headers().get("Set-Cookie");
    assertThat(cookie).contains("HttpOnly").contains("SameSite=Strict").doesNotContain("s3cret");
    String pair = cookie.substring(0, cookie.indexOf(';'));
    Reply page =
        send(new Request.Builder().url(s.base() + "/review").header("Cookie", pair).build());
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("id=\"c" + id + "\"");

    Reply link = get(s, "/review?token=s3cret-token");
    assertThat(link.status()).isEqualTo(303);
    assertThat(link.headers().get("Location")).isEqualTo("/review");
  }

  @Test
  void offLoopbackWithoutATokenThePageDisablesItselfAndSaysWhy() throws Exception {
    ReviewPageServer s = server(Secret.empty(), "0.0.0.0");
    long id = s.seed.in(CandidateState.QUEUED_FOR_REVIEW, 0.9);

    Reply page = get(s, "/review");
    assertThat(page.status()).isEqualTo(403);
    assertThat(page.body()).contains("web.review-token is not set");
    Reply api = post(s, "/review/api/candidates/" + id + "/approve", "alice");
    assertThat(api.status()).isEqualTo(403);
    assertThat(state(s, id)).isEqualTo(CandidateState.QUEUED_FOR_REVIEW);
  }

  @Test
  void stateChangesMustBeSameOriginJsonPostsFromALoopbackHost() throws Exception {
    ReviewPageServer s = open();
    long id = s.seed.in(CandidateState.QUEUED_FOR_REVIEW, 0.9);
    String url = s.base() + "/review/api/candidates/" + id + "/approve";
    RequestBody body = RequestBody.create("{\"reviewer\":\"alice\"}", JSON_TYPE);

    Reply crossOrigin =
        send(
            new Request.Builder()
                .url(url)
                .header("Origin", "https://evil.example")
                .post(body)
                .build());
    assertThat(crossOrigin.status()).isEqualTo(403);
    Reply form =
        send(
            new Request.Builder()
                .url(url)
                .post(
                    RequestBody.create(
                        "reviewer=alice", MediaType.get("application/x-www-form-urlencoded")))
                .build());
    assertThat(form.status()).isEqualTo(403);
    assertThat(get(s, "/review/api/candidates/" + id + "/approve").status()).isEqualTo(405);
    Reply rebound =
        send(new Request.Builder().url(url).header("Host", "evil.example:80").post(body).build());
    assertThat(rebound.status()).isEqualTo(403);
    Reply nameless =
        send(new Request.Builder().url(url).post(RequestBody.create("{}", JSON_TYPE)).build());
    assertThat(nameless.status()).isEqualTo(400);
    assertThat(state(s, id)).isEqualTo(CandidateState.QUEUED_FOR_REVIEW);
    assertThat(votes(s)).isZero();

    Reply ok = send(new Request.Builder().url(url).post(body).build());
    assertThat(ok.status()).isEqualTo(200);
    assertThat(state(s, id)).isEqualTo(CandidateState.APPROVED);
  }

  @Test
  void anImagePathLeadingOutOfTheImageStoreIsNeverServed() throws Exception {
    ReviewPageServer s = open();
    Path secret = s.images.getParent().resolve("secret.txt");
    Files.writeString(secret, "do-not-serve");
    Path secretPng = s.images.getParent().resolve("outside.png");
    Files.writeString(secretPng, "do-not-serve-png");
    long id = s.seed.in(CandidateState.QUEUED_FOR_REVIEW, 0.9);
    for (String path :
        List.of("../outside.png", secretPng.toAbsolutePath().toString(), "a/../../outside.png")) {
      long imageId =
          s.db.insert(
              "INSERT INTO images (sha256, path, bytes, width, height, format, created_at)"
                  + " VALUES (?, ?, 10, 1, 1, 'png', ?)",
              Integer.toHexString(path.hashCode()) + "0".repeat(56),
              path,
              Instant.now());
      s.db.update("UPDATE candidates SET image_id = ? WHERE id = ?", imageId, id);
      Reply r = get(s, "/review/image/" + id);
      assertThat(r.status()).as(path).isEqualTo(404);
      assertThat(r.body()).doesNotContain("do-not-serve");
    }
    Path link = s.images.resolve("link.png");
    Files.createSymbolicLink(link, secretPng);
    long linked =
        s.db.insert(
            "INSERT INTO images (sha256, path, bytes, width, height, format, created_at)"
                + " VALUES (?, 'link.png', 10, 1, 1, 'png', ?)",
            "f".repeat(64),
            Instant.now());
    s.db.update("UPDATE candidates SET image_id = ? WHERE id = ?", linked, id);
    assertThat(get(s, "/review/image/" + id).status()).isEqualTo(404);
    assertThat(get(s, "/review/image/..%2F..%2Fsecret.txt").body()).doesNotContain("do-not-serve");
    assertThat(get(s, "/review/static/..%2F..%2Fsecret.txt").status()).isEqualTo(404);
  }
}
