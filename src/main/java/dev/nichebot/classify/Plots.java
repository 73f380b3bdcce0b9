package dev.nichebot.classify;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/** PNG charts drawn with Java2D: precision-recall curve, loss curves, score histograms. */
public final class Plots {
  private static final int W = 640;
  private static final int H = 420;
  private static final int LEFT = 64;
  private static final int RIGHT = 20;
  private static final int TOP = 40;
  private static final int BOTTOM = 52;
  static final Color SIGNAL = new Color(0xD6, 0x27, 0x28);
  static final Color NOISE = new Color(0x1F, 0x77, 0xB4);

  /** One line of a line chart. */
  public record Series(String name, double[] x, double[] y, Color colour) {}

  private Plots() {}

  /** Precision against recall, with the chosen operating point marked. */
  public static void precisionRecall(
      List<BinaryMetrics.Point> curve, BinaryMetrics chosen, String title, Path file)
      throws IOException {
    double[] r = new double[curve.size() + 1];
    double[] p = new double[curve.size() + 1];
    r[0] = 0;
    p[0] = curve.isEmpty() ? 1 : curve.get(0).precision();
    for (int i = 0; i < curve.size(); i++) {
      r[i + 1] = curve.get(i).recall();
      p[i + 1] = curve.get(i).precision();
    }
    Chart c = new Chart(title, "recall", "precision", 0, 1, 0, 1);
    c.legendBottomLeft = true;
    c.line(new Series("precision-recall", r, p, SIGNAL));
    if (chosen != null && !Double.isNaN(chosen.precision())) {
      c.marker(
          chosen.recall(),
          chosen.precision(),
          String.format(
              Locale.ROOT,
              "threshold %.3f: P %.2f R %.2f lift %.1fx",
              chosen.threshold(),
              chosen.precision(),
              chosen.recall(),
              chosen.lift()));
    }
    c.hline(
        chosen == null ? Double.NaN : chosen.baseRate(), "base rate (no classifier)", Color.GRAY);
    c.write(file);
  }

  /** Training and validation loss per epoch. */
  public static void losses(List<Double> train, List<Double> validation, int bestEpoch, Path file)
      throws IOException {
    double[] epochs = new double[train.size()];
    double max = 0;
    for (int i = 0; i < epochs.length; i++) {
      epochs[i] = i + 1;
      max = Math.max(max, Math.max(train.get(i), validation.get(i)));
    }
    Chart c =
        new Chart(
            "Loss (class-weighted cross-entropy)",
            "epoch",
            "loss",
            1,
            Math.max(2, epochs.length),
            0,
            max * 1.05);
    c.line(new Series("train", epochs, toArray(train), NOISE));
    c.line(new Series("validation", epochs, toArray(validation), SIGNAL));
    if (bestEpoch > 0) {
      c.vline(bestEpoch, "best epoch " + bestEpoch, Color.GRAY);
    }
    c.write(file);
  }

  /** Score distributions of signal and noise, each normalised to its own count. */
  public static void histograms(
      double[] scores, boolean[] signal, double threshold, String title, Path file)
      throws IOException {
    int bins = 40;
    double[] sig = new double[bins];
    double[] noi = new double[bins];
    int ns = 0;
    int nn = 0;
    for (int i = 0; i < scores.length; i++) {
      int b = Math.min(bins - 1, (int) (Math.max(0, Math.min(1, scores[i])) * bins));
      if (signal[i]) {
        sig[b]++;
        ns++;
      } else {
        noi[b]++;
        nn++;
      }
    }
    double max = 0;
    for (int b = 0; b < bins; b++) {
      sig[b] = ns == 0 ? 0 : sig[b] / ns;
      noi[b] = nn == 0 ? 0 : noi[b] / nn;
      max = Math.max(max, Math.max(sig[b], noi[b]));
    }
    Chart c = new Chart(title, "score", "share of the class", 0, 1, 0, max * 1.1);
    c.bars(
        noi,
        new Color(NOISE.getRed(), NOISE.getGreen(), NOISE.getBlue(), 140),
        "noise (" + nn + ")");
    c.bars(
        sig,
        new Color(SIGNAL.getRed(), SIGNAL.getGreen(), SIGNAL.getBlue(), 140),
        "signal (" + ns + ")");
    c.vline(threshold, String.format(Locale.ROOT, "threshold %.3f", threshold), Color.BLACK);
    c.write(file);
  }

