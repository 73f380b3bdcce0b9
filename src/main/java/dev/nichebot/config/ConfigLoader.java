package dev.nichebot.config;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Reads {@code bot.properties} (or built-in defaults), applies {@code NICHEBOT_*} environment
 * overrides, validates everything and reports every problem at once.
 */
public final class ConfigLoader {
  public static final String DEFAULT_FILE = "bot.properties";
  public static final String ENV_PREFIX = "NICHEBOT_";

  private ConfigLoader() {}

  /**
   * Loads the configuration.
   *
   * @param explicitFile the {@code --config} file, which must exist; empty to use {@code
   *     ./bot.properties} when present, else the defaults alone
   * @param workingDir where {@code ./bot.properties} is looked for
   * @param environment the process environment (only {@code NICHEBOT_*} entries are read)
   * @throws ConfigException listing every problem found
   */
  public static LoadedConfig load(
      Optional<Path> explicitFile, Path workingDir, Map<String, String> environment) {
    return load(explicitFile, true, workingDir, environment);
  }

  /**
   * The defaults with the given keys overridden (as if set in the file), never reading {@code
   * ./bot.properties}: for tests and the embedded demo. Relative paths resolve against {@code
   * workingDir}.
   */
  public static BotConfig defaults(Path workingDir, Map<String, String> overrides) {
    Map<String, String> env = new TreeMap<>();
    overrides.forEach((k, v) -> env.put(ConfigKey.environmentVariable(k), v));
    return load(Optional.empty(), false, workingDir, env).config();
  }

