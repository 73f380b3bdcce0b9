package dev.nichebot.crawl.download;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nichebot.crawl.FailureReason;
import dev.nichebot.crawl.testing.LoopbackOnlySocketFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.Dns;
import okhttp3.OkHttpClient;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SafeDownloaderTest {
  private static final byte[] JPEG_LIKE = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 1, 2, 3, 4, 5};

  private final LoopbackOnlySocketFactory sockets = new LoopbackOnlySocketFactory();
  private final OkHttpClient base = new OkHttpClient.Builder().socketFactory(sockets).build();
  private MockWebServer server;

  /** Names that only exist in this test; nothing is ever resolved on the real network. */
  private final Dns fakeDns =
      hostname -> {
        Map<String, List<String>> table =
            Map.of(
                "localhost", List.of("127.0.0.1"),
                "metadata.test", List.of("169.254.169.254"),
                "loopback.test", List.of("127.0.0.1"),
                "mixed.test", List.of("93.184.216.34", "10.0.0.7"),
                "v6loop.test", List.of("::1"),
                "mapped.test", List.of("::ffff:192.168.1.1"));
        List<String> addresses = table.get(hostname);
        if (addresses == null) {
          throw new UnknownHostException(hostname);
        }
        List<InetAddress> result = new ArrayList<>();
        for (String a : addresses) {
          result.add(InetAddress.getByName(a)); // literals: no lookup
        }
        return result;
      };

  @BeforeEach
  void startServer() throws IOException {
    server = new MockWebServer();
    server.start(InetAddress.getByName("127.0.0.1"), 0);
  }

  @AfterEach
  void stopServer() {
    server.close();
    assertThat(sockets.refused()).as("connections attempted outside loopback").isEmpty();
  }

  private SafeDownloader downloader(DownloaderConfig.Builder config) {
    return SafeDownloader.builder(base).config(config.build()).resolver(fakeDns).build();
  }

  private static DownloaderConfig.Builder allowing(String... hosts) {
    return DownloaderConfig.builder().allowHosts(Set.of(hosts)).perHostDelay(Duration.ZERO);
  }

  private String url(String path) {
    return "http://127.0.0.1:" + server.getPort() + path;
  }

  private static DownloadResult.Failed failed(DownloadResult result) {
    assertThat(result).isInstanceOf(DownloadResult.Failed.class);
    return (DownloadResult.Failed) result;
  }

  @Test
  void downloadsBodyWithContentTypeAndFinalUrl() {
    server.enqueue(
        new MockResponse.Builder()
            .setHeader("Content-Type", "image/jpeg")
            .body(new Buffer().write(JPEG_LIKE))
            .build());

    DownloadResult result = downloader(allowing("127.0.0.1")).download(url("/a.jpg"));

    assertThat(result).isInstanceOf(DownloadResult.Downloaded.class);
    DownloadResult.Downloaded ok = (DownloadResult.Downloaded) result;
    assertThat(ok.body()).isEqualTo(JPEG_LIKE);
    assertThat(ok.contentType()).isEqualTo("image/jpeg");
    assertThat(ok.finalUrl()).isEqualTo(url("/a.jpg"));
    assertThat(ok.redirects()).isZero();
  }

  @Test
  void followsRedirectsAndReportsWhereTheyEnded() throws InterruptedException {
    server.enqueue(redirectTo("/b"));
    server.enqueue(redirectTo(url("/c.jpg")));
    server.enqueue(new MockResponse.Builder().body(new Buffer().write(JPEG_LIKE)).build());

    DownloadResult result = downloader(allowing("127.0.0.1")).download(url("/a"));

    DownloadResult.Downloaded ok = (DownloadResult.Downloaded) result;
    assertThat(ok.finalUrl()).isEqualTo(url("/c.jpg"));
    assertThat(ok.redirects()).isEqualTo(2);
    assertThat(server.takeRequest().getTarget()).isEqualTo("/a");
    assertThat(server.takeRequest().getTarget()).isEqualTo("/b");
    assertThat(server.takeRequest().getTarget()).isEqualTo("/c.jpg");
  }

  @ParameterizedTest
  @CsvSource({
    "404, HTTP_404, false",
    "410, HTTP_410, false",
    "403, HTTP_4XX, false",
    "451, HTTP_4XX, false",
    "429, HTTP_429, true",
    "500, HTTP_5XX, true",
    "503, HTTP_5XX, true"
  })
  void httpErrorsEndWithTheirReason(int code, FailureReason reason, boolean retry) {
    server.enqueue(new MockResponse.Builder().code(code).body("<html>nope</html>").build());

    DownloadResult.Failed f = failed(downloader(allowing("127.0.0.1")).download(url("/x.jpg")));

    assertThat(f.reason()).isEqualTo(reason);
    assertThat(f.isTransient()).isEqualTo(retry);
  }

  @Test
  void slowHeadersTimeOutAsTransient() {
    server.enqueue(
        new MockResponse.Builder()
            .headersDelay(3, TimeUnit.SECONDS)
            .body(new Buffer().write(JPEG_LIKE))
            .build());

    DownloadResult.Failed f =
        failed(
            downloader(allowing("127.0.0.1").readTimeout(Duration.ofMillis(300)))
                .download(url("/slow.jpg")));

    assertThat(f.reason()).isEqualTo(FailureReason.TIMEOUT);
    assertThat(f.isTransient()).isTrue();
  }

  @Test
  void aBodyTricklingPastTheCallTimeoutTimesOut() {
    server.enqueue(
        new MockResponse.Builder()
            .body(new Buffer().write(new byte[4000]))
            .throttleBody(100, 100, TimeUnit.MILLISECONDS) // 4 s in all, never silent for long
            .build());

    DownloadResult.Failed f =
        failed(
            downloader(allowing("127.0.0.1").callTimeout(Duration.ofMillis(700)))
                .download(url("/trickle.jpg")));

    assertThat(f.reason()).isEqualTo(FailureReason.TIMEOUT);
  }

  @Test
  void tooLargeByContentLengthIsRefusedBeforeReading() {
    server.enqueue(new MockResponse.Builder().body(new Buffer().write(new byte[5000])).build());

    DownloadResult.Failed f =
        failed(downloader(allowing("127.0.0.1").maxBytes(4096)).download(url("/big.jpg")));

    assertThat(f.reason()).isEqualTo(FailureReason.TOO_LARGE);
    assertThat(f.detail()).contains("Content-Length 5000");
  }

  @Test
  void tooLargeWithoutContentLengthIsCutOffWhileStreaming() {
    server.enqueue(
        new MockResponse.Builder().chunkedBody(new Buffer().write(new byte[50_000]), 1024).build());

    DownloadResult.Failed f =
        failed(downloader(allowing("127.0.0.1").maxBytes(4096)).download(url("/chunked.jpg")));

    assertThat(f.reason()).isEqualTo(FailureReason.TOO_LARGE);
    assertThat(f.detail()).contains("while streaming");
  }

  @Test
  void aGzipBombCountsInflatedBytes() throws IOException {
    Buffer compressed = new Buffer();
    try (GZIPOutputStream gzip = new GZIPOutputStream(compressed.outputStream())) {
      gzip.write(new byte[2_000_000]); // about 2 kB on the wire
    }
    assertThat(compressed.size()).isLessThan(10_000);
    server.enqueue(
        new MockResponse.Builder().setHeader("Content-Encoding", "gzip").body(compressed).build());

    DownloadResult.Failed f =
        failed(downloader(allowing("127.0.0.1").maxBytes(100_000)).download(url("/bomb.jpg")));

    assertThat(f.reason()).isEqualTo(FailureReason.TOO_LARGE);
  }

  @Test
  void zeroBytesIsEmpty() {
    server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "image/jpeg").build());

    DownloadResult.Failed f = failed(downloader(allowing("127.0.0.1")).download(url("/e.jpg")));

    assertThat(f.reason()).isEqualTo(FailureReason.EMPTY);
    assertThat(f.isTransient()).isFalse();
  }

  @Test
  void aConnectionDroppedBeforeContentLengthIsAnIncompleteTransfer() {
    server.enqueue(
        new MockResponse.Builder()
            .body(new Buffer().write(new byte[10_000]))
            .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE)
            .build());

    DownloadResult.Failed f = failed(downloader(allowing("127.0.0.1")).download(url("/cut.jpg")));

    assertThat(f.reason()).isEqualTo(FailureReason.INCOMPLETE_TRANSFER);
    assertThat(f.isTransient()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "file:///etc/passwd",
        "ftp://example.org/a.jpg",
        "gopher://127.0.0.1:70/",
        "javascript:alert(1)",
        "data:image/png;base64,iVBORw0KGgo="
      })
  void onlyHttpAndHttpsAreFetched(String url) {
    DownloadResult.Failed f = failed(downloader(allowing("127.0.0.1")).download(url));

    assertThat(f.reason()).isEqualTo(FailureReason.BAD_SCHEME);
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void garbageIsAnInvalidUrl() {
    assertThat(failed(downloader(allowing()).download("not a url")).reason())
        .isEqualTo(FailureReason.INVALID_URL);
  }

  @Test
  void aRedirectToAnotherSchemeIsRefused() {
    server.enqueue(redirectTo("file:///etc/passwd"));

    DownloadResult.Failed f = failed(downloader(allowing("127.0.0.1")).download(url("/r")));

    assertThat(f.reason()).isEqualTo(FailureReason.BAD_SCHEME);
  }

  @Test
  void aRedirectWithoutLocationIsABadRedirect() {
    server.enqueue(new MockResponse.Builder().code(302).build());

    assertThat(failed(downloader(allowing("127.0.0.1")).download(url("/r"))).reason())
        .isEqualTo(FailureReason.BAD_REDIRECT);
  }

  @Test
  void aRedirectLoopStopsAfterTheLimit() {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return redirectTo("/again");
          }
        });

    DownloadResult.Failed f =
        failed(downloader(allowing("127.0.0.1").maxRedirects(3)).download(url("/start")));

    assertThat(f.reason()).isEqualTo(FailureReason.TOO_MANY_REDIRECTS);
    assertThat(server.getRequestCount()).isEqualTo(4); // the first request and 3 redirects
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.1/a.jpg",
        "http://192.168.0.10/a.jpg",
        "http://172.16.5.4/a.jpg",
        "http://100.64.0.1/a.jpg",
        "http://0.0.0.0/a.jpg",
        "http://[::1]/a.jpg",
        "http://[fe80::1]/a.jpg",
        "http://[fd00:ec2::254]/latest/meta-data/",
        "http://[::ffff:169.254.169.254]/",
        "http://metadata.test/latest/meta-data/",
        "http://mixed.test/a.jpg",
        "http://v6loop.test/a.jpg",
        "http://mapped.test/a.jpg"
      })
  void internalTargetsAreRefusedWithoutConnecting(String url) {
    DownloadResult.Failed f = failed(downloader(allowing("127.0.0.1")).download(url));

    assertThat(f.reason()).isEqualTo(FailureReason.SSRF_BLOCKED);
    assertThat(f.isTransient()).isFalse();
    assertThat(sockets.connected()).isEmpty();
  }

  @Test
  void loopbackIsRefusedWhenNotAllowListed() {
    server.enqueue(new MockResponse.Builder().body(new Buffer().write(JPEG_LIKE)).build());

    DownloadResult.Failed f = failed(downloader(allowing()).download(url("/a.jpg")));

    assertThat(f.reason()).isEqualTo(FailureReason.SSRF_BLOCKED);
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void aNameResolvingToLoopbackIsRefusedEvenWhenTheLiteralIsAllowed() {
    DownloadResult.Failed f =
        failed(
            downloader(allowing("127.0.0.1"))
                .download("http://loopback.test:" + server.getPort() + "/a.jpg"));

    assertThat(f.reason()).isEqualTo(FailureReason.SSRF_BLOCKED);
    assertThat(server.getRequestCount()).isZero();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://127.0.0.1:%d/secret",
        "http://169.254.169.254/latest/meta-data/iam/",
        "http://[::1]:%d/secret",
        "http://loopback.test:%d/secret",
        "http://metadata.test/latest/meta-data/"
      })
  void aRedirectToAnInternalTargetIsRefused(String target) {
    // The image host is allowed by name; where it redirects to is not.
    server.enqueue(redirectTo(String.format(target, server.getPort())));

    DownloadResult.Failed f =
        failed(
            downloader(allowing("localhost"))
                .download("http://localhost:" + server.getPort() + "/a.jpg"));

    assertThat(f.reason()).isEqualTo(FailureReason.SSRF_BLOCKED);
    assertThat(f.failedUrl()).doesNotContain("localhost");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void theConnectedAddressIsCheckedEvenWhenTheNameLookupIsBypassed() throws IOException {
    // OkHttp never asks the DNS about IP literals; the network interceptor still sees the socket.
    server.enqueue(new MockResponse.Builder().body("secret").build());
    DownloaderConfig config = DownloaderConfig.builder().build();
    OkHttpClient client =
        base.newBuilder().addNetworkInterceptor(new ConnectedAddressCheck(config)).build();

    IOException thrown = null;
    try (var response =
        client.newCall(new okhttp3.Request.Builder().url(url("/secret")).build()).execute()) {
      response.body().string();
    } catch (IOException e) {
      thrown = e;
    }

    assertThat(thrown).isInstanceOf(SsrfBlockedException.class);
    assertThat(thrown.getMessage()).contains("127.0.0.1 is loopback");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void perHostConcurrencyIsBounded() throws Exception {
    ConcurrencyProbe probe = new ConcurrencyProbe(Duration.ofMillis(150));
    server.setDispatcher(probe);
    SafeDownloader downloader =
        downloader(allowing("127.0.0.1").concurrency(8).perHostConcurrency(2));

    runInParallel(downloader, 8);

    assertThat(probe.maxInFlight.get()).isEqualTo(2);
  }

  @Test
  void overallConcurrencyIsBoundedAcrossHosts() throws Exception {
    ConcurrencyProbe probe = new ConcurrencyProbe(Duration.ofMillis(150));
    server.setDispatcher(probe);
    SafeDownloader downloader =
        downloader(allowing("127.0.0.1", "localhost").concurrency(3).perHostConcurrency(8));

    List<Future<DownloadResult>> results = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(10);
    try {
      for (int i = 0; i < 10; i++) {
        String host = i % 2 == 0 ? "127.0.0.1" : "localhost";
        String u = "http://" + host + ":" + server.getPort() + "/" + i;
        results.add(pool.submit(() -> downloader.download(u)));
      }
      for (Future<DownloadResult> r : results) {
        assertThat(r.get(30, TimeUnit.SECONDS)).isInstanceOf(DownloadResult.Downloaded.class);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(probe.maxInFlight.get()).isEqualTo(3);
  }

  @Test
  void requestsToOneHostStartAtLeastTheDelayApart() throws Exception {
    List<Long> starts = new java.util.concurrent.CopyOnWriteArrayList<>();
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            starts.add(System.nanoTime());
            return new MockResponse.Builder().body(new Buffer().write(JPEG_LIKE)).build();
          }
        });
    SafeDownloader downloader =
        downloader(
            allowing("127.0.0.1").perHostConcurrency(4).perHostDelay(Duration.ofMillis(200)));

    runInParallel(downloader, 4);

    List<Long> sorted = starts.stream().sorted().toList();
    assertThat(sorted).hasSize(4);
    for (int i = 1; i < sorted.size(); i++) {
      long gapMillis = TimeUnit.NANOSECONDS.toMillis(sorted.get(i) - sorted.get(i - 1));
      // Measured where the server sees the request, after connection set-up, whose time varies
      // on a loaded machine; without the throttle the gaps would be ~0.
      assertThat(gapMillis).as("gap before request %d", i).isGreaterThanOrEqualTo(100);
    }
  }

  private void runInParallel(SafeDownloader downloader, int n) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      List<Future<DownloadResult>> results = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        String u = url("/" + i);
        results.add(pool.submit(() -> downloader.download(u)));
      }
      for (Future<DownloadResult> r : results) {
        assertThat(r.get(30, TimeUnit.SECONDS)).isInstanceOf(DownloadResult.Downloaded.class);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static MockResponse redirectTo(String location) {
    return new MockResponse.Builder().code(302).setHeader("Location", location).build();
  }

  /** Answers slowly and records how many requests were being answered at once. */
  private static final class ConcurrencyProbe extends Dispatcher {
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();
    private final Duration hold;

    ConcurrencyProbe(Duration hold) {
      this.hold = hold;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
      int now = inFlight.incrementAndGet();
      maxInFlight.accumulateAndGet(now, Math::max);
      try {
        Thread.sleep(hold.toMillis());
      } finally {
        inFlight.decrementAndGet();
      }
      return new MockResponse.Builder().body(new Buffer().write(JPEG_LIKE)).build();
    }
  }
}
