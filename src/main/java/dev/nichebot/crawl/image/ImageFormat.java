package dev.nichebot.crawl.image;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/** The image formats nichebot accepts, recognised by their first bytes only. */
public enum ImageFormat {
  JPEG("jpg", "image/jpeg"),
  PNG("png", "image/png"),
  GIF("gif", "image/gif"),
  WEBP("webp", "image/webp");

  private final String extension;
  private final String mediaType;

  ImageFormat(String extension, String mediaType) {
    this.extension = extension;
    this.mediaType = mediaType;
  }

  /** File extension without the dot, as used by the image store. */
  public String extension() {
    return extension;
  }

  public String mediaType() {
    return mediaType;
  }

  /** The format whose extension this is ("jpg", "png", "gif", "webp"). */
  public static Optional<ImageFormat> fromExtension(String extension) {
    for (ImageFormat f : values()) {
      if (f.extension.equals(extension.toLowerCase(Locale.ROOT))) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  /** What the leading bytes say a file is; never looks at names or Content-Type. */
  public static Sniffed sniff(byte[] data) {
    if (data.length >= 3
        && (data[0] & 0xff) == 0xFF
        && (data[1] & 0xff) == 0xD8
        && (data[2] & 0xff) == 0xFF) {
      return Sniffed.of(JPEG);
    }
    if (startsWith(data, 0, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'})) {
      return Sniffed.of(PNG);
    }
    if (startsWith(data, 0, ascii("GIF87a")) || startsWith(data, 0, ascii("GIF89a"))) {
      return Sniffed.of(GIF);
    }
    if (startsWith(data, 0, ascii("RIFF")) && startsWith(data, 8, ascii("WEBP"))) {
      return Sniffed.of(WEBP);
    }
    if (looksLikeOtherImage(data)) {
      return Sniffed.OTHER_IMAGE;
    }
    return Sniffed.NOT_AN_IMAGE;
  }

  /** Formats we know to be images but do not take (SVG is also a script host). */
  private static boolean looksLikeOtherImage(byte[] data) {
    if (startsWith(data, 0, ascii("BM"))
        || startsWith(data, 0, new byte[] {'I', 'I', 42, 0})
        || startsWith(data, 0, new byte[] {'M', 'M', 0, 42})
        || startsWith(data, 0, new byte[] {0, 0, 1, 0}) // ICO
        || startsWith(data, 0, new byte[] {(byte) 0xFF, 0x0A}) // JPEG XL codestream
        || startsWith(data, 0, ascii("8BPS"))) {
      return true;
    }
    if (startsWith(data, 4, ascii("ftyp"))) { // ISO-BMFF: HEIC, AVIF (and MP4, also not ours)
      return true;
    }
    String head =
        new String(data, 0, Math.min(data.length, 512), StandardCharsets.ISO_8859_1)
            .toLowerCase(Locale.ROOT);
    return head.contains("<svg");
  }

  private static boolean startsWith(byte[] data, int offset, byte[] prefix) {
    if (data.length < offset + prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (data[offset + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /** The outcome of {@link #sniff(byte[])}. */
  public record Sniffed(ImageFormat format, boolean image) {
    static final Sniffed OTHER_IMAGE = new Sniffed(null, true);
    static final Sniffed NOT_AN_IMAGE = new Sniffed(null, false);

    static Sniffed of(ImageFormat format) {
      return new Sniffed(format, true);
    }

    public Optional<ImageFormat> supported() {
      return Optional.ofNullable(format);
    }
  }
}
