package dev.nichebot.crawl.image;

import dev.nichebot.crawl.FailureReason;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decides whether bytes are an image nichebot takes, and decodes it safely.
 *
 * <p>The format comes from the leading bytes (never from a file name or Content-Type); the size
 * comes from the header, and an image over {@link ImageLimits#maxPixels()} is refused before any
 * pixel is decoded, so a decompression bomb (a few kilobytes claiming 30000×30000) never reaches
 * memory. Truncated files are refused even where the decoders would quietly return a half-grey
 * picture. GIFs are decoded to their first frame; WebP goes through TwelveMonkeys.
 *
 * <p>Thread-safe: every call uses its own {@link ImageReader}.
 */
public final class ImageProbe {
  private final ImageLimits limits;

  public ImageProbe(ImageLimits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  public ImageLimits limits() {
    return limits;
  }

  /** Format and size from the header only; refuses what is not an acceptable image. */
  public ImageInfo probe(byte[] data) throws ImageRejectedException {
    ImageFormat format = sniff(data);
    ImageReader reader = readerFor(format);
    try (ImageInputStream in = stream(data)) {
      reader.setInput(in, true, true);
      return checkedInfo(format, reader);
    } catch (IOException e) {
      throw readFailure(format, e);
    } finally {
      reader.dispose();
    }
  }

  /**
   * Checks the header like {@link #probe(byte[])}, then decodes the first frame, subsampled so its
   * shorter side stays between {@link ImageLimits#previewSide()} and twice that.
   */
  public DecodedImage decode(byte[] data) throws ImageRejectedException {
    ImageFormat format = sniff(data);
    ImageReader reader = readerFor(format);
    List<String> warnings = new ArrayList<>();
    reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
    try (ImageInputStream in = stream(data)) {
      reader.setInput(in, true, true);
      ImageInfo info = checkedInfo(format, reader);
      checkComplete(format, data);
      int subsampling = Math.max(1, Math.min(info.width(), info.height()) / limits.previewSide());
      ImageReadParam param = reader.getDefaultReadParam();
      if (subsampling > 1) {
        param.setSourceSubsampling(subsampling, subsampling, 0, 0);
      }
      BufferedImage pixels = reader.read(0, param);
      for (String warning : warnings) {
        if (isTruncationWarning(warning)) {
          throw new ImageRejectedException(FailureReason.TRUNCATED, warning);
        }
      }
      return new DecodedImage(info, pixels, subsampling);
    } catch (IOException e) {
      throw readFailure(format, e);
    } catch (RuntimeException e) {
      // Decoders throw IllegalArgumentException, ArrayIndexOutOfBounds... on hostile input.
      throw new ImageRejectedException(FailureReason.CORRUPT, describe(e), e);
    } finally {
      reader.dispose();
    }
  }

  private static ImageFormat sniff(byte[] data) throws ImageRejectedException {
    if (data.length == 0) {
      throw new ImageRejectedException(FailureReason.EMPTY, "zero bytes");
    }
    ImageFormat.Sniffed sniffed = ImageFormat.sniff(data);
    if (sniffed.format() != null) {
      return sniffed.format();
    }
    if (sniffed.image()) {
      throw new ImageRejectedException(
          FailureReason.UNSUPPORTED_FORMAT, "an image, but not JPEG, PNG, GIF or WebP");
    }
    throw new ImageRejectedException(FailureReason.NOT_AN_IMAGE, "no image signature");
  }

  private ImageInfo checkedInfo(ImageFormat format, ImageReader reader)
      throws IOException, ImageRejectedException {
    int width = reader.getWidth(0);
    int height = reader.getHeight(0);
    if (width <= 0 || height <= 0) {
      throw new ImageRejectedException(FailureReason.CORRUPT, "size " + width + "x" + height);
    }
    ImageInfo info = new ImageInfo(format, width, height);
    if (info.pixels() > limits.maxPixels()) {
      throw new ImageRejectedException(
          FailureReason.TOO_MANY_PIXELS,
          width + "x" + height + " > " + limits.maxPixels() + " pixels");
    }
    return info;
  }

  /**
   * Structural end-of-file checks for formats whose decoders accept a cut-off file without
   * complaint (WebP lossless, a GIF or PNG cut after the first frame's data).
   */
  private static void checkComplete(ImageFormat format, byte[] data) throws ImageRejectedException {
    switch (format) {
      case WEBP -> {
        if (data.length < 12) {
          throw new ImageRejectedException(FailureReason.TRUNCATED, "WebP shorter than header");
        }
        long riffSize =
            (data[4] & 0xffL)
                | (data[5] & 0xffL) << 8
                | (data[6] & 0xffL) << 16
                | (data[7] & 0xffL) << 24;
        if (riffSize + 8 > data.length) {
          throw new ImageRejectedException(
              FailureReason.TRUNCATED,
              "WebP declares " + (riffSize + 8) + " bytes, has " + data.length);
        }
      }
      case GIF -> {
        if (data[data.length - 1] != 0x3B) {
          throw new ImageRejectedException(FailureReason.TRUNCATED, "GIF without trailer");
        }
      }
      case PNG -> {
        if (lastIndexOf(data, new byte[] {'I', 'E', 'N', 'D'}) < 0) {
          throw new ImageRejectedException(FailureReason.TRUNCATED, "PNG without IEND");
        }
      }
      case JPEG -> {
        // The decoder reports a missing EOI as a warning; see isTruncationWarning.
      }
    }
  }

  private static boolean isTruncationWarning(String warning) {
    String w = warning.toLowerCase(Locale.ROOT);
    return w.contains("premature end") || w.contains("truncated") || w.contains("missing eoi");
  }

  private static ImageRejectedException readFailure(ImageFormat format, IOException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof EOFException) {
        return new ImageRejectedException(FailureReason.TRUNCATED, describe(e), e);
      }
    }
    return new ImageRejectedException(
        FailureReason.CORRUPT, format + " decoder: " + describe(e), e);
  }

  private static ImageReader readerFor(ImageFormat format) throws ImageRejectedException {
    String name = format == ImageFormat.JPEG ? "jpeg" : format.extension();
    Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(name);
    if (!readers.hasNext()) {
      throw new ImageRejectedException(
          FailureReason.UNSUPPORTED_FORMAT, "no decoder for " + format + " on the classpath");
    }
    return readers.next();
  }

  private static ImageInputStream stream(byte[] data) {
    return new MemoryCacheImageInputStream(new ByteArrayInputStream(data));
  }

  private static int lastIndexOf(byte[] data, byte[] needle) {
    outer:
    for (int i = data.length - needle.length; i >= 0; i--) {
      for (int j = 0; j < needle.length; j++) {
        if (data[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static String describe(Throwable e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
