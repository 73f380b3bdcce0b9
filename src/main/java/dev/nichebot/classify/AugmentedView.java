package dev.nichebot.classify;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * One augmented view of a training image: as the seed did, a horizontal flip and a rotation by a
 * multiple of 90 degrees, plus a random crop and colour jitter. A view is a value: its {@link
 * #key()} names it in the embedding cache, so a rerun with the same seed reuses every embedding.
 *
 * @param rotations quarter turns clockwise (0..3)
 * @param crop fractions {x, y, width, height} of the image kept, or {@code null} for all of it
 * @param brightness added to every channel, in units of full scale (0 = unchanged)
 * @param contrast multiplier around mid-grey (1 = unchanged)
 * @param saturation multiplier of the distance from grey (1 = unchanged)
 */
public record AugmentedView(
    boolean flip,
    int rotations,
    double[] crop,
    double brightness,
    double contrast,
    double saturation) {

  public static final AugmentedView ORIGINAL = new AugmentedView(false, 0, null, 0, 1, 1);

  public AugmentedView {
    if (rotations < 0 || rotations > 3) {
      throw new IllegalArgumentException("rotations must be 0..3");
    }
    crop = crop == null ? null : crop.clone();
  }

  /**
   * The views of one signal image: the original, then {@code count - 1} random ones, each with a
   * random crop and colour jitter.
   *
   * @param rotations false: the views are flipped or not, never turned (for upright pictures, where
   *     a turned one shows what the niche never does); true: as the seed did, each of the eight
   *     flip/rotation combinations other than the original comes once before any repeats
   */
  public static List<AugmentedView> views(int count, boolean rotations, Random random) {
    List<AugmentedView> views = new ArrayList<>();
    views.add(ORIGINAL);
    // 0..3: quarter turns; 4..7: the same, flipped.
    List<Integer> dihedral =
        new ArrayList<>(rotations ? List.of(1, 2, 3, 4, 5, 6, 7) : List.of(4, 0));
    java.util.Collections.shuffle(dihedral, random);
    for (int i = 1; i < count; i++) {
      int d = dihedral.get((i - 1) % dihedral.size());
      double side = 0.8 + 0.2 * random.nextDouble();
      double x = (1 - side) * random.nextDouble();
      double y = (1 - side) * random.nextDouble();
      views.add(
          new AugmentedView(
              d >= 4,
              d % 4,
              new double[] {round(x), round(y), round(side), round(side)},
              round((random.nextDouble() - 0.5) * 0.2),
              round(0.8 + 0.4 * random.nextDouble()),
              round(0.8 + 0.4 * random.nextDouble())));
    }
    return views;
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }

  public boolean isOriginal() {
    return equals(ORIGINAL);
  }

  /** A stable name for the cache. */
  public String key() {
    if (isOriginal()) {
      return "orig";
    }
    return String.format(
        Locale.ROOT,
        "f%d-r%d-c%s-b%.3f-k%.3f-s%.3f",
        flip ? 1 : 0,
        rotations,
        crop == null
            ? "all"
            : String.format(Locale.ROOT, "%.3f,%.3f,%.3f,%.3f", crop[0], crop[1], crop[2], crop[3]),
        brightness,
        contrast,
        saturation);
  }

  /** Applies the view to an RGB image, returning a new image of the same size. */
  public BufferedImage apply(BufferedImage src) {
    if (isOriginal()) {
      return src;
    }
    int w = src.getWidth();
    int h = src.getHeight();
    BufferedImage img = src;
    if (crop != null) {
      int cx = (int) Math.round(crop[0] * w);
      int cy = (int) Math.round(crop[1] * h);
      int cw = Math.max(1, Math.min(w - cx, (int) Math.round(crop[2] * w)));
      int ch = Math.max(1, Math.min(h - cy, (int) Math.round(crop[3] * h)));
      img = ImagePreprocessor.resize(copy(img).getSubimage(cx, cy, cw, ch), w, h);
    } else {
      img = copy(img);
    }
    int[] in = ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
    int[] out = new int[in.length];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int sx = flip ? w - 1 - x : x;
        int[] rotated = rotate(sx, y, w, h);
        out[y * w + x] = jitter(in[rotated[1] * w + rotated[0]]);
      }
    }
    BufferedImage result = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    System.arraycopy(
        out, 0, ((DataBufferInt) result.getRaster().getDataBuffer()).getData(), 0, out.length);
    return result;
  }

  /** Where output pixel (x, y) comes from after {@code rotations} clockwise quarter turns. */
  private int[] rotate(int x, int y, int w, int h) {
    return switch (rotations) {
      case 1 -> new int[] {y * w / h, (w - 1 - x) * h / w};
      case 2 -> new int[] {w - 1 - x, h - 1 - y};
      case 3 -> new int[] {(h - 1 - y) * w / h, x * h / w};
      default -> new int[] {x, y};
    };
  }

  private int jitter(int rgb) {
    if (brightness == 0 && contrast == 1 && saturation == 1) {
      return rgb;
    }
    double r = ((rgb >> 16) & 0xFF) / 255.0;
    double g = ((rgb >> 8) & 0xFF) / 255.0;
    double b = (rgb & 0xFF) / 255.0;
    double grey = 0.299 * r + 0.587 * g + 0.114 * b;
    r = grey + (r - grey) * saturation;
    g = grey + (g - grey) * saturation;
    b = grey + (b - grey) * saturation;
    r = (r - 0.5) * contrast + 0.5 + brightness;
    g = (g - 0.5) * contrast + 0.5 + brightness;
    b = (b - 0.5) * contrast + 0.5 + brightness;
    return (clamp(r) << 16) | (clamp(g) << 8) | clamp(b);
  }

  private static int clamp(double v) {
    return (int) Math.round(Math.max(0, Math.min(1, v)) * 255);
  }

  private static BufferedImage copy(BufferedImage src) {
    BufferedImage dst =
        new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_INT_RGB);
    dst.getGraphics().drawImage(src, 0, 0, null);
    return dst;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AugmentedView v
        && flip == v.flip
        && rotations == v.rotations
        && java.util.Arrays.equals(crop, v.crop)
        && brightness == v.brightness
        && contrast == v.contrast
        && saturation == v.saturation;
  }

  @Override
  public int hashCode() {
    return key().hashCode();
  }

  @Override
  public String toString() {
    return "AugmentedView[" + key() + "]";
  }
}
