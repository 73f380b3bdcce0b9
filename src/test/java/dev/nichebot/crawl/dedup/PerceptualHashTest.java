package dev.nichebot.crawl.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nichebot.app.bench.ImageTransforms;
import dev.nichebot.app.bench.SceneRenderer;
import dev.nichebot.crawl.image.ImageLimits;
import dev.nichebot.crawl.image.ImageProbe;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Robustness on generated pictures (the photographs are measured by {@code bench dedup}): every
 * edit a repost goes through stays within the default threshold, and unrelated pictures do not.
 */
class PerceptualHashTest {
  private static final int PICTURES = 16;
  private static final int D = PerceptualHash.DEFAULT_DUPLICATE_DISTANCE;
  private static final ImageProbe PROBE = new ImageProbe(ImageLimits.defaults());
  private static final List<BufferedImage> originals = new ArrayList<>();
  private static final List<PerceptualHash> hashes = new ArrayList<>();

  enum Edit {
    RESIZE_50(img -> ImageTransforms.resize(img, 0.5), 0.9f),
    RESIZE_25(img -> ImageTransforms.resize(img, 0.25), 0.9f),
    JPEG_QUALITY_60(img -> img, 0.6f),
    BRIGHTER_10(img -> ImageTransforms.brighten(img, 1.1), 0.9f),
    MIRRORED(ImageTransforms::mirror, 0.9f),
    CROPPED_5_PERCENT(img -> ImageTransforms.cropCentered(img, 0.05), 0.9f);

    final UnaryOperator<BufferedImage> apply;
    final float quality;

    Edit(UnaryOperator<BufferedImage> apply, float quality) {
      this.apply = apply;
      this.quality = quality;
    }
  }

  @BeforeAll
  static void hashOriginals() throws Exception {
    for (int i = 0; i < PICTURES; i++) {
      BufferedImage image = SceneRenderer.render(800, 600, 1000 + i);
      originals.add(image);
      hashes.add(hashAsCrawled(image, 0.92f));
    }
  }

  /** Saved as JPEG, then decoded and hashed the way the crawler does it. */
  private static PerceptualHash hashAsCrawled(BufferedImage image, float quality) throws Exception {
    return PerceptualHash.of(PROBE.decode(ImageTransforms.jpeg(image, quality)).pixels());
  }

  @ParameterizedTest
  @EnumSource(Edit.class)
  void anEditedCopyIsWithinTheThreshold(Edit edit) throws Exception {
    for (int i = 0; i < PICTURES; i++) {
      PerceptualHash copy = hashAsCrawled(edit.apply.apply(originals.get(i)), edit.quality);
      assertThat(copy.distanceTo(hashes.get(i).hash()))
          .as("picture %d, %s", i, edit)
          .isLessThanOrEqualTo(D);
    }
  }

  @Test
  void unrelatedPicturesAreFarApart() {
    for (int j = 0; j < PICTURES; j++) {
      for (int i = 0; i < j; i++) {
        assertThat(hashes.get(j).distanceTo(hashes.get(i).hash()))
            .as("pictures %d and %d", i, j)
            .isGreaterThan(D);
      }
    }
  }

  @Test
  void aMirrorIsCaughtOnlyThroughTheMirroredHash() throws Exception {
    BufferedImage image = originals.get(0);
    PerceptualHash original = hashes.get(0);
    PerceptualHash mirror = hashAsCrawled(ImageTransforms.mirror(image), 0.92f);

    assertThat(PerceptualHash.distance(mirror.hash(), original.hash())).isGreaterThan(D);
    assertThat(PerceptualHash.distance(mirror.mirrored(), original.hash())).isLessThanOrEqualTo(2);
    assertThat(PerceptualHash.distance(original.mirrored(), mirror.hash())).isLessThanOrEqualTo(2);
  }

  @Test
  void theMirroredHashIsTheHashOfTheMirroredPixels() {
    // Exact pixels, no JPEG in between: the DCT identity gives the same bits.
    BufferedImage image = originals.get(3);
    PerceptualHash direct = PerceptualHash.of(image);
    PerceptualHash ofMirror = PerceptualHash.of(ImageTransforms.mirror(image));

    assertThat(ofMirror.hash()).isEqualTo(direct.mirrored());
    assertThat(ofMirror.mirrored()).isEqualTo(direct.hash());
  }

  @Test
  void theSamePixelsInAnyImageTypeGiveTheSameHash() {
    BufferedImage rgb = originals.get(5);
    BufferedImage bgr = new BufferedImage(800, 600, BufferedImage.TYPE_3BYTE_BGR);
    bgr.getGraphics().drawImage(rgb, 0, 0, null);

    assertThat(PerceptualHash.of(bgr)).isEqualTo(PerceptualHash.of(rgb));
  }

  @Test
  void tinyAndOddlyShapedImagesCanBeHashed() {
    BufferedImage tiny = SceneRenderer.render(12, 9, 3);
    BufferedImage strip = SceneRenderer.render(2000, 40, 4);

    PerceptualHash a = PerceptualHash.of(tiny);
    PerceptualHash b = PerceptualHash.of(strip);

    assertThat(a.hash()).isNotEqualTo(b.hash());
    assertThat(Long.bitCount(b.hash())).isBetween(16, 48); // median split: about half the bits
  }

  @Test
  void hexRoundTrips() {
    long h = hashes.get(2).hash();
    assertThat(PerceptualHash.fromHex(PerceptualHash.toHex(h))).isEqualTo(h);
    assertThat(PerceptualHash.toHex(-1L)).isEqualTo("ffffffffffffffff");
  }
}
