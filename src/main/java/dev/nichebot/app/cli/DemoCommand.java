package dev.nichebot.app.cli;

import dev.nichebot.app.Main;
import dev.nichebot.config.BotConfig;
import dev.nichebot.config.LoadedConfig;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The whole loop on one machine with no accounts: the shipped sample images as a folder source, the
 * shipped model, review on the local page, publishing in dry run to {@code data/outbox/}. Stages
 * run every few seconds instead of a few times a day, so a newcomer sees the loop turn.
 */
@Command(
    name = "demo",
    description =
        "Run the whole loop locally with no Reddit or Discord account: sample images, the demo"
            + " model, review in the browser, dry-run posts to data/outbox/.")
public final class DemoCommand implements Callable<Integer> {
  static final Path SAMPLES = Path.of("samples", "fashion-sleeves");

  @Spec CommandSpec spec;

  @Option(
      names = "--samples",
      paramLabel = "DIR",
      description = "Folder of images to crawl (default: the shipped samples/fashion-sleeves).")
  Path samples;

  @Override
  public Integer call() throws Exception {
    Main main = (Main) spec.root().userObject();
    Path folder =
        Optional.ofNullable(samples)
            .or(() -> shipped(main.workingDir()))
            .orElseThrow(
                () ->
                    Main.usageProblem(
                        "--samples",
                        SAMPLES.toString(),
                        "a folder of images (the shipped samples were not found beside the"
                            + " working directory or the jar)"));
    if (!Files.isDirectory(folder)) {
      throw Main.usageProblem("--samples", folder.toString(), "an existing folder of images");
    }
    LoadedConfig loaded = main.loadConfig(demoDefaults(), forced(folder));
    PrintWriter out = spec.commandLine().getOut();
    return BotProcess.runUntilStopped(loaded, bot -> printWhereToLook(loaded.config(), bot, out));
  }

  /** Fast schedules: the loop turns in seconds, not hours. */
  static Map<String, String> demoDefaults() {
    Map<String, String> keys = new LinkedHashMap<>();
    keys.put("crawl.cron", "0/20 * * * * ?");
    keys.put("crawl.download-cron", "5/10 * * * * ?");
    keys.put("classify.cron", "7/10 * * * * ?");
    keys.put("review.cron", "0/15 * * * * ?");
    keys.put("publish.cron", "0/30 * * * * ?");
    keys.put("publish.jitter", "0s");
    keys.put("publish.min-gap", "0s");
    keys.put("publish.daily-max", "100");
    // The samples are 28×28 Fashion-MNIST silhouettes, upscaled: at the photo-tuned 12 bits two
    // different shirts often look alike; 4 still finds the copies, resizes and re-encodes.
    keys.put("crawl.dedup-distance", "4");
    return keys;
  }

  /** What the demo never leaves to configuration: no real posts, no Discord, our own samples. */
  static Map<String, String> forced(Path folder) {
    Map<String, String> keys = new LinkedHashMap<>();
    keys.put("crawl.sources", "folder:" + folder.toAbsolutePath().normalize());
    keys.put("review.mode", "web");
    keys.put("publish.dry-run", "true");
    return keys;
  }

  /** The samples beside the working directory, or beside the jar ({@code target/..}, /app). */
  static Optional<Path> shipped(Path workingDir) {
    if (Files.isDirectory(workingDir.resolve(SAMPLES))) {
      return Optional.of(workingDir.resolve(SAMPLES));
    }
    try {
      Path jar =
          Path.of(DemoCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      for (Path dir = jar.getParent(); dir != null; dir = dir.getParent()) {
        if (Files.isDirectory(dir.resolve(SAMPLES))) {
          return Optional.of(dir.resolve(SAMPLES));
        }
      }
    } catch (URISyntaxException | SecurityException | NullPointerException e) {
      // no code source: only the working directory counts
    }
    return Optional.empty();
  }

  private static void printWhereToLook(
      BotConfig config, dev.nichebot.app.Bot bot, PrintWriter out) {
    String page =
        bot.web()
            .map(w -> "http://" + hostFor(config.web().bind()) + ":" + w.port() + "/review")
            .orElse("(web server off: set web.port)");
    out.println();
    out.println("nichebot demo is running: crawl, dedup, classify, review, publish (dry run).");
    out.println("  review page  " + page);
    out.println("  outbox       " + config.outboxDir().toAbsolutePath().normalize());
    out.println("  status       java -jar target/nichebot.jar status   (in another terminal)");
    out.println("  stop         Ctrl-C");
    out.println();
    out.flush();
  }

  private static String hostFor(String bind) {
    return bind.equals("0.0.0.0") || bind.equals("::") ? "127.0.0.1" : bind;
  }
}
