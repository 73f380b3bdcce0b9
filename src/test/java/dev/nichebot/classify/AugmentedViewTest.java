package dev.nichebot.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AugmentedViewTest {

  private static BufferedImage marked() {
    BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
    img.setRGB(0, 0, 0xFF0000); // red in the top-left corner
    return img;
  }

  @Test
  void aQuarterTurnClockwiseMovesTopLeftToTopRight() {
    BufferedImage out = new AugmentedView(false, 1, null, 0, 1, 1).apply(marked());
    assertThat(out.getRGB(7, 0) & 0xFFFFFF).isEqualTo(0xFF0000);
    assertThat(out.getRGB(0, 0) & 0xFFFFFF).isEqualTo(0);
  }

  @Test
  void aFlipMovesTopLeftToTopRightAndAHalfTurnToBottomRight() {
    assertThat(new AugmentedView(true, 0, null, 0, 1, 1).apply(marked()).getRGB(7, 0) & 0xFFFFFF)
        .isEqualTo(0xFF0000);
    assertThat(new AugmentedView(false, 2, null, 0, 1, 1).apply(marked()).getRGB(7, 7) & 0xFFFFFF)
        .isEqualTo(0xFF0000);
  }

  @Test
  void colourJitterChangesPixelsWithinRange() {
    BufferedImage grey = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
    grey.setRGB(1, 1, 0x808080);
    BufferedImage out = new AugmentedView(false, 0, null, 0.1, 1, 1).apply(grey);
    int v = out.getRGB(1, 1) & 0xFF;
    assertThat(v).isEqualTo(Math.round((128 / 255.0 + 0.1) * 255));
  }

  @Test
  void viewsAreReproducibleFromTheSeedAndStartWithTheOriginal() {
    List<AugmentedView> a = AugmentedView.views(6, true, new Random(5));
    List<AugmentedView> b = AugmentedView.views(6, true, new Random(5));
    assertThat(a).isEqualTo(b).hasSize(6);
    assertThat(a.get(0).isOriginal()).isTrue();
    assertThat(a.stream().map(AugmentedView::key).distinct().count()).isEqualTo(6);
    // The seven non-identity flips/rotations come before any repeats.
    List<AugmentedView> eight = AugmentedView.views(8, true, new Random(5));
    assertThat(eight.stream().skip(1).map(v -> v.flip() + "/" + v.rotations()).distinct().count())
        .isEqualTo(7);
  }

  @Test
  void withoutRotationsViewsAreOnlyFlippedCroppedAndJittered() {
    List<AugmentedView> views = AugmentedView.views(8, false, new Random(5));
    assertThat(views).hasSize(8);
    assertThat(views).allSatisfy(v -> assertThat(v.rotations()).isZero());
    assertThat(views.stream().skip(1).map(AugmentedView::flip).distinct()).contains(true, false);
    assertThat(views.stream().skip(1)).allSatisfy(v -> assertThat(v.crop()).isNotNull());
    assertThat(views.stream().map(AugmentedView::key).distinct().count()).isEqualTo(8);
  }
}
