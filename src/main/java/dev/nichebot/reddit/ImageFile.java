package dev.nichebot.reddit;

import java.util.Arrays;
import java.util.Objects;
import java.util.Set;

/**
 * An image to upload as a native Reddit image post.
 *
 * @param fileName a file name with extension, shown nowhere but required by Reddit's lease
 * @param mimeType {@code image/jpeg}, {@code image/png} or {@code image/gif}
 * @param bytes the file's content (copied in and out, the record stays immutable)
 */
public record ImageFile(String fileName, String mimeType, byte[] bytes) {
  private static final Set<String> TYPES = Set.of("image/jpeg", "image/png", "image/gif");

  public ImageFile {
    Objects.requireNonNull(fileName, "fileName");
    Objects.requireNonNull(mimeType, "mimeType");
    Objects.requireNonNull(bytes, "bytes");
    if (fileName.isBlank() || fileName.contains("/") || fileName.contains("\\")) {
      throw new IllegalArgumentException("image file name must be a bare file name");
    }
    if (!TYPES.contains(mimeType)) {
      throw new IllegalArgumentException("Reddit image posts take " + TYPES + ", not " + mimeType);
    }
    if (bytes.length == 0) {
      throw new IllegalArgumentException("image file is empty");
    }
    bytes = bytes.clone();
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ImageFile that
        && fileName.equals(that.fileName)
        && mimeType.equals(that.mimeType)
        && Arrays.equals(bytes, that.bytes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(fileName, mimeType, Arrays.hashCode(bytes));
  }

  @Override
  public String toString() {
    return "ImageFile[" + fileName + ", " + mimeType + ", " + bytes.length + " bytes]";
  }
}
