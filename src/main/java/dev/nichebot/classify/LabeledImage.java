package dev.nichebot.classify;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * An image file with its label, the unit of training data (from a folder, or from review
 * decisions).
 */
public record LabeledImage(Path path, boolean signal) {
  private static final Set<String> EXTENSIONS = Set.of("jpg", "jpeg", "png", "gif", "bmp", "webp");

  /**
   * Reads a labelled folder: image files under {@code DIR/signal/} and {@code DIR/noise/}
   * (sub-folders included), in a stable order.
   *
   * @throws IOException when either sub-folder is missing or holds no images
   */
  public static List<LabeledImage> fromFolder(Path dir) throws IOException {
    List<LabeledImage> out = new ArrayList<>();
    for (String label : List.of("signal", "noise")) {
      Path sub = dir.resolve(label);
      if (!Files.isDirectory(sub)) {
        throw new IOException(
            dir + " needs sub-folders signal/ and noise/; " + sub + " is missing");
      }
      List<Path> files = new ArrayList<>();
      collect(sub, files);
      if (files.isEmpty()) {
        throw new IOException(sub + " holds no images (" + EXTENSIONS + ")");
      }
      files.sort(null);
      for (Path f : files) {
        out.add(new LabeledImage(f, label.equals("signal")));
      }
    }
    return out;
  }

  private static void collect(Path dir, List<Path> files) throws IOException {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path p : entries) {
        String name = p.getFileName().toString();
        if (name.startsWith(".")) {
          continue;
        }
        if (Files.isDirectory(p)) {
          collect(p, files);
        } else if (isImageName(name)) {
          files.add(p);
        }
      }
    }
  }

  static boolean isImageName(String name) {
    int dot = name.lastIndexOf('.');
    return dot > 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
  }
}
