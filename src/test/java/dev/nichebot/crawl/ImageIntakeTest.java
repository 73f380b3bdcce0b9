package dev.nichebot.crawl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nichebot.crawl.download.DownloaderConfig;
import dev.nichebot.crawl.download.SafeDownloader;
import dev.nichebot.crawl.image.ImageFormat;
import dev.nichebot.crawl.image.ImageLimits;
import dev.nichebot.crawl.image.ImageProbe;
import dev.nichebot.crawl.storage.ImageStore;
import dev.nichebot.crawl.storage.Sha256;
import dev.nichebot.crawl.storage.StoredImage;
import dev.nichebot.crawl.testing.LoopbackOnlySocketFactory;
import dev.nichebot.crawl.testing.TestImages;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole intake against a real HTTP peer on loopback: each bad input ends with its reason. */
class ImageIntakeTest {
  @TempDir Path dir;
  private final LoopbackOnlySocketFactory sockets = new LoopbackOnlySocketFactory();
  private MockWebServer server;
  private ImageIntake intake;
  private ImageStore store;
  private final byte[] jpeg = TestImages.jpeg(TestImages.scene(640, 480, 11));

  @BeforeEach
  void setUp() throws IOException {
    server = new MockWebServer();
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    SafeDownloader downloader =
        SafeDownloader.create(
            new OkHttpClient.Builder().socketFactory(sockets).build(),
            DownloaderConfig.builder()
                .allowHosts(Set.of("127.0.0.1"))
                .maxBytes(1_000_000)
                .readTimeout(Duration.ofMillis(500))
                .perHostDelay(Duration.ZERO)
                .build());
    store = new ImageStore(dir.resolve("images"));
    intake = new ImageIntake(downloader, new ImageProbe(ImageLimits.defaults()), store);
  }

  @AfterEach
  void tearDown() {
    server.close();
    assertThat(sockets.refused()).isEmpty();
  }

  private String serve(byte[] body, String contentType) {
    server.enqueue(
        new MockResponse.Builder()
            .setHeader("Content-Type", contentType)
            .body(new Buffer().write(body))
            .build());
    return "http://127.0.0.1:" + server.getPort() + "/img";
  }

