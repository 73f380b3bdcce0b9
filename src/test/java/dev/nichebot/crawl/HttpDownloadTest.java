package dev.nichebot.crawl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nichebot.crawl.testing.TestImages;
import dev.nichebot.domain.Candidate;
import dev.nichebot.domain.CandidateState;
import dev.nichebot.store.Database;
import dev.nichebot.testing.TestDatabases;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code urls:} source against a real HTTP peer on loopback: every bad input ends FAILED with its
 * reason, transient failures come back after a backoff, blocked domains are neither crawled nor
 * downloaded.
 */
class HttpDownloadTest {
  @TempDir Path dir;
  private Database db;
  private CrawlKit kit;
  private MockWebServer server;
  private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
  private final byte[] jpeg = TestImages.jpeg(TestImages.scene(320, 240, 21));
  private final byte[] other = TestImages.jpeg(TestImages.scene(320, 240, 22));

  @BeforeEach
  void setUp() throws Exception {
    db = TestDatabases.inMemory();
    kit = new CrawlKit(db, dir).settings(4, 3);
    server = new MockWebServer();
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            String path = request.getUrl().encodedPath();
            int n = hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            return switch (path) {
              case "/ok.jpg" -> image(jpeg);
              case "/html.jpg" ->
                  new MockResponse.Builder()
                      .setHeader("Content-Type", "image/jpeg")
                      .body("<!doctype html><title>Oops</title>")
                      .build();
              case "/gone.jpg" -> new MockResponse.Builder().code(404).build();
              case "/empty.jpg" -> image(new byte[0]);
              case "/huge.jpg" -> image(new byte[2_500_000]);
              case "/flaky.jpg" ->
                  n == 1 ? new MockResponse.Builder().code(503).build() : image(other);
              case "/down.jpg" -> new MockResponse.Builder().code(502).build();
              default -> new MockResponse.Builder().code(500).build();
            };
          }
        });
    server.start(InetAddress.getByName("127.0.0.1"), 0);
  }

  private static MockResponse image(byte[] bytes) {
    return new MockResponse.Builder()
        .setHeader("Content-Type", "image/jpeg")
        .body(new Buffer().write(bytes))
        .build();
  }

  @AfterEach
  void tearDown() {
    server.close();
    db.close();
    assertThat(kit.sockets.refused()).isEmpty();
  }

  private String url(String path) {
    return "http://127.0.0.1:" + server.getPort() + path;
  }

  private void urlList(List<String> lines) throws Exception {
    Files.write(dir.resolve("list.txt"), lines, StandardCharsets.UTF_8);
    kit.sources.sync(List.of("urls:list.txt"));
  }

  @Test
  void eachBadInputEndsWithItsReasonAndTransientOnesAreRetriedAfterABackoff() throws Exception {
    urlList(
        List.of(
            "# images for the test",
            url("/ok.jpg"),
            url("/html.jpg"),
            url("/gone.jpg"),
            url("/empty.jpg"),
            url("/huge.jpg"),
            url("/flaky.jpg"),
            url("/down.jpg"),
            "http://169.254.169.254/latest/meta-data/iam.jpg",
            "http://10.1.2.3/internal.jpg",
            "",
            "ftp://example.org/not-http.jpg"));
    assertThat(kit.crawl.run().discovered()).isEqualTo(9);

    DownloadService.Report first = kit.downloadAll();

    assertThat(kit.byUrlEnding("/ok.jpg").state()).isEqualTo(CandidateState.DOWNLOADED);
    Map<String, String> reasons =
        Map.of(
            "/html.jpg", "NOT_AN_IMAGE",
            "/gone.jpg", "HTTP_404",
            "/empty.jpg", "EMPTY",
            "/huge.jpg", "TOO_LARGE",
            "/iam.jpg", "SSRF_BLOCKED",
            "/internal.jpg", "SSRF_BLOCKED");
    reasons.forEach(
        (suffix, code) -> {
          Candidate c = kit.byUrlEnding(suffix);
          assertThat(c.state()).as(suffix).isEqualTo(CandidateState.FAILED);
          assertThat(c.reason()).as(suffix).startsWith(code + ":");
        });
    assertThat(first.count(DownloadService.Outcome.RETRY)).isEqualTo(2);
    Candidate flaky = kit.byUrlEnding("/flaky.jpg");
    assertThat(flaky.state()).isEqualTo(CandidateState.DISCOVERED);
    assertThat(flaky.attempts()).isEqualTo(1);
    assertThat(flaky.reason()).startsWith("HTTP_5XX:").contains("attempt 1 of 3");
    assertThat(flaky.nextAttemptAt()).isEqualTo(kit.clock.instant().plus(Duration.ofMinutes(5)));

    // Not due yet: nothing is fetched.
    assertThat(kit.downloadAll().total()).isZero();
    assertThat(hits.get("/flaky.jpg")).hasValue(1);

    kit.clock.advance(Duration.ofMinutes(5));
    kit.downloadAll();
    assertThat(kit.byUrlEnding("/flaky.jpg").state()).isEqualTo(CandidateState.DOWNLOADED);
    Candidate down = kit.byUrlEnding("/down.jpg");
    assertThat(down.state()).isEqualTo(CandidateState.DISCOVERED);
    assertThat(down.nextAttemptAt()).isEqualTo(kit.clock.instant().plus(Duration.ofMinutes(10)));

    kit.clock.advance(Duration.ofMinutes(10));
    kit.downloadAll();
    down = kit.byUrlEnding("/down.jpg");
    assertThat(down.state()).isEqualTo(CandidateState.FAILED);
    assertThat(down.reason()).startsWith("HTTP_5XX:");
    assertThat(down.attempts()).isEqualTo(3);
    assertThat(hits.get("/down.jpg")).hasValue(3);

    assertThat(kit.candidates.failuresByReason())
        .containsEntry("SSRF_BLOCKED", 2L)
        .containsEntry("HTTP_5XX", 1L)
        .containsEntry("NOT_AN_IMAGE", 1L);
    assertThat(kit.count(CandidateState.DOWNLOADED)).isEqualTo(2);
  }

  @Test
  void blockedDomainsAreNotCrawledAndWaitingCandidatesFromThemAreSkipped() throws Exception {
    urlList(List.of(url("/ok.jpg"), "http://localhost:" + server.getPort() + "/flaky.jpg"));
    db.update(
        "INSERT INTO blocklist (kind, block_value, added_by, added_at) VALUES ('DOMAIN', ?, 'mod',"
            + " CURRENT_TIMESTAMP)",
        "localhost");

    CrawlService.Report report = kit.crawl.run();

    assertThat(report.discovered()).isEqualTo(1);
    assertThat(report.blocked()).isEqualTo(1);
    assertThat(kit.all()).extracting(Candidate::sourceUrl).containsExactly(url("/ok.jpg"));

    // Blocked after it was found: it leaves the queue instead of being downloaded.
    db.update("DELETE FROM blocklist WHERE block_value = 'localhost'");
    db.update(
        "INSERT INTO blocklist (kind, block_value, added_by, added_at) VALUES ('DOMAIN', ?, 'mod',"
            + " CURRENT_TIMESTAMP)",
        "127.0.0.1");
    kit.downloadAll();
    Candidate ok = kit.byUrlEnding("/ok.jpg");
    assertThat(ok.state()).isEqualTo(CandidateState.SKIPPED);
    assertThat(ok.reason()).isEqualTo("blocked domain 127.0.0.1");
    assertThat(hits).doesNotContainKey("/ok.jpg");
  }

  @Test
  void downloadsRunConcurrentlyAndEachImageIsStoredOnce() throws Exception {
    // The same picture under many URLs, fetched four at a time: one image, the rest duplicates.
    List<String> lines = new java.util.ArrayList<>();
    for (int i = 0; i < 12; i++) {
      lines.add(url("/ok.jpg?copy=" + i));
    }
    urlList(lines);
    kit.crawl.run();

    DownloadService.Report report = kit.downloadAll();

    assertThat(report.count(DownloadService.Outcome.DOWNLOADED)).isEqualTo(1);
    assertThat(report.count(DownloadService.Outcome.DUPLICATE)).isEqualTo(11);
    assertThat(kit.images.count()).isEqualTo(1);
    // Recorded in the order found, whichever download finished first: the first URL is stored.
    assertThat(kit.byUrlEnding("copy=0").state()).isEqualTo(CandidateState.DOWNLOADED);
    long imageId =
        kit.all().stream().filter(c -> c.imageId() != null).findFirst().orElseThrow().imageId();
    assertThat(kit.all())
        .filteredOn(c -> c.state() == CandidateState.DUPLICATE)
        .allSatisfy(c -> assertThat(c.duplicateOfImageId()).isEqualTo(imageId));
  }
}
