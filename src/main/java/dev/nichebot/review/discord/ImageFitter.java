package dev.nichebot.review.discord;

import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

/**
 * Makes an image fit Discord's upload limit and a maximum side, with Java2D. An image that already
 * fits in a format Discord shows is sent unchanged (an animated GIF stays animated); anything else
 * is scaled down and re-encoded (PNG when it has transparency and that fits, JPEG otherwise).
 */
final class ImageFitter {

  /** Formats Discord shows inline, by ImageIO format name, with the extension to upload them as. */
  private static final Map<String, String> SHOWN_AS_IS =
      Map.of("jpeg", "jpg", "jpg", "jpg", "png", "png", "gif", "gif", "webp", "webp");

  private static final float[] JPEG_QUALITIES = {0.9f, 0.8f, 0.7f, 0.55f, 0.4f};
  private static final int SMALLEST_SIDE = 64;

  private final long limitBytes;
  private final int maxSide;

  ImageFitter(long limitBytes, int maxSide) {
    this.limitBytes = limitBytes;
    this.maxSide = maxSide;
  }

  /**
   * The image to upload.
   *
   * @param bytes the encoded image
   * @param extension the file extension matching its format (jpg, png, gif, webp)
   * @param width its width in pixels
   * @param height its height in pixels
   * @param reencoded false when these are the original bytes
   */
  record Fitted(byte[] bytes, String extension, int width, int height, boolean reencoded) {}

  /** Thrown when the bytes are not an image this JVM can decode. */
  static final class UnreadableImageException extends Exception {
    private static final long serialVersionUID = 1L;

    UnreadableImageException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  Fitted fit(byte[] original) throws UnreadableImageException {
    BufferedImage decoded;
    String format;
    int width;
    int height;
    try (ImageInputStream input =
        ImageIO.createImageInputStream(new ByteArrayInputStream(original))) {
      Iterator<ImageReader> readers = input == null ? null : ImageIO.getImageReaders(input);
      if (readers == null || !readers.hasNext()) {
        throw new UnreadableImageException("not an image in a format this bot can read", null);
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(input, true, true);
        format = reader.getFormatName().toLowerCase(Locale.ROOT);
        width = reader.getWidth(0);
        height = reader.getHeight(0);
        if (width <= 0 || height <= 0) {
          throw new UnreadableImageException("image has no pixels", null);
        }
        // Subsample huge images while decoding so a 20000 x 20000 file cannot exhaust the heap;
        // the final scaling below still works from at least twice the target size.
        int subsampling = Math.max(1, Math.max(width, height) / (2 * maxSide));
        ImageReadParam param = reader.getDefaultReadParam();
        param.setSourceSubsampling(subsampling, subsampling, 0, 0);
        decoded = reader.read(0, param);
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      throw new UnreadableImageException("image cannot be decoded: " + e.getMessage(), e);
    }

    String extension = SHOWN_AS_IS.get(format);
    if (extension != null && original.length <= limitBytes && Math.max(width, height) <= maxSide) {
      return new Fitted(original, extension, width, height, false);
    }
    return shrink(decoded);
  }

  private Fitted shrink(BufferedImage decoded) throws UnreadableImageException {
    int side = Math.min(maxSide, Math.max(decoded.getWidth(), decoded.getHeight()));
    while (side >= SMALLEST_SIDE) {
      BufferedImage scaled = scale(decoded, side);
      if (scaled.getColorModel().hasAlpha()) {
        byte[] png = encodePng(scaled);
        if (png.length <= limitBytes) {
          return new Fitted(png, "png", scaled.getWidth(), scaled.getHeight(), true);
        }
      }
      BufferedImage opaque = flatten(scaled);
      for (float quality : JPEG_QUALITIES) {
        byte[] jpeg = encodeJpeg(opaque, quality);
        if (jpeg.length <= limitBytes) {
          return new Fitted(jpeg, "jpg", opaque.getWidth(), opaque.getHeight(), true);
        }
      }
      side = side * 3 / 4;
    }
    throw new UnreadableImageException(
        "image cannot be made smaller than " + limitBytes + " bytes", null);
  }

  /** Scales so the longer side is {@code side}, halving step by step for a clean result. */
  private static BufferedImage scale(BufferedImage source, int side) {
    int longer = Math.max(source.getWidth(), source.getHeight());
    int targetWidth = Math.max(1, (int) Math.round((double) source.getWidth() * side / longer));
    int targetHeight = Math.max(1, (int) Math.round((double) source.getHeight() * side / longer));
    boolean alpha = source.getColorModel().hasAlpha();
    int type = alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB;
    BufferedImage current = source;
    int currentWidth = source.getWidth();
    int currentHeight = source.getHeight();
    do {
      currentWidth = Math.max(targetWidth, currentWidth / 2);
      currentHeight = Math.max(targetHeight, currentHeight / 2);
      BufferedImage next = new BufferedImage(currentWidth, currentHeight, type);
      Graphics2D g = next.createGraphics();
      try {
        g.setRenderingHint(
            RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setComposite(AlphaComposite.Src);
        g.drawImage(current, 0, 0, currentWidth, currentHeight, null);
      } finally {
        g.dispose();
      }
      current = next;
    } while (currentWidth != targetWidth || currentHeight != targetHeight);
    return current;
  }

  /** JPEG has no transparency: put the image on white. */
  private static BufferedImage flatten(BufferedImage image) {
    if (image.getType() == BufferedImage.TYPE_INT_RGB) {
      return image;
    }
    BufferedImage rgb =
        new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = rgb.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, image.getWidth(), image.getHeight());
      g.drawImage(image, 0, 0, null);
    } finally {
      g.dispose();
    }
    return rgb;
  }

  private static byte[] encodePng(BufferedImage image) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(image, "png", out)) {
        throw new IllegalStateException("no PNG writer available");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static byte[] encodeJpeg(BufferedImage image, float quality) {
    Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
    if (!writers.hasNext()) {
      throw new IllegalStateException("no JPEG writer available");
    }
    ImageWriter writer = writers.next();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ImageOutputStream output = ImageIO.createImageOutputStream(out)) {
      writer.setOutput(output);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(quality);
      writer.write(null, new IIOImage(image, null, null), param);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
    return out.toByteArray();
  }
}
