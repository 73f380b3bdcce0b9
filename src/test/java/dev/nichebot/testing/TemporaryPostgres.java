package dev.nichebot.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throw-away PostgreSQL server on 127.0.0.1, from Debian's postgresql package (CI installs it).
 * Tests skip, saying why, when the binaries are absent.
 */
public final class TemporaryPostgres implements AutoCloseable {
  private final Path bin;
  private final Path dir;
  private final int port;
  private Process server;

  private TemporaryPostgres(Path bin, Path dir, int port) {
    this.bin = bin;
    this.dir = dir;
    this.port = port;
  }

  public static TemporaryPostgres start() throws Exception {
    Path bin = findBin();
    assumeTrue(bin != null, "PostgreSQL binaries not found (apt-get install postgresql): skipped");
    Path dir = Files.createTempDirectory("nichebot-pg");
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
    TemporaryPostgres pg = new TemporaryPostgres(bin, dir, ChildBot.freePort());
    pg.initAndStart();
    return pg;
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
  }

  public String user() {
    return "nichebot";
  }

  private static Path findBin() throws IOException {
    Path root = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(root)) {
      return null;
    }
    try (Stream<Path> versions = Files.list(root)) {
      return versions
          .map(v -> v.resolve("bin"))
          .filter(b -> Files.isExecutable(b.resolve("initdb")))
          .max(Comparator.naturalOrder())
          .orElse(null);
    }
  }

  private List<String> asPostgresUser(String... command) {
    List<String> out = new ArrayList<>();
    // initdb refuses to run as root; CI runs as root, so run the server as the package's user.
    if ("root".equals(System.getProperty("user.name"))) {
      out.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    out.addAll(List.of(command));
    return out;
  }

  private void initAndStart() throws Exception {
    Path data = dir.resolve("data");
    run(
        asPostgresUser(
            bin.resolve("initdb").toString(),
            "-D",
            data.toString(),
            "-U",
            user(),
            "--auth=trust",
            "--no-sync"));
    server =
        new ProcessBuilder(
                asPostgresUser(
                    bin.resolve("postgres").toString(),
                    "-D",
                    data.toString(),
                    "-p",
                    Integer.toString(port),
                    "-k",
                    dir.toString(),
                    "-c",
                    "listen_addresses=127.0.0.1",
                    "-c",
                    "fsync=off"))
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("server.log").toFile())
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      if (Files.exists(dir.resolve("server.log"))
          && Files.readString(dir.resolve("server.log")).contains("ready to accept connections")) {
        return;
      }
      if (!server.isAlive()) {
        break;
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException(
        "PostgreSQL did not start: " + Files.readString(dir.resolve("server.log")));
  }

  private static void run(List<String> command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
    }
  }

  @Override
  public void close() throws Exception {
    if (server != null) {
      server.destroy();
      server.waitFor(20, TimeUnit.SECONDS);
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }
}
