package dev.nichebot.classify;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the shipped bundles are, for tests (Surefire sets nichebot.project.dir). */
final class TestModels {
  private TestModels() {}

  static Path projectDir() {
    return Path.of(System.getProperty("nichebot.project.dir", "."));
  }

  static Path models() {
    return projectDir().resolve("models");
  }

  static Path backbone() {
    return models().resolve("backbone");
  }

  static Path nsfw() {
    return models().resolve("nsfw");
  }

  static Path reference() {
    return projectDir().resolve("src/test/resources/dev/nichebot/classify/reference");
  }

  static Path tinyBackboneFile() {
    return projectDir().resolve("src/test/resources/dev/nichebot/classify/tiny/backbone.pt");
  }

  /**
   * A backbone bundle around the tiny test module ((N,3,32,32) -> (N,8)), declaring the given input
   * side and embedding size.
   */
  static Path tinyBackbone(Path dir, int side, int embeddingSize) throws IOException {
    Files.createDirectories(dir);
    Files.copy(tinyBackboneFile(), dir.resolve("backbone.pt"));
    Files.writeString(
        dir.resolve("bundle.json"),
        """
        {
          "format": "nichebot-bundle/1",
          "kind": "backbone",
          "version": "tiny-test-1",
          "weights": {"file": "backbone.pt", "format": "torchscript"},
          "input": {"width": %d, "height": %d, "scale": 0.00392156862745098,
                    "mean": [0.5, 0.5, 0.5], "std": [0.25, 0.25, 0.25]},
          "output": {"embedding_size": %d}
        }
        """
            .formatted(side, side, embeddingSize));
    return dir;
  }
}
