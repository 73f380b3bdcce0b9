package dev.nichebot.classify;

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
}