  private static LoadedConfig load(
      Optional<Path> explicitFile,
      boolean lookForDefaultFile,
      Path workingDir,
      Map<String, String> environment) {
    Map<String, String> raw = new LinkedHashMap<>();
    Map<String, String> origin = new LinkedHashMap<>();
    for (ConfigKey key : ConfigKeys.all()) {
      raw.put(key.name(), key.defaultValue());
      origin.put(key.name(), "default");
    }
    List<ConfigProblem> problems = new ArrayList<>();

    Optional<Path> file =
        explicitFile.or(
            () ->
                Optional.of(workingDir.resolve(DEFAULT_FILE))
                    .filter(f -> lookForDefaultFile && Files.isRegularFile(f)));
    if (file.isPresent()) {
      readFile(file.get(), raw, origin, problems);
    }
    readEnvironment(environment, raw, origin, problems);

    Map<String, Object> values = new LinkedHashMap<>();
    for (ConfigKey key : ConfigKeys.all()) {
      String text = raw.get(key.name());
      try {
        values.put(key.name(), key.type().parse(text));
      } catch (IllegalArgumentException e) {
        problems.add(new ConfigProblem(key.name(), shown(key, text), e.getMessage()));
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    BotConfig config = build(new Values(values), workingDir);
    problems.addAll(ConfigChecks.check(config));
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return new LoadedConfig(config, file, raw, origin);
  }

  private static void readFile(
      Path file,
      Map<String, String> raw,
      Map<String, String> origin,
      List<ConfigProblem> problems) {
    if (!Files.isRegularFile(file)) {
      problems.add(new ConfigProblem("--config", file.toString(), "no such file"));
      return;
    }
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IOException | IllegalArgumentException e) {
      problems.add(
          new ConfigProblem("--config", file.toString(), "cannot be read: " + e.getMessage()));
      return;
    }
    for (String name : new TreeMap<>(toMap(properties)).keySet()) {
      Optional<ConfigKey> key = ConfigKeys.find(name);
      if (key.isEmpty()) {
        problems.add(
            new ConfigProblem(
                name,
                null,
                "unknown key in "
                    + file.getFileName()
                    + ConfigKeys.nearest(name).map(n -> " (did you mean " + n + "?)").orElse("")));
        continue;
      }
      raw.put(name, properties.getProperty(name).trim());
      origin.put(name, file.toString());
    }
  }

  private static void readEnvironment(
      Map<String, String> environment,
      Map<String, String> raw,
      Map<String, String> origin,
      List<ConfigProblem> problems) {
    Map<String, ConfigKey> byVariable = new LinkedHashMap<>();
    for (ConfigKey key : ConfigKeys.all()) {
      byVariable.put(key.environmentVariable(), key);
    }
    for (Map.Entry<String, String> e : new TreeMap<>(environment).entrySet()) {
      if (!e.getKey().startsWith(ENV_PREFIX)) {
        continue;
      }
      ConfigKey key = byVariable.get(e.getKey());
      if (key == null) {
        String guess = e.getKey().substring(ENV_PREFIX.length()).toLowerCase().replace('_', '.');
        problems.add(
            new ConfigProblem(
                e.getKey(),
                null,
                "unknown environment variable"
                    + ConfigKeys.nearest(guess)
                        .map(n -> " (did you mean " + ConfigKey.environmentVariable(n) + "?)")
                        .orElse("")));
        continue;
      }
      raw.put(key.name(), e.getValue().trim());
      origin.put(key.name(), "environment " + e.getKey());
    }
  }

  private static Map<String, String> toMap(Properties properties) {
    Map<String, String> map = new LinkedHashMap<>();
    for (String name : properties.stringPropertyNames()) {
      map.put(name, properties.getProperty(name));
    }
    return map;
  }

  static String shown(ConfigKey key, String text) {
    return key.isSecret() && !text.isEmpty() ? "***" : text;
  }

  private static BotConfig build(Values v, Path workingDir) {
    Path dataDir = v.path("data.dir");
    String storeUrl = v.text("store.url");
    if (storeUrl.isBlank()) {
      // AUTO_SERVER lets `nichebot status` read the database while the bot holds the file;
      // WRITE_DELAY=0 writes each commit at once, so a kill -9 loses no committed work.
      // async: H2's default FileChannel is closed by Thread.interrupt() (which Quartz and
      // shutdown use), and that closes the whole database for every connection.
      storeUrl =
          "jdbc:h2:async:"
              + workingDir.resolve(dataDir).toAbsolutePath().normalize().resolve("nichebot")
              + ";AUTO_SERVER=TRUE;WRITE_DELAY=0";
    }
    Secret discordToken = v.secret("discord.token");
    BotConfig.ReviewMode reviewMode =
        switch (v.text("review.mode")) {
          case "web" -> BotConfig.ReviewMode.WEB;
          case "discord" -> BotConfig.ReviewMode.DISCORD;
          default ->
              discordToken.isPresent() ? BotConfig.ReviewMode.DISCORD : BotConfig.ReviewMode.WEB;
        };
    BotConfig.Reddit reddit =
        new BotConfig.Reddit(
            v.uri("reddit.auth-url"),
            v.uri("reddit.api-url"),
            v.text("reddit.client-id"),
            v.secret("reddit.client-secret"),
            v.text("reddit.username"),
            v.secret("reddit.password"),
            v.text("reddit.owner"),
            v.text("reddit.user-agent"),
            stripSubredditPrefix(v.text("reddit.subreddit")),
            v.duration("reddit.connect-timeout"),
            v.duration("reddit.read-timeout"),
            v.integer("reddit.max-retries"),
            v.duration("reddit.max-retry-time"));
    boolean dryRun =
        switch (v.text("publish.dry-run")) {
          case "true" -> true;
          case "false" -> false;
          default -> !reddit.hasCredentials();
        };
    double threshold = v.real("classify.threshold");
    String nsfwDir = v.text("classify.nsfw-model-dir");
    return new BotConfig(
        dataDir,
        v.text("log.level"),
        v.duration("shutdown.grace"),
        v.integer("scheduler.threads"),
        new BotConfig.Store(
            storeUrl,
            v.text("store.username"),
            v.secret("store.password"),
            v.integer("store.pool-size"),
            v.duration("store.connect-timeout")),
        new BotConfig.Web(v.integer("web.port"), v.text("web.bind"), v.secret("web.review-token")),
        reddit,
        new BotConfig.Discord(
            discordToken,
            v.text("discord.guild-id"),
            v.text("discord.review-channel-id"),
            v.list("discord.reviewer-role-ids"),
            v.list("discord.reviewer-user-ids"),
            v.text("discord.approve-emoji"),
            v.text("discord.reject-emoji"),
            v.uri("discord.rest-url"),
            v.uri("discord.gateway-url"),
            v.size("discord.upload-limit")),
        new BotConfig.Crawl(
            v.list("crawl.sources"),
            v.text("crawl.cron"),
            v.text("crawl.download-cron"),
            v.integer("crawl.first-run-pages"),
            v.integer("crawl.batch-size"),
            v.size("crawl.max-bytes"),
            v.size("crawl.max-pixels"),
            v.integer("crawl.max-redirects"),
            v.duration("crawl.connect-timeout"),
            v.duration("crawl.read-timeout"),
            v.integer("crawl.concurrency"),
            v.integer("crawl.per-host-concurrency"),
            v.duration("crawl.per-host-delay"),
            v.list("crawl.allow-hosts"),
            v.integer("crawl.max-attempts"),
            v.duration("crawl.retry-backoff"),
            v.integer("crawl.dedup-distance"),
            v.real("crawl.dedup-similarity"),
            v.text("crawl.user-agent")),
        new BotConfig.Classify(
            v.text("classify.cron"),
            v.path("classify.model-dir"),
            nsfwDir.isBlank() ? null : Path.of(nsfwDir),
            Double.isNaN(threshold) ? OptionalDouble.empty() : OptionalDouble.of(threshold),
            v.real("classify.nsfw-threshold"),
            v.integer("classify.batch-size"),
            v.integer("classify.threads")),
        new BotConfig.Review(
            reviewMode,
            v.text("review.cron"),
            v.integer("review.quorum"),
            v.bool("review.veto"),
            v.duration("review.undo-window"),
            v.integer("review.max-pending"),
            v.duration("review.remind-after"),
            v.duration("review.expire-after")),
        new BotConfig.Publish(
            v.text("publish.cron"),
            v.duration("publish.jitter"),
            v.duration("publish.min-gap"),
            v.integer("publish.daily-max"),
            v.text("publish.order"),
            dryRun,
            v.text("publish.upload"),
            v.bool("publish.crosspost"),
            v.text("publish.title-template"),
            v.text("publish.default-title"),
            v.text("publish.comment-template"),
            v.text("publish.flair-id"),
            v.text("publish.flair-text"),
            v.bool("publish.nsfw"),
            v.bool("publish.spoiler"),
            v.integer("publish.max-attempts")),
        new BotConfig.Moderation(
            v.text("moderation.cron"),
            v.duration("moderation.moderator-cache"),
            v.bool("moderation.reply-to-strangers")));
  }

  private static String stripSubredditPrefix(String name) {
    String s = name.trim();
    if (s.startsWith("/")) {
      s = s.substring(1);
    }
    return s.startsWith("r/") ? s.substring(2) : s;
  }

  /** Typed access to parsed values; the keys are known to exist once parsing succeeded. */
  private record Values(Map<String, Object> values) {
    String text(String key) {
      Object v = values.get(key);
      return v instanceof Path p ? p.toString() : (String) v;
    }

    Secret secret(String key) {
      return (Secret) values.get(key);
    }

    int integer(String key) {
      return Math.toIntExact((Long) values.get(key));
    }

    long size(String key) {
      return (Long) values.get(key);
    }

    double real(String key) {
      return (Double) values.get(key);
    }

    boolean bool(String key) {
      return (Boolean) values.get(key);
    }

    Duration duration(String key) {
      return (Duration) values.get(key);
    }

    URI uri(String key) {
      return (URI) values.get(key);
    }

    Path path(String key) {
      return (Path) values.get(key);
    }

    @SuppressWarnings("unchecked")
    List<String> list(String key) {
      return (List<String>) values.get(key);
    }
  }
}
