package dev.nichebot.classify;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One labelled image as training sees it: its content hash (the embedding-cache key) and a way to
 * get its pixels when the cache lacks it.
 */
public record TrainingExample(String id, String sha256, Loader loader, boolean signal) {

  /** Produces the image (any size; it is resized to the backbone's input). */
  @FunctionalInterface
  public interface Loader {
    BufferedImage load() throws Exception;
  }

  /** Reads and hashes a file; decoding waits until an embedding is actually needed. */
  public static TrainingExample ofFile(LabeledImage image) throws java.io.IOException {
    Path path = image.path();
    String sha = Sha256.ofFile(path);
    return new TrainingExample(
        path.toString(),
        sha,
        () -> {
          byte[] bytes = Files.readAllBytes(path);
          return ImagePreprocessor.decode(bytes, 224, 224);
        },
        image.signal());
  }
}
