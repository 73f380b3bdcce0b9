package dev.nichebot.testing;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * nichebot started as a real child JVM (same classpath as the tests), for crash and restart tests:
 * {@code kill -9} really kills it, and a restart really opens the files it left behind.
 */
public final class ChildBot implements AutoCloseable {
  private final Path workDir;
  private final Map<String, String> env = new LinkedHashMap<>();
  private final List<String> args = new ArrayList<>();
  private final int port;
  private Process process;
  private int starts;

  public ChildBot(Path workDir, String... args) throws IOException {
    this.workDir = workDir;
    this.port = freePort();
    this.args.addAll(List.of(args.length == 0 ? new String[] {"run"} : args));
    env.put("NICHEBOT_DATA_DIR", workDir.resolve("data").toString());
    env.put("NICHEBOT_WEB_PORT", Integer.toString(port));
    env.put("DJL_OFFLINE", "true");
  }

  public ChildBot env(String key, String value) {
    env.put(key, value);
    return this;
  }

  public int port() {
    return port;
  }

  public Path log() {
    return workDir.resolve("child-" + starts + ".log");
  }

  public ChildBot start() throws IOException {
    starts++;
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Dai.djl.offline=true");
    command.add("-Xmx512m");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("dev.nichebot.app.Main");
    command.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("NICHEBOT_"));
    pb.environment().putAll(env);
    pb.redirectErrorStream(true);
    pb.redirectOutput(log().toFile());
    process = pb.start();
    return this;
  }

  /** Waits until /healthz answers 200; fails with the child's log when it does not in time. */
  public ChildBot awaitHealthy(Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError("child exited with " + process.exitValue() + ":\n" + output());
      }
      if (healthStatus() == 200) {
        return this;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("child not healthy after " + timeout + ":\n" + output());
  }

  public int healthStatus() {
    try {
      HttpURLConnection c =
          (HttpURLConnection)
              URI.create("http://127.0.0.1:" + port + "/healthz").toURL().openConnection();
      c.setConnectTimeout(500);
      c.setReadTimeout(2000);
      return c.getResponseCode();
    } catch (IOException e) {
      return -1;
    }
  }

  /** {@code kill -9}: no shutdown hook, no signal handler, nothing flushed. */
  public void kill9() throws Exception {
    new ProcessBuilder("kill", "-9", Long.toString(process.pid())).start().waitFor();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  /** SIGTERM, as a container stop sends; returns the exit status. */
  public int terminate(Duration timeout) throws Exception {
    new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).start().waitFor();
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("child did not stop within " + timeout + ":\n" + output());
    }
    return process.exitValue();
  }

  public int awaitExit(Duration timeout) throws Exception {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("child still running after " + timeout + ":\n" + output());
    }
    return process.exitValue();
  }

  public String output() throws IOException {
    return Files.exists(log()) ? Files.readString(log()) : "";
  }

  @Override
  public void close() {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
