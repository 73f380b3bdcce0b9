package dev.nichebot.crawl.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A text file of image URLs, one per line; blank lines and lines starting with {@code #} are
 * skipped, and so is anything that is not an http(s) URL (logged by the crawl as a bad line).
 */
public final class UrlListSource implements ImageSource {
  private static final long MAX_FILE_BYTES = 16L << 20;

  private final SourceSpec spec;
  private final Path file;

  public UrlListSource(SourceSpec spec, Path workingDir) {
    this.spec = spec;
    this.file = workingDir.resolve(spec.target()).toAbsolutePath().normalize();
  }

  @Override
  public SourceSpec spec() {
    return spec;
  }

  @Override
  public Discovery discover(SeenItems seen) throws SourceException {
    try {
      if (!Files.isRegularFile(file)) {
        throw new SourceException("URL list " + file + " does not exist");
      }
      if (Files.size(file) > MAX_FILE_BYTES) {
        throw new SourceException("URL list " + file + " is larger than 16 MB");
      }
      List<Found> out = new ArrayList<>();
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        String url = line.strip();
        if (url.isEmpty() || url.startsWith("#")) {
          continue;
        }
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
          out.add(Found.of(url));
        }
      }
      return Discovery.of(out);
    } catch (IOException e) {
      throw new SourceException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
