package dev.nichebot.testing;

import java.nio.file.Path;

/** Files at the top of the repository (the Dockerfile, README, ...). */
public final class ProjectFiles {
  private ProjectFiles() {}

  public static Path root() {
    return Path.of(System.getProperty("nichebot.project.dir", ".")).toAbsolutePath();
  }

  public static Path of(String relative) {
    return root().resolve(relative);
  }
}
