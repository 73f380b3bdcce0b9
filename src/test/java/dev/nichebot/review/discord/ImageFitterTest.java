package dev.nichebot.review.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ImageFitterTest {

  @Test
  void anImageThatFitsIsSentUnchanged() throws Exception {
    byte[] png = TestImages.gradient(300, 200, "png");

    ImageFitter.Fitted fitted = new ImageFitter(8L << 20, 2048).fit(png);

    assertThat(fitted.reencoded()).isFalse();
    assertThat(fitted.bytes()).isEqualTo(png);
    assertThat(fitted.extension()).isEqualTo("png");
    assertThat(fitted.width()).isEqualTo(300);
    assertThat(fitted.height()).isEqualTo(200);
  }

  @Test
  void aJpegKeepsItsFormatAndExtension() throws Exception {
    ImageFitter.Fitted fitted =
        new ImageFitter(8L << 20, 2048).fit(TestImages.gradient(100, 100, "jpg"));

    assertThat(fitted.extension()).isEqualTo("jpg");
    assertThat(fitted.reencoded()).isFalse();
  }

  @Test
  void anImageWiderThanTheMaximumIsScaledToIt() throws Exception {
    ImageFitter.Fitted fitted =
        new ImageFitter(8L << 20, 512).fit(TestImages.gradient(2000, 1000, "png"));

    BufferedImage result = TestImages.decode(fitted.bytes());
    assertThat(fitted.reencoded()).isTrue();
    assertThat(result.getWidth()).isEqualTo(512);
    assertThat(result.getHeight()).isEqualTo(256);
    assertThat(fitted.width()).isEqualTo(512);
  }

  @Test
  void aFileOverTheUploadLimitIsReencodedBelowIt() throws Exception {
    byte[] noisy = TestImages.noise(600, 600, false); // about 1 MB of PNG
    long limit = 200 * 1024;
    assertThat(noisy.length).isGreaterThan((int) limit);

    ImageFitter.Fitted fitted = new ImageFitter(limit, 2048).fit(noisy);

    assertThat(fitted.bytes().length).isLessThanOrEqualTo((int) limit);
    assertThat(fitted.extension()).isEqualTo("jpg");
    assertThat(TestImages.decode(fitted.bytes()).getWidth()).isGreaterThanOrEqualTo(64);
  }

  @Test
  void transparencyIsKeptAsPngWhenThatFits() throws Exception {
    byte[] translucent = TestImages.noise(300, 100, true);

    ImageFitter.Fitted fitted = new ImageFitter(8L << 20, 150).fit(translucent);

    assertThat(fitted.extension()).isEqualTo("png");
    assertThat(TestImages.decode(fitted.bytes()).getColorModel().hasAlpha()).isTrue();
    assertThat(fitted.width()).isEqualTo(150);
  }

  @Test
  void bytesThatAreNoImageAreRefusedClearly() {
    ImageFitter fitter = new ImageFitter(8L << 20, 2048);
    byte[] html = "<html><body>not found</body></html>".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> fitter.fit(html))
        .isInstanceOf(ImageFitter.UnreadableImageException.class)
        .hasMessageContaining("not an image");
  }

  @Test
  void aTruncatedImageIsRefused() {
    byte[] png = TestImages.gradient(300, 200, "png");
    byte[] truncated = java.util.Arrays.copyOf(png, 60);

    assertThatThrownBy(() -> new ImageFitter(8L << 20, 2048).fit(truncated))
        .isInstanceOf(ImageFitter.UnreadableImageException.class);
  }
}
