package dev.nichebot.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Checks that span several keys; each finding names the key to change. */
final class ConfigChecks {
  private static final Pattern SNOWFLAKE = Pattern.compile("\\d{1,20}");
  private static final Pattern SUBREDDIT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_]{1,20}");
  private static final Pattern SOURCE =
      Pattern.compile(
          "(reddit:[A-Za-z0-9_]{2,21}(/(new|hot|top))?|feed:https?://.+|urls:.+|folder:.+)");

  private ConfigChecks() {}

  static List<ConfigProblem> check(BotConfig c) {
    List<ConfigProblem> problems = new ArrayList<>();
    checkStore(c.store(), problems);
    checkReddit(c, problems);
    checkDiscord(c, problems);
    checkWeb(c.web(), problems);
    for (String source : c.crawl().sources()) {
      if (!SOURCE.matcher(source).matches()) {
        problems.add(
            new ConfigProblem(
                "crawl.sources",
                source,
                "a source must be reddit:<subreddit>[/new|/hot|/top], feed:<http(s) url>,"
                    + " urls:<file> or folder:<path>"));
      }
    }
    return problems;
  }

  private static void checkStore(BotConfig.Store s, List<ConfigProblem> problems) {
    if (!s.url().startsWith("jdbc:h2:") && !s.url().startsWith("jdbc:postgresql:")) {
      problems.add(
          new ConfigProblem(
              "store.url",
              s.url(),
              "a jdbc:h2: or jdbc:postgresql: URL, or empty for embedded H2"));
    }
  }

  private static void checkReddit(BotConfig c, List<ConfigProblem> problems) {
    BotConfig.Reddit r = c.reddit();
    List<String> missing = new ArrayList<>();
    if (r.clientId().isEmpty()) {
      missing.add("reddit.client-id");
    }
    if (r.clientSecret().isEmpty()) {
      missing.add("reddit.client-secret");
    }
    if (r.username().isEmpty()) {
      missing.add("reddit.username");
    }
    if (r.password().isEmpty()) {
      missing.add("reddit.password");
    }
    if (!missing.isEmpty() && missing.size() < 4) {
      problems.add(
          new ConfigProblem(
              missing.get(0),
              null,
              "Reddit login needs all four of reddit.client-id, reddit.client-secret,"
                  + " reddit.username and reddit.password; missing: "
                  + String.join(", ", missing)));
    }
    if (!r.subreddit().isEmpty() && !SUBREDDIT.matcher(r.subreddit()).matches()) {
      problems.add(
          new ConfigProblem("reddit.subreddit", r.subreddit(), "a subreddit name like 'pics'"));
    }
    if (r.hasCredentials()) {
      if (r.owner().isEmpty() && r.userAgent().isEmpty()) {
        problems.add(
            new ConfigProblem(
                "reddit.owner",
                null,
                "Reddit requires a User-Agent naming its owner: set reddit.owner (your Reddit name)"
                    + " or reddit.user-agent"));
      }
      if (r.subreddit().isEmpty()) {
        problems.add(
            new ConfigProblem(
                "reddit.subreddit",
                null,
                "set the subreddit the bot runs when logging in to Reddit"));
      }
    }
    if (!c.publish().dryRun() && !r.hasCredentials()) {
      problems.add(
          new ConfigProblem(
              "publish.dry-run",
              "false",
              "posting to Reddit needs the Reddit credentials (reddit.client-id, ...); set them or"
                  + " use publish.dry-run=auto"));
    }
  }

  private static void checkDiscord(BotConfig c, List<ConfigProblem> problems) {
    BotConfig.Discord d = c.discord();
    for (String id : d.reviewerRoleIds()) {
      if (!SNOWFLAKE.matcher(id).matches()) {
        problems.add(new ConfigProblem("discord.reviewer-role-ids", id, "numeric Discord ids"));
      }
    }
    for (String id : d.reviewerUserIds()) {
      if (!SNOWFLAKE.matcher(id).matches()) {
        problems.add(new ConfigProblem("discord.reviewer-user-ids", id, "numeric Discord ids"));
      }
    }
    if (!d.guildId().isEmpty() && !SNOWFLAKE.matcher(d.guildId()).matches()) {
      problems.add(new ConfigProblem("discord.guild-id", d.guildId(), "a numeric Discord id"));
    }
    if (!d.reviewChannelId().isEmpty() && !SNOWFLAKE.matcher(d.reviewChannelId()).matches()) {
      problems.add(
          new ConfigProblem(
              "discord.review-channel-id", d.reviewChannelId(), "a numeric Discord id"));
    }
    if (d.approveEmoji().isBlank() || d.approveEmoji().equals(d.rejectEmoji())) {
      problems.add(
          new ConfigProblem(
              "discord.approve-emoji",
              d.approveEmoji(),
              "an emoji, different from discord.reject-emoji"));
    }
    if (c.review().mode() == BotConfig.ReviewMode.DISCORD) {
      if (d.token().isEmpty()) {
        problems.add(
            new ConfigProblem("discord.token", null, "review.mode=discord needs a bot token"));
      }
      if (d.guildId().isEmpty()) {
        problems.add(
            new ConfigProblem("discord.guild-id", null, "review in Discord needs the server id"));
      }
      if (d.reviewChannelId().isEmpty()) {
        problems.add(
            new ConfigProblem(
                "discord.review-channel-id", null, "review in Discord needs the channel id"));
      }
      if (d.reviewerRoleIds().isEmpty() && d.reviewerUserIds().isEmpty()) {
        problems.add(
            new ConfigProblem(
                "discord.reviewer-role-ids",
                null,
                "name who may review: discord.reviewer-role-ids and/or discord.reviewer-user-ids"));
      }
    }
  }

  private static void checkWeb(BotConfig.Web w, List<ConfigProblem> problems) {
    if (!w.enabled()) {
      return;
    }
    try {
      InetAddress.getByName(w.bind());
    } catch (UnknownHostException e) {
      problems.add(
          new ConfigProblem("web.bind", w.bind(), "an IP address or host name of this machine"));
    }
  }
}
