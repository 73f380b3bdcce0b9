package dev.nichebot.app.bench;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** The edits a repost goes through, applied the way image tools apply them. */
public final class ImageTransforms {
  private ImageTransforms() {}

  /** Scales by {@code factor} with high-quality (progressive bilinear) downsampling. */
  public static BufferedImage resize(BufferedImage image, double factor) {
    int w = Math.max(1, (int) Math.round(image.getWidth() * factor));
    int h = Math.max(1, (int) Math.round(image.getHeight() * factor));
    BufferedImage current = rgb(image);
    // Halve step by step, as browsers and editors do, so small targets are not aliased.
    while (current.getWidth() / 2 >= w && current.getHeight() / 2 >= h) {
      current = draw(current, current.getWidth() / 2, current.getHeight() / 2);
    }
    return current.getWidth() == w && current.getHeight() == h ? current : draw(current, w, h);
  }

  /** Cuts {@code fraction} of the width and height, half from each side. */
  public static BufferedImage cropCentered(BufferedImage image, double fraction) {
    int dx = (int) Math.round(image.getWidth() * fraction / 2);
    int dy = (int) Math.round(image.getHeight() * fraction / 2);
    return copy(image.getSubimage(dx, dy, image.getWidth() - 2 * dx, image.getHeight() - 2 * dy));
  }

  /** Cuts {@code fraction} of the width and height from the left and top edges only. */
  public static BufferedImage cropCorner(BufferedImage image, double fraction) {
    int dx = (int) Math.round(image.getWidth() * fraction);
    int dy = (int) Math.round(image.getHeight() * fraction);
    return copy(image.getSubimage(dx, dy, image.getWidth() - dx, image.getHeight() - dy));
  }

  /** Left-right mirror image. */
  public static BufferedImage mirror(BufferedImage image) {
    BufferedImage out =
        new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      g.drawImage(image, new AffineTransform(-1, 0, 0, 1, image.getWidth(), 0), null);
    } finally {
      g.dispose();
    }
    return out;
  }

  /** Multiplies every channel by {@code factor}, clipping at white (1.1 = 10% brighter). */
  public static BufferedImage brighten(BufferedImage image, double factor) {
    BufferedImage src = rgb(image);
    BufferedImage out =
        new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_INT_RGB);
    int w = src.getWidth();
    int[] row = new int[w];
    for (int y = 0; y < src.getHeight(); y++) {
      src.getRGB(0, y, w, 1, row, 0, w);
      for (int x = 0; x < w; x++) {
        int c = row[x];
        int r = Math.min(255, (int) Math.round(((c >> 16) & 0xff) * factor));
        int gr = Math.min(255, (int) Math.round(((c >> 8) & 0xff) * factor));
        int b = Math.min(255, (int) Math.round((c & 0xff) * factor));
        row[x] = (r << 16) | (gr << 8) | b;
      }
      out.setRGB(0, y, w, 1, row, 0, w);
    }
    return out;
  }

  /** Encodes as JPEG at {@code quality} (0..1). */
  public static byte[] jpeg(BufferedImage image, float quality) {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
      writer.setOutput(stream);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(quality);
      writer.write(null, new IIOImage(rgb(image), null, null), param);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
    return out.toByteArray();
  }

  /** Re-encodes as JPEG at {@code quality} and decodes again: the pixels a re-upload has. */
  public static BufferedImage reencode(BufferedImage image, float quality) {
    try {
      return ImageIO.read(new ByteArrayInputStream(jpeg(image, quality)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static BufferedImage draw(BufferedImage src, int w, int h) {
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      g.setRenderingHint(
          RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      g.drawImage(src, 0, 0, w, h, null);
    } finally {
      g.dispose();
    }
    return out;
  }

  private static BufferedImage copy(BufferedImage src) {
    BufferedImage out =
        new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      g.drawImage(src, 0, 0, null);
    } finally {
      g.dispose();
    }
    return out;
  }

  private static BufferedImage rgb(BufferedImage image) {
    return image.getType() == BufferedImage.TYPE_INT_RGB ? image : copy(image);
  }
}
