package dev.nichebot.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Decoding, resizing and normalising, against tensors worked out from the pixels. */
class ImagePreprocessorTest {
  private static final InputSpec IMAGENET =
      new InputSpec(
          224,
          224,
          1f / 255f,
          new float[] {0.485f, 0.456f, 0.406f},
          new float[] {0.229f, 0.224f, 0.225f});

  @Test
  void downscaledBlocksGiveTheReferenceTensor() throws Exception {
    // 448x448 made of 2x2 blocks of one colour: any correct 2x downscale keeps each block's colour,
    // so the reference tensor is ((colour / 255) - mean) / std per channel, laid out CHW, RGB.
    Random random = new Random(1);
    int[][] colours = new int[224][224];
    BufferedImage big = new BufferedImage(448, 448, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 224; y++) {
      for (int x = 0; x < 224; x++) {
        colours[y][x] = random.nextInt(0x1000000);
        for (int dy = 0; dy < 2; dy++) {
          for (int dx = 0; dx < 2; dx++) {
            big.setRGB(2 * x + dx, 2 * y + dy, colours[y][x]);
          }
        }
      }
    }
    float[] tensor = new float[IMAGENET.floatsPerImage()];
    new ImagePreprocessor(IMAGENET).prepare(png(big), tensor, 0);
    float[] mean = IMAGENET.mean();
    float[] std = IMAGENET.std();
    int plane = 224 * 224;
    double worst = 0;
    for (int y = 0; y < 224; y++) {
      for (int x = 0; x < 224; x++) {
        for (int c = 0; c < 3; c++) {
          int v = (colours[y][x] >> (16 - 8 * c)) & 0xFF;
          double want = (v / 255.0 - mean[c]) / std[c];
          worst = Math.max(worst, Math.abs(tensor[c * plane + y * 224 + x] - want));
        }
      }
    }
    // Java2D's bilinear filter works in 8-bit fixed point: at most one grey level off.
    assertThat(worst).isLessThanOrEqualTo(1.01 / 255 / 0.224);
  }

  @Test
  void anImageOfTheInputSizeIsOnlyScaled() throws Exception {
    byte[] png = Files.readAllBytes(TestModels.reference().resolve("scene.png"));
    BufferedImage img = ImageIO.read(new java.io.ByteArrayInputStream(png));
    InputSpec spec = InputSpec.mobileNet224();
    float[] tensor = new float[spec.floatsPerImage()];
    new ImagePreprocessor(spec).prepare(png, tensor, 0);
    int plane = 224 * 224;
    for (int y = 0; y < 224; y += 7) {
      for (int x = 0; x < 224; x += 5) {
        int rgb = img.getRGB(x, y);
        assertThat(tensor[y * 224 + x]).isCloseTo(((rgb >> 16) & 0xFF) / 255f, within(1e-6f));
        assertThat(tensor[plane + y * 224 + x])
            .isCloseTo(((rgb >> 8) & 0xFF) / 255f, within(1e-6f));
        assertThat(tensor[2 * plane + y * 224 + x]).isCloseTo((rgb & 0xFF) / 255f, within(1e-6f));
      }
    }
  }

  @Test
  void greyAndTransparentImagesBecomeRgbOverWhite() throws Exception {
    BufferedImage grey = new BufferedImage(224, 224, BufferedImage.TYPE_BYTE_GRAY);
    grey.getRaster().setSample(10, 20, 0, 100);
    float[] t = new float[InputSpec.mobileNet224().floatsPerImage()];
    ImagePreprocessor pre = new ImagePreprocessor(InputSpec.mobileNet224());
    pre.prepare(png(grey), t, 0);
    int plane = 224 * 224;
    int at = 20 * 224 + 10;
    assertThat(t[at]).isEqualTo(t[plane + at]).isEqualTo(t[2 * plane + at]);
    assertThat(t[at]).isCloseTo(100 / 255f, within(2 / 255f));

    BufferedImage clear = new BufferedImage(224, 224, BufferedImage.TYPE_INT_ARGB);
    pre.prepare(png(clear), t, 0);
    assertThat(t[0]).isEqualTo(1f);
    assertThat(t[plane]).isEqualTo(1f);
  }

  @Test
  void theTensorGoesAtTheGivenOffset() throws Exception {
    BufferedImage img = new BufferedImage(50, 40, BufferedImage.TYPE_INT_RGB);
    img.setRGB(0, 0, 0xFFFFFF);
    int per = InputSpec.mobileNet224().floatsPerImage();
    float[] batch = new float[2 * per];
    Arrays.fill(batch, -7f);
    new ImagePreprocessor(InputSpec.mobileNet224()).prepare(png(img), batch, per);
    assertThat(batch[per - 1]).isEqualTo(-7f);
    assertThat(batch[per]).isBetween(0f, 1f);
  }

  @Test
  void brokenInputGetsAReason() throws Exception {
    ImagePreprocessor pre = new ImagePreprocessor(InputSpec.mobileNet224());
    float[] t = new float[InputSpec.mobileNet224().floatsPerImage()];
    assertThatThrownBy(() -> pre.prepare("hello, not an image".getBytes(), t, 0))
        .isInstanceOf(ImageDecodeException.class)
        .hasMessageContaining("not an image in a supported format");
    assertThatThrownBy(() -> pre.prepare(new byte[0], t, 0)).hasMessageContaining("empty file");
    byte[] png = png(new BufferedImage(300, 300, BufferedImage.TYPE_INT_RGB));
    assertThatThrownBy(() -> pre.prepare(Arrays.copyOf(png, png.length / 2), t, 0))
        .isInstanceOf(ImageDecodeException.class)
        .hasMessageContaining("corrupt or truncated");
  }

  @Test
  void aDecompressionBombIsRefusedBeforeDecoding() {
    // A PNG header claiming 50000 x 50000 pixels (2.5 gigapixels), with no pixel data.
    byte[] bomb = pngHeader(50_000, 50_000);
    float[] t = new float[InputSpec.mobileNet224().floatsPerImage()];
    assertThatThrownBy(() -> new ImagePreprocessor(InputSpec.mobileNet224()).prepare(bomb, t, 0))
        .isInstanceOf(ImageDecodeException.class)
        .hasMessageContaining("50000x50000");
  }

  static byte[] png(BufferedImage img) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, "png", out);
    return out.toByteArray();
  }

  private static byte[] pngHeader(int w, int h) {
    ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(w).putInt(h).put((byte) 8).put((byte) 2);
    ihdr.put((byte) 0).put((byte) 0).put((byte) 0);
    byte[] type = "IHDR".getBytes();
    CRC32 crc = new CRC32();
    crc.update(type);
    crc.update(ihdr.array());
    ByteBuffer out = ByteBuffer.allocate(8 + 4 + 4 + 13 + 4);
    out.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    out.putInt(13).put(type).put(ihdr.array()).putInt((int) crc.getValue());
    return out.array();
  }
}