  private static double[] toArray(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** A plot area with axes; data coordinates map linearly to pixels. */
  private static final class Chart {
    private final BufferedImage image = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
    private final Graphics2D g = image.createGraphics();
    private final double x0;
    private final double x1;
    private final double y0;
    private final double y1;
    private int legendRow;
    private boolean legendBottomLeft;

    Chart(String title, String xLabel, String yLabel, double x0, double x1, double y0, double y1) {
      this.x0 = x0;
      this.x1 = x1 > x0 ? x1 : x0 + 1;
      this.y0 = y0;
      this.y1 = y1 > y0 ? y1 : y0 + 1;
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, W, H);
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
      g.setColor(Color.BLACK);
      g.drawString(title, LEFT, 24);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
      g.setColor(new Color(0xEEEEEE));
      for (int i = 0; i <= 5; i++) {
        int px = px(this.x0 + (this.x1 - this.x0) * i / 5);
        int py = py(this.y0 + (this.y1 - this.y0) * i / 5);
        g.drawLine(px, TOP, px, H - BOTTOM);
        g.drawLine(LEFT, py, W - RIGHT, py);
      }
      g.setColor(Color.BLACK);
      g.drawRect(LEFT, TOP, W - LEFT - RIGHT, H - TOP - BOTTOM);
      FontMetrics fm = g.getFontMetrics();
      for (int i = 0; i <= 5; i++) {
        String xs = tick(this.x0 + (this.x1 - this.x0) * i / 5);
        String ys = tick(this.y0 + (this.y1 - this.y0) * i / 5);
        int px = px(this.x0 + (this.x1 - this.x0) * i / 5);
        int py = py(this.y0 + (this.y1 - this.y0) * i / 5);
        g.drawString(xs, px - fm.stringWidth(xs) / 2, H - BOTTOM + 16);
        g.drawString(ys, LEFT - 6 - fm.stringWidth(ys), py + 4);
      }
      g.drawString(xLabel, LEFT + (W - LEFT - RIGHT) / 2 - fm.stringWidth(xLabel) / 2, H - 14);
      Graphics2D rotated = (Graphics2D) g.create();
      rotated.rotate(-Math.PI / 2);
      rotated.drawString(yLabel, -(TOP + (H - TOP - BOTTOM) / 2 + fm.stringWidth(yLabel) / 2), 16);
      rotated.dispose();
    }

    private static String tick(double v) {
      if (Math.abs(v - Math.round(v)) < 1e-9) {
        return String.valueOf(Math.round(v));
      }
      return String.format(Locale.ROOT, Math.abs(v) < 0.1 ? "%.3f" : "%.2f", v);
    }

    int px(double x) {
      return LEFT + (int) Math.round((x - x0) / (x1 - x0) * (W - LEFT - RIGHT));
    }

    int py(double y) {
      return H - BOTTOM - (int) Math.round((y - y0) / (y1 - y0) * (H - TOP - BOTTOM));
    }

    void line(Series s) {
      g.setColor(s.colour());
      g.setStroke(new BasicStroke(2f));
      Path2D path = new Path2D.Double();
      for (int i = 0; i < s.x().length; i++) {
        if (i == 0) {
          path.moveTo(px(s.x()[i]), py(s.y()[i]));
        } else {
          path.lineTo(px(s.x()[i]), py(s.y()[i]));
        }
      }
      g.draw(path);
      legend(s.name(), s.colour());
    }

    void bars(double[] heights, Color colour, String name) {
      g.setColor(colour);
      int n = heights.length;
      for (int b = 0; b < n; b++) {
        int xa = px(x0 + (x1 - x0) * b / n);
        int xb = px(x0 + (x1 - x0) * (b + 1) / n);
        int yt = py(heights[b]);
        g.fillRect(xa, yt, Math.max(1, xb - xa - 1), py(y0) - yt);
      }
      legend(name, colour);
    }

    void marker(double x, double y, String label) {
      g.setColor(Color.BLACK);
      g.fillOval(px(x) - 5, py(y) - 5, 10, 10);
      int tx = Math.min(px(x) + 8, W - RIGHT - g.getFontMetrics().stringWidth(label) - 4);
      int ty = py(y) + 22 < H - BOTTOM - 40 ? py(y) + 22 : py(y) - 10;
      g.drawString(label, Math.max(LEFT + 4, tx - 120), ty);
    }

    void vline(double x, String label, Color colour) {
      if (Double.isNaN(x)) {
        return;
      }
      g.setColor(colour);
      g.setStroke(
          new BasicStroke(
              1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {5, 4}, 0));
      g.drawLine(px(x), TOP, px(x), H - BOTTOM);
      g.drawString(
          label,
          Math.min(px(x) + 4, W - RIGHT - g.getFontMetrics().stringWidth(label) - 2),
          (TOP + H - BOTTOM) / 2);
    }

    void hline(double y, String label, Color colour) {
      if (Double.isNaN(y)) {
        return;
      }
      g.setColor(colour);
      g.setStroke(
          new BasicStroke(
              1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {5, 4}, 0));
      g.drawLine(LEFT, py(y), W - RIGHT, py(y));
      g.drawString(label, LEFT + 6, py(y) - 4);
    }

    private void legend(String name, Color colour) {
      int row = legendRow++;
      int y = legendBottomLeft ? H - BOTTOM - 12 - 16 * row : TOP + 16 + 16 * row;
      int x = legendBottomLeft ? LEFT + 10 : W - RIGHT - 150;
      g.setColor(colour);
      g.fillRect(x, y - 9, 14, 10);
      g.setColor(Color.BLACK);
      g.drawString(name, x + 20, y);
    }

    void write(Path file) throws IOException {
      g.dispose();
      Files.createDirectories(file.toAbsolutePath().getParent());
      ImageIO.write(image, "png", file.toFile());
    }
  }
}
