package dev.nichebot.reddit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Native image post: media lease, S3 form upload, submit, websocket announcement, and the fallback
 * to the account's submissions. The recorded S3 and websocket addresses are rewritten to the
 * loopback media server; everything else is served as recorded.
 */
class NativeImagePostTest {
  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 1, 2, 3};
  private static final ImageFile IMAGE = new ImageFile("test.png", "image/png", PNG);

  private final FakeReddit reddit = new FakeReddit();
  private RedditClient client =
      reddit.client(reddit.settings().mediaPostTimeout(Duration.ofMillis(500)).build());
  private final AtomicInteger sequence = new AtomicInteger();
  private volatile int socketOpenedAt = -1;
  private volatile int submitArrivedAt = -1;
  private final CountDownLatch submitted = new CountDownLatch(1);

  @AfterEach
  void stop() {
    client.close();
    reddit.close();
  }

  private String mediaHost() {
    return reddit.media.getHostName() + ":" + reddit.media.getPort();
  }

  /** Lease and submit as recorded, with S3 and websocket on the loopback media server. */
  private void scriptLeaseAndSubmit() {
    scriptLeaseAndSubmit(true);
  }

  /**
   * @param leaseNamesTheSocket false: the lease's {@code websocket_url} is blank, so only the
   *     submit answer says where to listen
   */
  private void scriptLeaseAndSubmit(boolean leaseNamesTheSocket) {
    Fixtures.Recorded lease = Fixtures.recorded("media_asset_lease_2023.json");
    String leaseBody =
        lease
            .body()
            .replace("//reddit-uploaded-media.s3-accelerate.amazonaws.com", "//" + mediaHost())
            .replace("wss://ws-0c2fab4c99e41a707.wss.redditmedia.com", "ws://" + mediaHost());
    if (!leaseNamesTheSocket) {
      leaseBody =
          leaseBody.replaceAll("\"websocket_url\"\\s*:\\s*\"[^\"]*\"", "\"websocket_url\": \"\"");
      assertThat(leaseBody).doesNotContain(mediaHost() + "/8xjguc40cnrb1");
    }
    reddit.answer(lease.response(leaseBody));
    Fixtures.Recorded submit = Fixtures.recorded("submit_image_2023.json");
    reddit.answer(
        submit.response(
            submit.body().replace("wss://k8s-lb.wss.redditmedia.com", "ws://" + mediaHost())));
    reddit.apiScript.onRequest =
        r -> {
          if (r.getUrl().encodedPath().equals("/api/submit")) {
            submitArrivedAt = sequence.incrementAndGet();
            submitted.countDown();
          }
        };
    reddit.mediaScript.queue.add(Fixtures.recorded("s3_upload_201_2023.json").response());
    // The upgrade request is dispatched before the server answers 101, so before the client can
    // consider the socket open.
    reddit.mediaScript.onRequest =
        r -> {
          if ("websocket".equalsIgnoreCase(r.getHeaders().get("Upgrade"))) {
            socketOpenedAt = sequence.incrementAndGet();
          }
        };
  }

  /** A websocket that, once the submit has arrived, says {@code message} (null: says nothing). */
  private void scriptWebsocket(String message) {
    reddit.mediaScript.queue.add(
        new MockResponse.Builder()
            .webSocketUpgrade(
                new WebSocketListener() {
                  @Override
                  public void onOpen(WebSocket webSocket, Response response) {
                    if (message == null) {
                      return;
                    }
                    new Thread(
                            () -> {
                              try {
                                if (submitted.await(5, TimeUnit.SECONDS)) {
                                  webSocket.send(message);
                                }
                              } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                              }
                            })
                        .start();
                  }
                })
            .build());
  }

  @Test
  void leaseUploadSubmitAndTheWebsocketAnnouncesThePost() {
    scriptLeaseAndSubmit();
    scriptWebsocket(Fixtures.local("websocket_success.json"));

    SubmittedPost post = client.submit(Submission.image("nichebot_test", "Test Title 0", IMAGE));

    assertThat(post.fullname()).isEqualTo("t3_16xb01r");
    assertThat(post.url())
        .isEqualTo("https://www.reddit.com/r/nichebot_test/comments/16xb01r/test_title_0/");

    // 1. the lease, as PRAW asked for it
    RecordedRequest lease = reddit.takeApi();
    FakeReddit.assertApiRequest(lease, "POST", "/api/media/asset.json");
    assertThat(FakeReddit.form(lease))
        .isEqualTo(Fixtures.recorded("media_asset_lease_2023.json").requestForm());

    // 2. the S3 form upload: every lease field in order, then the file; no bearer token
    RecordedRequest upload = reddit.takeMedia();
    assertThat(upload.getMethod()).isEqualTo("POST");
    assertThat(upload.getHeaders().get("Authorization")).isNull();
    assertThat(upload.getHeaders().get("User-Agent")).isEqualTo(FakeReddit.USER_AGENT);
    assertThat(upload.getHeaders().get("Content-Type")).startsWith("multipart/form-data");
    String multipart = upload.getBody().string(StandardCharsets.ISO_8859_1);
    JsonNode recordedFields =
        Fixtures.recorded("s3_upload_201_2023.json")
            .envelope()
            .path("request")
            .path("body")
            .path("fields");
    List<String> expectedNames = new ArrayList<>();
    recordedFields.forEach(f -> expectedNames.add(f.asText()));
    assertThat(partNames(multipart)).isEqualTo(expectedNames);
    assertThat(multipart)
        .contains("filename=\"test.png\"")
        .contains(new String(PNG, StandardCharsets.ISO_8859_1))
        .contains("8xjguc40cnrb1");

    // 3. the websocket, opened before the submit so the announcement cannot be missed
    RecordedRequest socket = reddit.takeMedia();
    assertThat(socket.getUrl().encodedPath()).isEqualTo("/8xjguc40cnrb1");
    assertThat(socket.getUrl().queryParameter("m")).isEqualTo("<REDACTED>");
    assertThat(socket.getHeaders().get("Authorization")).isNull();
    assertThat(socketOpenedAt).isPositive().isLessThan(submitArrivedAt);

    // 4. the submit, kind=image with the uploaded file's URL
    RecordedRequest submit = reddit.takeApi();
    FakeReddit.assertApiRequest(submit, "POST", "/api/submit");
    Map<String, String> form = FakeReddit.form(submit);
    Map<String, String> praw = Fixtures.recorded("submit_image_2023.json").requestForm();
    for (String key :
        List.of("api_type", "kind", "nsfw", "resubmit", "sendreplies", "spoiler", "sr", "title")) {
      assertThat(form.get(key))
          .as(key)
          .isEqualToIgnoringCase(key.equals("sr") ? "nichebot_test" : praw.get(key));
    }
    assertThat(form.get("url")).isEqualTo("http://" + mediaHost() + "/8xjguc40cnrb1");
  }

  @Test
  void withoutASocketInTheLeaseTheSubmitAnswersOneIsListenedTo() {
    scriptLeaseAndSubmit(false);
    scriptWebsocket(Fixtures.local("websocket_success.json"));

    SubmittedPost post = client.submit(Submission.image("nichebot_test", "Test Title 0", IMAGE));

    assertThat(post.fullname()).isEqualTo("t3_16xb01r");
    reddit.takeMedia(); // the upload
    RecordedRequest socket = reddit.takeMedia();
    assertThat(socket.getUrl().encodedPath()).isEqualTo("/8xjguc40cnrb1");
    // Opened from the submit's answer, so necessarily after the submit.
    assertThat(socketOpenedAt).isGreaterThan(submitArrivedAt);
    assertThat(reddit.api.getRequestCount()).as("no look-up in the submissions").isEqualTo(2);
  }

  @Test
  void theWebsocketReportingFailure() {
    scriptLeaseAndSubmit();
    scriptWebsocket(Fixtures.local("websocket_failed.json"));

    assertThatThrownBy(
            () -> client.submit(Submission.image("nichebot_test", "Test Title 0", IMAGE)))
        .isInstanceOfSatisfying(
            MediaPostFailedException.class,
            e -> assertThat(e.code()).isEqualTo("MEDIA_POST_FAILED"));
  }

  @Test
  void aSilentWebsocketFallsBackToTheAccountsSubmissionsMatchedByAsset() {
    scriptLeaseAndSubmit();
    scriptWebsocket(null);
    reddit.answer(Fixtures.json(Fixtures.local("user_submitted_image.json")));

    SubmittedPost post = client.submit(Submission.image("nichebot_test", "Test Title 0", IMAGE));

    assertThat(post.fullname()).isEqualTo("t3_16xb01r");
    assertThat(post.url())
        .isEqualTo("https://www.reddit.com/r/nichebot_test/comments/16xb01r/test_title_0/");
    reddit.takeApi(); // lease
    reddit.takeApi(); // submit
    RecordedRequest look = reddit.takeApi();
    FakeReddit.assertApiRequest(look, "GET", "/user/nichebot_test_bot/submitted");
  }

  @Test
  void theFallbackAlsoMatchesByTitleForAPostMadeSinceTheSubmit() {
    scriptLeaseAndSubmit();
    scriptWebsocket(null);
    reddit.answer(
        Fixtures.json(
            Fixtures.local("user_submitted_image.json")
                .replace(
                    "https://i.redd.it/8xjguc40cnrb1.png", "https://i.redd.it/renamed0001.png")));

    assertThat(client.submit(Submission.image("nichebot_test", "Test Title 0", IMAGE)).fullname())
        .isEqualTo("t3_16xb01r");
  }

  @Test
  void notFoundAnywhereIsUnconfirmedNotRepostable() {
    scriptLeaseAndSubmit();
    scriptWebsocket(null);
    // Only an older post with the same title: not the one just made.
    reddit.answer(Fixtures.json(Fixtures.local("user_submitted_other.json")));
    reddit.answer(Fixtures.json(Fixtures.local("user_submitted_other.json")));

    assertThatThrownBy(
            () -> client.submit(Submission.image("nichebot_test", "Test Title 0", IMAGE)))
        .isInstanceOfSatisfying(
            SubmissionUnconfirmedException.class,
            e -> {
              assertThat(e.assetId()).isEqualTo("8xjguc40cnrb1");
              assertThat(e.title()).isEqualTo("Test Title 0");
            })
        .hasMessageContaining("Reconcile later");
    assertThat(reddit.api.getRequestCount()).isEqualTo(4); // lease, submit, two looks
    // (shorter sleeps are rate-limit pacing from the recorded x-ratelimit headers)
    assertThat(reddit.time.sleeps())
        .filteredOn(d -> d.toSeconds() >= 1)
        .containsExactly(Duration.ofSeconds(10));
  }

  @Test
  void anUnreachableWebsocketFallsBackAtOnce() {
    Fixtures.Recorded lease = Fixtures.recorded("media_asset_lease_2023.json");
    reddit.answer(
        lease.response(
            lease
                .body()
                .replace("//reddit-uploaded-media.s3-accelerate.amazonaws.com", "//" + mediaHost())
                .replace("wss://ws-0c2fab4c99e41a707.wss.redditmedia.com", "ws://127.0.0.1:1")));
    reddit.answer(Fixtures.recorded("submit_image_2023.json").response());
    reddit.mediaScript.queue.add(Fixtures.recorded("s3_upload_201_2023.json").response());
    reddit.answer(Fixtures.json(Fixtures.local("user_submitted_image.json")));

    assertThat(client.submit(Submission.image("nichebot_test", "Test Title 0", IMAGE)).fullname())
        .isEqualTo("t3_16xb01r");
  }

  @Test
  void anUploadRefusedByS3StopsBeforeTheSubmit() {
    scriptLeaseAndSubmit();
    reddit.mediaScript.queue.clear();
    reddit.mediaScript.queue.add(
        new MockResponse.Builder()
            .code(400)
            .setHeader("content-type", "application/xml")
            .body(Fixtures.local("s3_entity_too_large.xml"))
            .build());

    assertThatThrownBy(
            () -> client.submit(Submission.image("nichebot_test", "Test Title 0", IMAGE)))
        .isInstanceOfSatisfying(
            RedditApiException.class, e -> assertThat(e.code()).isEqualTo("EntityTooLarge"))
        .hasMessageContaining("exceeds the maximum allowed size");
    assertThat(reddit.api.getRequestCount()).isEqualTo(1); // the lease only
  }

  @Test
  void aLeaseWithoutUploadFormIsAProtocolError() {
    reddit.answer(Fixtures.json("{\"args\": {}, \"asset\": {}}"));

    assertThatThrownBy(
            () -> client.submit(Submission.image("nichebot_test", "Test Title 0", IMAGE)))
        .isInstanceOf(RedditProtocolException.class)
        .hasMessageContaining("media lease");
  }

  @Test
  void imageFilesAreChecked() {
    assertThatThrownBy(() -> new ImageFile("a.bmp", "image/bmp", PNG))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ImageFile("../a.png", "image/png", PNG))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ImageFile("a.png", "image/png", new byte[0]))
        .isInstanceOf(IllegalArgumentException.class);
    byte[] bytes = PNG.clone();
    ImageFile file = new ImageFile("a.png", "image/png", bytes);
    bytes[0] = 0;
    assertThat(file.bytes()[0]).isEqualTo((byte) 0x89);
    assertThat(file.toString()).isEqualTo("ImageFile[a.png, image/png, 11 bytes]");
  }

  private static List<String> partNames(String multipart) {
    List<String> names = new ArrayList<>();
    Matcher m =
        Pattern.compile("Content-Disposition: form-data; name=\"([^\"]+)\"").matcher(multipart);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }
}
