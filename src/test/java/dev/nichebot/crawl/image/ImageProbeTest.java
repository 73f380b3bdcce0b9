package dev.nichebot.crawl.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nichebot.crawl.FailureReason;
import dev.nichebot.crawl.testing.TestImages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageProbeTest {
  private final ImageProbe probe = new ImageProbe(ImageLimits.defaults());
  private final java.awt.image.BufferedImage scene = TestImages.scene(300, 200, 7);

  @Test
  void recognisesEachFormatByItsBytesAndReadsTheSize() throws Exception {
    assertThat(probe.probe(TestImages.jpeg(scene)))
        .isEqualTo(new ImageInfo(ImageFormat.JPEG, 300, 200));
    assertThat(probe.probe(TestImages.png(scene)))
        .isEqualTo(new ImageInfo(ImageFormat.PNG, 300, 200));
    assertThat(probe.probe(TestImages.gif(scene)))
        .isEqualTo(new ImageInfo(ImageFormat.GIF, 300, 200));
    assertThat(probe.probe(TestImages.resource("/images/tiny-lossy.webp")))
        .isEqualTo(new ImageInfo(ImageFormat.WEBP, 96, 64));
    assertThat(probe.probe(TestImages.resource("/images/tiny-lossless.webp")))
        .isEqualTo(new ImageInfo(ImageFormat.WEBP, 96, 64));
  }

  @ParameterizedTest
  @ValueSource(strings = {"jpeg", "png", "gif", "webp-lossy", "webp-lossless"})
  void decodesEveryAcceptedFormat(String kind) throws Exception {
    byte[] data =
        switch (kind) {
          case "jpeg" -> TestImages.jpeg(scene);
          case "png" -> TestImages.png(scene);
          case "gif" -> TestImages.gif(scene);
          default -> TestImages.resource("/images/tiny-" + kind.substring(5) + ".webp");
        };

    DecodedImage decoded = probe.decode(data);

    assertThat(decoded.pixels().getWidth()).isEqualTo(decoded.info().width());
    assertThat(decoded.pixels().getHeight()).isEqualTo(decoded.info().height());
    assertThat(decoded.subsampling()).isEqualTo(1);
  }

  @Test
  void theWebpPixelsAreThePictureDrawn() throws Exception {
    var pixels = probe.decode(TestImages.resource("/images/tiny-lossless.webp")).pixels();
    // A white circle at (30,30) and a green rectangle at (60..90, 10..50), on orange to navy.
    assertThat(pixels.getRGB(30, 30) & 0xffffff).isEqualTo(0xffffff);
    assertThat(pixels.getRGB(75, 30) & 0xffffff).isEqualTo(0x008000);
  }

  @Test
  void anAnimatedGifIsDecodedToItsFirstFrame() throws Exception {
    byte[] gif = TestImages.animatedGif(solid(80, 60, 0xff0000), solid(80, 60, 0x0000ff));

    DecodedImage decoded = probe.decode(gif);

    assertThat(decoded.info()).isEqualTo(new ImageInfo(ImageFormat.GIF, 80, 60));
    assertThat(decoded.pixels().getRGB(40, 30) & 0xffffff).isEqualTo(0xff0000);
  }

  private static java.awt.image.BufferedImage solid(int w, int h, int rgb) {
    var image = new java.awt.image.BufferedImage(w, h, java.awt.image.BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        image.setRGB(x, y, rgb);
      }
    }
    return image;
  }

  @Test
  void bigImagesAreDecodedSubsampledButProbedAtFullSize() throws Exception {
    byte[] data = TestImages.jpeg(TestImages.scene(2000, 1500, 3));

    DecodedImage decoded = probe.decode(data);

    assertThat(decoded.info()).isEqualTo(new ImageInfo(ImageFormat.JPEG, 2000, 1500));
    assertThat(decoded.subsampling()).isEqualTo(5);
    assertThat(decoded.pixels().getHeight()).isBetween(256, 511);
  }

  @Test
  void htmlServedAsAnImageIsNotAnImage() {
    byte[] html =
        "<!DOCTYPE html><html><head><title>404</title></head><body>gone</body></html>"
            .getBytes(StandardCharsets.UTF_8);

    assertRejected(() -> probe.decode(html), FailureReason.NOT_AN_IMAGE);
    assertRejected(() -> probe.probe(html), FailureReason.NOT_AN_IMAGE);
    assertRejected(
        () -> probe.decode("{\"error\":\"rate limited\"}".getBytes(StandardCharsets.UTF_8)),
        FailureReason.NOT_AN_IMAGE);
  }

  @Test
  void zeroBytesAreEmpty() {
    assertRejected(() -> probe.decode(new byte[0]), FailureReason.EMPTY);
  }

  @Test
  void otherImageFormatsAreUnsupported() {
    byte[] bmp = TestImages.encode(scene, "bmp");
    byte[] tiff = TestImages.encode(scene, "tiff");
    byte[] svg =
        "<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"/>"
            .getBytes(StandardCharsets.UTF_8);

    assertRejected(() -> probe.decode(bmp), FailureReason.UNSUPPORTED_FORMAT);
    assertRejected(() -> probe.decode(tiff), FailureReason.UNSUPPORTED_FORMAT);
    assertRejected(() -> probe.decode(svg), FailureReason.UNSUPPORTED_FORMAT);
  }

  @ParameterizedTest
  @ValueSource(strings = {"jpeg", "png", "gif", "webp-lossy", "webp-lossless"})
  void truncatedFilesAreRefused(String kind) {
    byte[] whole =
        switch (kind) {
          case "jpeg" -> TestImages.jpeg(scene);
          case "png" -> TestImages.png(scene);
          case "gif" -> TestImages.gif(scene);
          default -> TestImages.resource("/images/tiny-" + kind.substring(5) + ".webp");
        };
    for (double keep : new double[] {0.95, 0.6, 0.3}) {
      byte[] cut = Arrays.copyOf(whole, (int) (whole.length * keep));
      assertRejected(() -> probe.decode(cut), FailureReason.TRUNCATED);
    }
  }

  @Test
  void garbageAfterAnImageSignatureIsCorrupt() {
    byte[] data = new byte[2000];
    new java.util.Random(1).nextBytes(data);
    data[0] = (byte) 0xFF;
    data[1] = (byte) 0xD8;
    data[2] = (byte) 0xFF;
    data[3] = (byte) 0xDB;

    assertThatThrownBy(() -> probe.decode(data))
        .isInstanceOf(ImageRejectedException.class)
        .extracting(e -> ((ImageRejectedException) e).reason())
        .isIn(FailureReason.CORRUPT, FailureReason.TRUNCATED);
  }

  @Test
  void aDecompressionBombIsRefusedFromItsHeader() throws IOException {
    // A valid 30000 x 30000 black-and-white PNG: 900 megapixels in about 110 kB.
    byte[] bomb = TestImages.bombPng(30_000, 30_000);
    assertThat(bomb.length).isLessThan(200_000);

    assertRejected(() -> probe.probe(bomb), FailureReason.TOO_MANY_PIXELS);
    assertRejected(() -> probe.decode(bomb), FailureReason.TOO_MANY_PIXELS);
  }

  @Test
  void theSizeCheckComesBeforeAnyPixelIsRead() {
    // A JPEG whose header claims 30000 x 30000 over the scan data of a 300 x 200 picture,
    // overwritten with garbage: had the decoder run, it would have complained about the data.
    byte[] jpeg = TestImages.jpeg(scene);
    int sof = indexOfMarker(jpeg, 0xC0);
    jpeg[sof + 5] = (byte) (30_000 >> 8);
    jpeg[sof + 6] = (byte) (30_000 & 0xff);
    jpeg[sof + 7] = (byte) (30_000 >> 8);
    jpeg[sof + 8] = (byte) (30_000 & 0xff);
    int sos = indexOfMarker(jpeg, 0xDA);
    int scanStart = sos + 2 + (((jpeg[sos + 2] & 0xff) << 8) | (jpeg[sos + 3] & 0xff));
    Arrays.fill(jpeg, scanStart, jpeg.length - 2, (byte) 0x5A);

    assertRejected(() -> probe.decode(jpeg), FailureReason.TOO_MANY_PIXELS);
  }

  @Test
  void theLimitIsConfigurable() throws Exception {
    ImageProbe strict = new ImageProbe(ImageLimits.ofMaxPixels(300 * 200 - 1));
    byte[] png = TestImages.png(scene);

    assertRejected(() -> strict.decode(png), FailureReason.TOO_MANY_PIXELS);
    assertThat(new ImageProbe(ImageLimits.ofMaxPixels(300 * 200)).decode(png).info().pixels())
        .isEqualTo(60_000);
  }

  private static int indexOfMarker(byte[] jpeg, int marker) {
    for (int i = 2; i < jpeg.length - 1; i++) {
      if ((jpeg[i] & 0xff) == 0xFF && (jpeg[i + 1] & 0xff) == marker) {
        return i;
      }
    }
    throw new IllegalStateException("no marker " + Integer.toHexString(marker));
  }

  private static void assertRejected(ThrowingCallable call, FailureReason reason) {
    assertThatThrownBy(call)
        .isInstanceOf(ImageRejectedException.class)
        .extracting(e -> ((ImageRejectedException) e).reason())
        .isEqualTo(reason);
  }
}
