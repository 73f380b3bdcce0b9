package dev.nichebot.classify;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One image to score: a file, or bytes already in memory (for example from the image store).
 *
 * @param id how the caller names this image in results (a candidate id, a file name)
 */
public record ImageSource(String id, Path path, byte[] bytes) {

  public ImageSource {
    Objects.requireNonNull(id, "id");
    if ((path == null) == (bytes == null)) {
      throw new IllegalArgumentException("exactly one of path and bytes");
    }
  }

  public static ImageSource of(Path path) {
    return new ImageSource(path.toString(), path, null);
  }

  public static ImageSource of(String id, Path path) {
    return new ImageSource(id, path, null);
  }

  public static ImageSource of(String id, byte[] bytes) {
    return new ImageSource(id, null, bytes);
  }

  /** The encoded image. */
  public byte[] read() throws IOException {
    return bytes != null ? bytes : Files.readAllBytes(path);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ImageSource other
        && id.equals(other.id)
        && Objects.equals(path, other.path)
        && java.util.Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, path) * 31 + java.util.Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "ImageSource[" + id + (bytes != null ? ", " + bytes.length + " bytes]" : "]");
  }
}
