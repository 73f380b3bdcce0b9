package dev.nichebot.app.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Random;

/** Rendered pictures for when no photographs are installed: gradients, shapes, texture. */
public final class SceneRenderer {
  private SceneRenderer() {}

  public static BufferedImage render(int width, int height, long seed) {
    Random random = new Random(seed);
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setPaint(
          new GradientPaint(
              random.nextInt(width),
              0,
              color(random),
              random.nextInt(width),
              height,
              color(random)));
      g.fillRect(0, 0, width, height);
      int shapes = 10 + random.nextInt(20);
      for (int i = 0; i < shapes; i++) {
        g.setColor(color(random));
        int w = width / 10 + random.nextInt(width / 2);
        int h = height / 10 + random.nextInt(height / 2);
        int x = random.nextInt(width) - w / 4;
        int y = random.nextInt(height) - h / 4;
        switch (random.nextInt(3)) {
          case 0 -> g.fillOval(x, y, w, h);
          case 1 -> g.fillRect(x, y, w, h);
          default -> {
            g.setStroke(new BasicStroke(2 + random.nextInt(Math.max(3, width / 30))));
            g.drawLine(x, y, x + w, y + h);
          }
        }
      }
    } finally {
      g.dispose();
    }
    addGrain(image, random, 12);
    return image;
  }

  /** Film-grain-like noise, so JPEG sizes look like photographs' rather than cartoons'. */
  public static void addGrain(BufferedImage image, Random random, int amplitude) {
    int w = image.getWidth();
    int[] row = new int[w];
    for (int y = 0; y < image.getHeight(); y++) {
      image.getRGB(0, y, w, 1, row, 0, w);
      for (int x = 0; x < w; x++) {
        int n = random.nextInt(2 * amplitude + 1) - amplitude;
        int c = row[x];
        int r = clamp(((c >> 16) & 0xff) + n);
        int g = clamp(((c >> 8) & 0xff) + n);
        int b = clamp((c & 0xff) + n);
        row[x] = (r << 16) | (g << 8) | b;
      }
      image.setRGB(0, y, w, 1, row, 0, w);
    }
  }

  private static int clamp(int v) {
    return Math.max(0, Math.min(255, v));
  }

  private static Color color(Random random) {
    return new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256));
  }
}
