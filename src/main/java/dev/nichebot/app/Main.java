package dev.nichebot.app;

import ch.qos.logback.classic.Level;
import dev.nichebot.app.cli.BenchCommand;
import dev.nichebot.app.cli.ClassifyCommand;
import dev.nichebot.app.cli.ConfigCommand;
import dev.nichebot.app.cli.CrawlCommand;
import dev.nichebot.app.cli.DbCommand;
import dev.nichebot.app.cli.DemoCommand;
import dev.nichebot.app.cli.DiscordCheckCommand;
import dev.nichebot.app.cli.EvaluateCommand;
import dev.nichebot.app.cli.PostsCommand;
import dev.nichebot.app.cli.PublishCommand;
import dev.nichebot.app.cli.RunCommand;
import dev.nichebot.app.cli.StatusCommand;
import dev.nichebot.app.cli.TrainCommand;
import dev.nichebot.config.ConfigException;
import dev.nichebot.config.ConfigLoader;
import dev.nichebot.config.LoadedConfig;
import dev.nichebot.store.DatabaseUnavailableException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code java -jar nichebot.jar <command>}: the bot, and the tools around it. */
@Command(
    name = "nichebot",
    mixinStandardHelpOptions = true,
    versionProvider = Main.VersionProvider.class,
    description = "An always-on bot that runs a niche-interest subreddit, with people in the loop.",
    subcommands = {
      RunCommand.class,
      StatusCommand.class,
      DbCommand.class,
      ConfigCommand.class,
      DiscordCheckCommand.class,
      DemoCommand.class,
      CrawlCommand.class,
      ClassifyCommand.class,
      TrainCommand.class,
      EvaluateCommand.class,
      BenchCommand.class,
      PublishCommand.class,
      PostsCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {
  /** Exit status for a configuration, database or usage problem: nothing was changed. */
  public static final int EXIT_CONFIG = 2;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      scope = ScopeType.INHERIT,
      description = "Configuration file (default: ./bot.properties if present, else defaults).")
  Path configFile;

  private final Map<String, String> environment;
  private final Path workingDir;

  public Main() {
    this(System.getenv(), Path.of("").toAbsolutePath());
  }

  Main(Map<String, String> environment, Path workingDir) {
    this.environment = environment;
    this.workingDir = workingDir;
  }

  public static void main(String[] args) {
    // Before any DJL class loads: without it DJL's engine start probes 169.254.169.254.
    System.setProperty("ai.djl.offline", "true");
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
    System.exit(run(args));
  }

  public static int run(String... args) {
    return commandLine(new Main()).execute(args);
  }

  public static CommandLine commandLine(Main main) {
    CommandLine cli = new CommandLine(main);
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          commandLine
              .getErr()
              .println(
                  "nichebot: "
                      + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
          commandLine.getErr().flush();
          if (e instanceof ConfigException || e instanceof DatabaseUnavailableException) {
            return EXIT_CONFIG;
          }
          LoggerFactory.getLogger(Main.class).debug("command failed", e);
          return 1;
        });
    return cli;
  }

  @Override
  public void run() {
    CommandLine.usage(this, System.out);
  }

  /** Where relative paths (data, samples, models) are resolved from. */
  public Path workingDir() {
    return workingDir;
  }

  /** The validated configuration; also applies its log level. */
  public LoadedConfig loadConfig() {
    return loadConfig(Map.of(), Map.of());
  }

  /**
   * The configuration with a command's own settings: {@code defaults} win over the file but give
   * way to {@code NICHEBOT_*} variables; {@code forced} win over everything (a demo must never post
   * for real, whatever is configured).
   */
  public LoadedConfig loadConfig(Map<String, String> defaults, Map<String, String> forced) {
    Map<String, String> env = new java.util.TreeMap<>();
    defaults.forEach((k, v) -> env.put(dev.nichebot.config.ConfigKey.environmentVariable(k), v));
    env.putAll(environment);
    forced.forEach((k, v) -> env.put(dev.nichebot.config.ConfigKey.environmentVariable(k), v));
    LoadedConfig loaded = ConfigLoader.load(Optional.ofNullable(configFile), workingDir, env);
    var logger = LoggerFactory.getLogger("dev.nichebot");
    if (logger instanceof ch.qos.logback.classic.Logger l) {
      l.setLevel(Level.toLevel(loaded.config().logLevel(), Level.INFO));
    }
    return loaded;
  }

  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"nichebot " + Version.get(), "Java " + Runtime.version()};
    }
  }

  /** Thrown where a problem is the user's to fix: exits with {@link #EXIT_CONFIG}. */
  public static ConfigException usageProblem(String key, String value, String expected) {
    return new ConfigException(new dev.nichebot.config.ConfigProblem(key, value, expected));
  }
}
