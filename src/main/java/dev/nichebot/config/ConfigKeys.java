package dev.nichebot.config;

import dev.nichebot.config.ValueType.Bool;
import dev.nichebot.config.ValueType.Choice;
import dev.nichebot.config.ValueType.Cron;
import dev.nichebot.config.ValueType.FilePath;
import dev.nichebot.config.ValueType.Int;
import dev.nichebot.config.ValueType.OptionalReal;
import dev.nichebot.config.ValueType.Real;
import dev.nichebot.config.ValueType.SecretText;
import dev.nichebot.config.ValueType.Size;
import dev.nichebot.config.ValueType.Span;
import dev.nichebot.config.ValueType.Text;
import dev.nichebot.config.ValueType.TextList;
import dev.nichebot.config.ValueType.Url;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every configuration key nichebot knows, in the order {@code bot.properties.example} lists them.
 */
public final class ConfigKeys {
  private static final Map<String, ConfigKey> KEYS = new LinkedHashMap<>();

  private static final Duration SECOND = Duration.ofSeconds(1);
  private static final Duration DAY = Duration.ofDays(1);
  private static final Duration WEEK = Duration.ofDays(7);

  static {
    section("General");
    key(
        "data.dir",
        new FilePath(),
        "data",
        "Where runtime data lives: database, images, outbox, training runs.");
    key(
        "log.level",
        new Choice("trace", "debug", "info", "warn", "error"),
        "info",
        "Level of nichebot's own log lines.");
    key(
        "shutdown.grace",
        new Span(Duration.ZERO, Duration.ofMinutes(10)),
        "8s",
        "On SIGTERM, how long a running job may finish before it is interrupted (keep it under the container stop timeout, 10s by default).");
    key(
        "scheduler.threads",
        new Int(1, 32),
        "4",
        "Threads Quartz uses to run pipeline jobs (each job runs at most once at a time).");

    section("Database");
    key(
        "store.url",
        new Text(),
        "",
        "JDBC URL of the database. Empty: an embedded H2 file under data.dir. A jdbc:postgresql:// URL works too.");
    key("store.username", new Text(), "", "Database user (empty for the embedded H2).");
    key("store.password", new SecretText(), "", "Database password.");
    key(
        "store.pool-size",
        new Int(2, 64),
        "10",
        "Connections in the pool (jobs, web and scheduler share it).");
    key(
        "store.connect-timeout",
        new Span(SECOND, Duration.ofMinutes(5)),
        "10s",
        "How long to wait for the database before giving up.");

    section("Web server: health, metrics, review page");
    key(
        "web.port",
        new Int(0, 65535),
        "8080",
        "Port of /healthz, /metrics and the review page. 0 turns the web server off.");
    key(
        "web.bind",
        new Text(),
        "127.0.0.1",
        "Address the web server listens on (0.0.0.0 for all). The review page needs web.review-token off loopback.");
    key(
        "web.review-token",
        new SecretText(),
        "",
        "Token the review page requires (header X-Review-Token). Without it the page is served on loopback only.");

    section("Reddit");
    key(
        "reddit.auth-url",
        new Url("https", "http"),
        "https://www.reddit.com",
        "Base URL of Reddit's OAuth token endpoint.");
    key(
        "reddit.api-url",
        new Url("https", "http"),
        "https://oauth.reddit.com",
        "Base URL of Reddit's API.");
    key("reddit.client-id", new Text(), "", "Client id of the Reddit script app.");
    key("reddit.client-secret", new SecretText(), "", "Client secret of the Reddit script app.");
    key("reddit.username", new Text(), "", "Reddit account the bot posts and reads messages as.");
    key("reddit.password", new SecretText(), "", "Password of that account.");
    key(
        "reddit.owner",
        new Text(),
        "",
        "Your Reddit user name, for the User-Agent Reddit requires.");
    key(
        "reddit.user-agent",
        new Text(),
        "",
        "Full User-Agent; empty builds '<platform>:nichebot:<version> (by /u/<owner>)'.");
    key(
        "reddit.subreddit",
        new Text(),
        "",
        "The subreddit the bot runs (posts to, and takes moderators' commands for).");
    key(
        "reddit.connect-timeout",
        new Span(SECOND, Duration.ofMinutes(2)),
        "10s",
        "Connect timeout for Reddit calls.");
    key(
        "reddit.read-timeout",
        new Span(SECOND, Duration.ofMinutes(5)),
        "30s",
        "Read timeout for Reddit calls.");
    key(
        "reddit.max-retries",
        new Int(0, 10),
        "4",
        "Retries of a failed Reddit call (5xx, network errors, 429).");
    key(
        "reddit.max-retry-time",
        new Span(SECOND, Duration.ofMinutes(30)),
        "2m",
        "Total time one Reddit call may spend retrying.");

    section("Discord review");
    key(
        "discord.token",
        new SecretText(),
        "",
        "Bot token. Empty: review happens on the local web page instead.");
    key("discord.guild-id", new Text(), "", "Id of the Discord server (guild).");
    key(
        "discord.review-channel-id",
        new Text(),
        "",
        "Id of the private channel where candidates are reviewed.");
    key(
        "discord.reviewer-role-ids",
        new TextList(),
        "",
        "Role ids whose members may review (comma-separated).");
    key(
        "discord.reviewer-user-ids",
        new TextList(),
        "",
        "User ids who may review (comma-separated).");
    key("discord.approve-emoji", new Text(), "\u2705", "Reaction that approves.");
    key("discord.reject-emoji", new Text(), "\u274C", "Reaction that rejects.");
    key(
        "discord.rest-url",
        new Url("https", "http"),
        "https://discord.com/api/v10",
        "Base URL of Discord's REST API.");
    key(
        "discord.gateway-url",
        new Url("wss", "ws"),
        "wss://gateway.discord.gg",
        "URL of Discord's gateway.");
    key(
        "discord.upload-limit",
        new Size(64 << 10, 500L << 20),
        "8MB",
        "Largest image upload; bigger images are scaled down to fit.");

    section("Crawling and downloading");
    key(
        "crawl.sources",
        new TextList(),
        "",
        "Where images come from: reddit:<sub>[/new|/hot|/top], feed:<url>, urls:<file>, folder:<path>.");
    key("crawl.cron", new Cron(), "0 */15 * * * ?", "When sources are read for new images.");
    key(
        "crawl.download-cron",
        new Cron(),
        "10 * * * * ?",
        "When discovered images are downloaded.");
    key(
        "crawl.first-run-pages",
        new Int(1, 100),
        "3",
        "Listing pages read from a new Reddit source on its first run.");
    key("crawl.batch-size", new Int(1, 100000), "200", "Images downloaded per download run.");
    key(
        "crawl.max-bytes",
        new Size(1024, 1L << 30),
        "20MB",
        "Largest image downloaded (enforced while streaming).");
    key(
        "crawl.max-pixels",
        new Int(1, 1_000_000_000),
        "50000000",
        "Largest image (width x height), read from the header before decoding.");
    key("crawl.max-redirects", new Int(0, 20), "5", "Redirects followed per download.");
    key(
        "crawl.connect-timeout",
        new Span(Duration.ofMillis(100), Duration.ofMinutes(2)),
        "10s",
        "Connect timeout for downloads.");
    key(
        "crawl.read-timeout",
        new Span(Duration.ofMillis(100), Duration.ofMinutes(5)),
        "30s",
        "Read timeout for downloads.");
    key("crawl.concurrency", new Int(1, 64), "4", "Downloads running at once.");
    key(
        "crawl.per-host-concurrency",
        new Int(1, 16),
        "2",
        "Downloads running at once against one host.");
    key(
        "crawl.per-host-delay",
        new Span(Duration.ZERO, Duration.ofMinutes(1)),
        "250ms",
        "Pause between two downloads from one host.");
    key(
        "crawl.allow-hosts",
        new TextList(),
        "",
        "Hosts exempt from the private-address (SSRF) check, e.g. 127.0.0.1 in tests. Leave empty in production.");
    key(
        "crawl.max-attempts",
        new Int(1, 20),
        "3",
        "Attempts for a download that fails transiently (timeout, 5xx) before it is marked FAILED.");
    key(
        "crawl.retry-backoff",
        new Span(SECOND, DAY),
        "5m",
        "Wait before the first retry of a transient failure; doubles each attempt.");
    key(
        "crawl.dedup-distance",
        new Int(0, 32),
        "12",
        "Largest perceptual-hash Hamming distance that counts as a near duplicate (12 was chosen with nichebot bench dedup).");
    key(
        "crawl.dedup-similarity",
        new Real(0, 1),
        "0.985",
        "A hash match is a duplicate only when the two images' 32x32 greyscale prints correlate at least this much (brightness and size aside); 0 lets the hash alone decide.");
    key(
        "crawl.user-agent",
        new Text(),
        "",
        "User-Agent for downloads and feeds; empty builds 'nichebot/<version>'.");

    section("Classifier");
    key("classify.cron", new Cron(), "30 * * * * ?", "When downloaded images are classified.");
    key(
        "classify.model-dir",
        new FilePath(),
        "models/demo-sleeves",
        "Model bundle that scores images (a head on the backbone, or your own).");
    key(
        "classify.nsfw-model-dir",
        new FilePath(),
        "models/nsfw",
        "Model bundle of the NSFW gate. Empty turns the gate off.");
    key(
        "classify.threshold",
        new OptionalReal(0, 1),
        "",
        "Signal score from which a candidate goes to review. Empty: the bundle's own threshold.");
    key(
        "classify.nsfw-threshold",
        new Real(0, 1),
        "0.8",
        "NSFW score above which a candidate is held back (unless the subreddit is NSFW).");
    key(
        "classify.batch-size",
        new Int(1, 256),
        "8",
        "Images scored per forward pass. 8 is as fast as 16 or 32 on CPU and keeps the process under 1 GB.");
    key("classify.threads", new Int(0, 64), "0", "Threads for inference; 0 = one per core.");

    section("Review");
    key(
        "review.mode",
        new Choice("auto", "web", "discord"),
        "auto",
        "Where review happens. auto: Discord when discord.token is set, else the local web page.");
    key(
        "review.cron",
        new Cron(),
        "20 * * * * ?",
        "When candidates are sent to review and stale ones expired.");
    key("review.quorum", new Int(1, 20), "1", "Approvals needed to approve a candidate.");
    key("review.veto", new Bool(), "true", "A single rejection rejects, whatever the approvals.");
    key(
        "review.undo-window",
        new Span(Duration.ZERO, DAY),
        "10m",
        "How long a reviewer may withdraw a vote.");
    key(
        "review.max-pending",
        new Int(1, 1000),
        "10",
        "Candidates waiting in the review channel at most.");
    key(
        "review.remind-after",
        new Span(Duration.ofMinutes(1), WEEK),
        "12h",
        "Remind reviewers of a candidate waiting this long.");
    key(
        "review.expire-after",
        new Span(Duration.ofMinutes(1), Duration.ofDays(60)),
        "2d",
        "Return a candidate to the queue when it waited this long.");

    section("Publishing");
    key("publish.cron", new Cron(), "0 0 9,13,18,22 * * ?", "Posting slots.");
    key(
        "publish.jitter",
        new Span(Duration.ZERO, Duration.ofHours(6)),
        "15m",
        "Random delay up to this long after a slot, so posts do not land on the same second.");
    key("publish.min-gap", new Span(Duration.ZERO, WEEK), "2h", "Least time between two posts.");
    key("publish.daily-max", new Int(0, 100), "4", "Most posts per day (UTC).");
    key(
        "publish.order",
        new Choice("oldest", "score"),
        "oldest",
        "Which approved candidate is posted first: oldest approval or highest score.");
    key(
        "publish.dry-run",
        new Choice("auto", "true", "false"),
        "auto",
        "Write posts to data/outbox instead of Reddit. auto: on when Reddit credentials are missing.");
    key(
        "publish.upload",
        new Choice("auto", "native", "link"),
        "auto",
        "auto: native image upload for local files, link post otherwise; native or link: always.");
    key(
        "publish.crosspost",
        new Bool(),
        "false",
        "Crosspost when the image came from a Reddit post and the target allows it.");
    key(
        "publish.title-template",
        new Text(),
        "{title}",
        "Post title. Fields: {title} {author} {source} {subreddit} {id} {date}; {field|fallback} for missing ones.");
    key(
        "publish.default-title",
        new Text(),
        "Today's find",
        "Title used when the template leaves nothing.");
    key(
        "publish.comment-template",
        new Text(),
        "",
        "Credit comment posted under each post; empty: none. Same fields as the title.");
    key("publish.flair-id", new Text(), "", "Flair template id set on each post.");
    key("publish.flair-text", new Text(), "", "Flair text set on each post.");
    key("publish.nsfw", new Bool(), "false", "Mark posts NSFW.");
    key("publish.spoiler", new Bool(), "false", "Mark posts as spoilers.");
    key(
        "publish.max-attempts",
        new Int(1, 20),
        "3",
        "Attempts for a post that fails (other than RATELIMIT) before it is marked FAILED.");

    section("Moderators' commands by Reddit message");
    key(
        "moderation.cron",
        new Cron(),
        "0 * * * * ?",
        "When the bot reads moderators' private messages.");
    key(
        "moderation.moderator-cache",
        new Span(Duration.ZERO, DAY),
        "5m",
        "How long the subreddit's moderator list is trusted before it is read again.");
    key(
        "moderation.reply-to-strangers",
        new Bool(),
        "true",
        "Reply (at most once a day) to non-moderators who send commands.");
  }

  private ConfigKeys() {}

  private static String section = "";

  private static void section(String title) {
    section = title;
  }

  private static void key(String name, ValueType type, String defaultValue, String description) {
    ConfigKey key = new ConfigKey(section, name, type, defaultValue, description);
    if (KEYS.put(name, key) != null) {
      throw new IllegalStateException("duplicate key " + name);
    }
  }

  public static List<ConfigKey> all() {
    return Collections.unmodifiableList(new ArrayList<>(KEYS.values()));
  }

  public static Optional<ConfigKey> find(String name) {
    return Optional.ofNullable(KEYS.get(name));
  }

  /** The known key closest to a misspelt one, when it is close enough to be a likely typo. */
  public static Optional<String> nearest(String unknown) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String name : KEYS.keySet()) {
      int d = editDistance(unknown, name);
      if (d < bestDistance) {
        best = name;
        bestDistance = d;
      }
    }
    return bestDistance <= Math.max(3, unknown.length() / 3) ? Optional.of(best) : Optional.empty();
  }

  static int editDistance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
