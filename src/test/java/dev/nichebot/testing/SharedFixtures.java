package dev.nichebot.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shared recorded fixtures ({@code ../shared/fixtures}), found through the system property
 * {@code nichebot.shared.dir} that Surefire sets. Tests that need them skip, saying why, when the
 * folder is absent.
 */
public final class SharedFixtures {
  private SharedFixtures() {}

  public static Path dir(String sub) {
    String shared = System.getProperty("nichebot.shared.dir", "../shared");
    Path dir = Path.of(shared, "fixtures", sub);
    assumeTrue(
        Files.isDirectory(dir),
        "shared fixtures not found at " + dir.toAbsolutePath() + ": test skipped");
    return dir;
  }

  public static Path file(String sub, String name) {
    return dir(sub).resolve(name);
  }
}
