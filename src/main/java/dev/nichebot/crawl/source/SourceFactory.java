package dev.nichebot.crawl.source;

import java.nio.file.Path;

/** Builds the {@link ImageSource} a {@code sources} row names. */
public final class SourceFactory {
  private final Path workingDir;

  public SourceFactory(Path workingDir) {
    this.workingDir = workingDir;
  }

  /**
   * @throws SourceException when the spec is not a source, or its kind cannot be read here
   */
  public ImageSource create(String specText) throws SourceException {
    SourceSpec spec;
    try {
      spec = SourceSpec.parse(specText);
    } catch (IllegalArgumentException e) {
      throw new SourceException(e.getMessage(), e);
    }
    return switch (spec.kind()) {
      case FOLDER -> new FolderSource(spec, workingDir);
      case URLS -> new UrlListSource(spec, workingDir);
      case REDDIT, FEED ->
          throw new SourceException(spec.kind().prefix() + ": sources are not built yet");
    };
  }
}
