package dev.nichebot.crawl.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Image files under a local folder (recursively, hidden files skipped). Files are offered by their
 * {@code file:} URI; the download stage reads them only from inside this folder.
 */
public final class FolderSource implements ImageSource {
  static final Set<String> EXTENSIONS = Set.of("jpg", "jpeg", "png", "gif", "webp");
  private static final int MAX_DEPTH = 8;

  private final SourceSpec spec;
  private final Path root;

  public FolderSource(SourceSpec spec, Path workingDir) {
    this.spec = spec;
    this.root = workingDir.resolve(spec.target()).toAbsolutePath().normalize();
  }

  @Override
  public SourceSpec spec() {
    return spec;
  }

  public Path root() {
    return root;
  }

  @Override
  public Discovery discover(SeenItems seen) throws SourceException {
    if (!Files.isDirectory(root)) {
      throw new SourceException("folder " + root + " does not exist");
    }
    List<Found> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root, MAX_DEPTH)) {
      files
          .filter(Files::isRegularFile)
          .filter(p -> !isHidden(root.relativize(p)))
          .filter(FolderSource::hasImageExtension)
          // By name without extension: "a.jpg" comes before "a-copy.jpg", so an original is
          // usually stored first and its copies are the duplicates.
          .sorted(
              java.util.Comparator.comparing((Path p) -> withoutExtension(root.relativize(p)))
                  .thenComparing(Path::toString))
          .forEach(
              p ->
                  out.add(
                      new Found(
                          p.toUri().toString(),
                          null,
                          null,
                          baseName(p),
                          root.relativize(p).toString())));
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new SourceException("cannot list " + root + ": " + e.getMessage(), e);
    }
    return Discovery.of(out);
  }

  /**
   * Whether a file lies inside {@code root} (after resolving links): the download stage's guard.
   */
  public static boolean isInside(Path root, Path file) {
    try {
      Path realRoot = root.toRealPath();
      Path real = file.toRealPath();
      return real.startsWith(realRoot);
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean isHidden(Path relative) {
    for (Path part : relative) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasImageExtension(Path p) {
    String name = p.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
  }

  private static String withoutExtension(Path relative) {
    String s = relative.toString();
    int dot = s.lastIndexOf('.');
    return dot > 0 && dot > s.lastIndexOf(java.io.File.separatorChar) ? s.substring(0, dot) : s;
  }

  private static String baseName(Path p) {
    String name = p.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }
}