  private List<Path> storedFiles() throws IOException {
    if (!Files.exists(store.root())) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(store.root())) {
      return walk.filter(Files::isRegularFile).toList();
    }
  }

  private FailureReason rejection(IntakeResult result) {
    assertThat(result).isInstanceOf(IntakeResult.Rejected.class);
    return ((IntakeResult.Rejected) result).reason();
  }

  @Test
  void aGoodImageIsAcceptedFingerprintedAndStored() throws IOException {
    IntakeResult result = intake.fetch(serve(jpeg, "image/jpeg"));

    assertThat(result).isInstanceOf(IntakeResult.Accepted.class);
    IntakeResult.Accepted accepted = (IntakeResult.Accepted) result;
    assertThat(accepted.info().format()).isEqualTo(ImageFormat.JPEG);
    assertThat(accepted.info().width()).isEqualTo(640);
    assertThat(accepted.sha256()).isEqualTo(Sha256.of(jpeg));
    assertThat(storedFiles()).isEmpty(); // the caller checks for duplicates first

    StoredImage stored = intake.store(accepted);

    assertThat(Files.readAllBytes(stored.path())).isEqualTo(jpeg);
    assertThat(stored.path().getFileName().toString()).isEqualTo(Sha256.of(jpeg) + ".jpg");
  }

  @Test
  void theFormatComesFromTheBytesNotTheContentType() {
    byte[] png = TestImages.png(TestImages.scene(200, 100, 12));

    IntakeResult asJpeg = intake.fetch(serve(png, "image/jpeg"));
    IntakeResult asOctets = intake.fetch(serve(jpeg, "application/octet-stream"));

    assertThat(((IntakeResult.Accepted) asJpeg).info().format()).isEqualTo(ImageFormat.PNG);
    assertThat(((IntakeResult.Accepted) asOctets).info().format()).isEqualTo(ImageFormat.JPEG);
  }

  @Test
  void htmlServedAsImageJpegIsNotAnImage() throws IOException {
    byte[] html =
        "<html><body><h1>Please log in</h1></body></html>".getBytes(StandardCharsets.UTF_8);

    assertThat(rejection(intake.fetchAndStore(serve(html, "image/jpeg"))))
        .isEqualTo(FailureReason.NOT_AN_IMAGE);
    assertThat(storedFiles()).isEmpty();
  }

  @Test
  void aTruncatedFileIsRefused() throws IOException {
    byte[] half = Arrays.copyOf(jpeg, jpeg.length / 2);

    assertThat(rejection(intake.fetchAndStore(serve(half, "image/jpeg"))))
        .isEqualTo(FailureReason.TRUNCATED);
    assertThat(storedFiles()).isEmpty();
  }

  @Test
  void zeroBytesAreEmpty() {
    assertThat(rejection(intake.fetch(serve(new byte[0], "image/jpeg"))))
        .isEqualTo(FailureReason.EMPTY);
  }

  @Test
  void aDecompressionBombIsRefused() throws IOException {
    byte[] bomb = TestImages.bombPng(30_000, 30_000);

    assertThat(rejection(intake.fetchAndStore(serve(bomb, "image/png"))))
        .isEqualTo(FailureReason.TOO_MANY_PIXELS);
    assertThat(storedFiles()).isEmpty();
  }

  @Test
  void goneImagesEndWithTheirStatus() {
    server.enqueue(new MockResponse.Builder().code(404).build());
    server.enqueue(new MockResponse.Builder().code(410).build());
    String url = "http://127.0.0.1:" + server.getPort() + "/gone.jpg";

    assertThat(rejection(intake.fetch(url))).isEqualTo(FailureReason.HTTP_404);
    assertThat(rejection(intake.fetch(url))).isEqualTo(FailureReason.HTTP_410);
  }

  @Test
  void aTimeoutIsTransient() {
    server.enqueue(
        new MockResponse.Builder()
            .headersDelay(2, java.util.concurrent.TimeUnit.SECONDS)
            .body(new Buffer().write(jpeg))
            .build());

    IntakeResult result = intake.fetch("http://127.0.0.1:" + server.getPort() + "/slow.jpg");

    assertThat(rejection(result)).isEqualTo(FailureReason.TIMEOUT);
    assertThat(((IntakeResult.Rejected) result).reason().isTransient()).isTrue();
  }

  @Test
  void theSameImageTwiceIsStoredOnce() throws IOException {
    intake.fetchAndStore(serve(jpeg, "image/jpeg"));
    intake.fetchAndStore(serve(jpeg, "image/jpeg"));

    assertThat(storedFiles()).hasSize(1);
  }

  @Test
  void aBadImageDoesNotDisturbWhatIsStored() throws IOException {
    intake.fetchAndStore(serve(jpeg, "image/jpeg"));
    List<Path> before = storedFiles();

    intake.fetchAndStore(serve(Arrays.copyOf(jpeg, 100), "image/jpeg"));
    intake.fetchAndStore(serve("<html/>".getBytes(StandardCharsets.UTF_8), "image/jpeg"));

    assertThat(storedFiles()).isEqualTo(before);
    assertThat(Files.readAllBytes(before.get(0))).isEqualTo(jpeg);
  }

  @Test
  void localFilesGoThroughTheSameChecks() throws IOException {
    Path good = Files.write(dir.resolve("photo.png"), jpeg); // a JPEG named .png
    Path html =
        Files.write(dir.resolve("fake.jpg"), "<!doctype html>".getBytes(StandardCharsets.UTF_8));
    Path big = Files.write(dir.resolve("big.jpg"), new byte[1_000_001]);

    assertThat(((IntakeResult.Accepted) intake.read(good)).info().format())
        .isEqualTo(ImageFormat.JPEG);
    assertThat(rejection(intake.read(html))).isEqualTo(FailureReason.NOT_AN_IMAGE);
    assertThat(rejection(intake.read(big))).isEqualTo(FailureReason.TOO_LARGE);
    assertThat(rejection(intake.read(dir.resolve("missing.jpg"))))
        .isEqualTo(FailureReason.UNREADABLE_FILE);
    assertThat(rejection(intake.read(dir))).isEqualTo(FailureReason.UNREADABLE_FILE);
  }
}
