package dev.nichebot.crawl.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nichebot.testing.ProjectFiles;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ThumbnailTest {
  private static final Path SAMPLES = ProjectFiles.of("samples/fashion-sleeves");

  @Test
  void theShippedDuplicatesAreOnePictureAndDistinctGarmentsAlmostNeverAre() throws IOException {
    Map<String, String> duplicateOf = new LinkedHashMap<>();
    List<String> originals = new ArrayList<>();
    for (String line : Files.readAllLines(SAMPLES.resolve("labels.csv")).subList(1, 273)) {
      String[] f = line.split(",", -1);
      if (f[3].isEmpty()) {
        originals.add(f[0]);
      } else {
        duplicateOf.put(f[0], f[3]);
      }
    }
    assertThat(duplicateOf).hasSize(32);
    Map<String, Thumbnail> prints = new LinkedHashMap<>();
    for (String file : Files.readAllLines(SAMPLES.resolve("labels.csv")).subList(1, 273)) {
      String name = file.substring(0, file.indexOf(','));
      prints.put(name, Thumbnail.of(ImageIO.read(SAMPLES.resolve(name).toFile())));
    }

    for (var e : duplicateOf.entrySet()) {
      assertThat(prints.get(e.getKey()).similarity(prints.get(e.getValue())))
          .as("%s is %s", e.getKey(), e.getValue())
          .isGreaterThanOrEqualTo(Thumbnail.DEFAULT_MIN_SIMILARITY);
    }
    int confused = 0;
    for (int i = 0; i < originals.size(); i++) {
      for (int j = i + 1; j < originals.size(); j++) {
        if (prints.get(originals.get(i)).similarity(prints.get(originals.get(j)))
            >= Thumbnail.DEFAULT_MIN_SIMILARITY) {
          confused++;
        }
      }
    }
    // 28,680 pairs of distinct originals; the perceptual hash alone puts 50 of them within 8 bits.
    assertThat(confused).isLessThanOrEqualTo(3);
  }

  @Test
  void brightnessSizeAndMirroringDoNotMatterButTheShapeDoes() {
    BufferedImage shape = drawing(400, 300, 40, false);
    assertThat(Thumbnail.of(shape).similarity(Thumbnail.of(drawing(80, 60, 40, false))))
        .isGreaterThan(0.99);
    assertThat(Thumbnail.of(shape).similarity(Thumbnail.of(drawing(400, 300, 120, false))))
        .isGreaterThan(0.99);
    assertThat(Thumbnail.of(shape).similarity(Thumbnail.of(drawing(400, 300, 40, true))))
        .isGreaterThan(0.99);
    BufferedImage other = new BufferedImage(400, 300, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = other.createGraphics();
    g.setColor(Color.WHITE);
    g.fillOval(150, 50, 100, 200);
    g.dispose();
    assertThat(Thumbnail.of(shape).similarity(Thumbnail.of(other))).isLessThan(0.9);
  }

  @Test
  void flatImagesAreAlikeOnlyToFlatImages() {
    BufferedImage grey = new BufferedImage(50, 50, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = grey.createGraphics();
    g.setColor(Color.GRAY);
    g.fillRect(0, 0, 50, 50);
    g.dispose();
    assertThat(Thumbnail.of(grey).similarity(Thumbnail.of(new BufferedImage(9, 9, 1))))
        .isEqualTo(1.0);
    assertThat(Thumbnail.of(grey).similarity(Thumbnail.of(drawing(50, 50, 0, false))))
        .isEqualTo(0.0);
  }

  /** A bright L-shape on a background of the given grey, optionally mirrored left to right. */
  private static BufferedImage drawing(int w, int h, int background, boolean mirror) {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(new Color(background, background, background));
    g.fillRect(0, 0, w, h);
    g.setColor(new Color(230, 200, 90));
    int x = mirror ? w - w / 5 - w / 10 : w / 5;
    g.fillRect(x, h / 6, w / 10, h * 2 / 3);
    int bar = mirror ? w - w / 5 - w / 2 : w / 5;
    g.fillRect(bar, h * 2 / 3, w / 2, h / 8);
    g.dispose();
    return img;
  }
}
