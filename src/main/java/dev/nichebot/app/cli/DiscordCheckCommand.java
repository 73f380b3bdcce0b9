package dev.nichebot.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nichebot.app.Main;
import dev.nichebot.config.BotConfig;
import dev.nichebot.review.ReviewChannelException;
import dev.nichebot.review.discord.DiscordConfig;
import dev.nichebot.review.discord.DiscordReviewChannel;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Connects to Discord with the configured bot, server and review channel, and says what works and
 * what to fix. It posts nothing; it does (re)register the reviewers' slash commands, as the bot
 * does at every start.
 */
@Command(
    name = "discord-check",
    description =
        "Log in to Discord with the configured bot and check the review server, channel and"
            + " permissions. Exit 0 when all is ready, 1 when something must be fixed.")
public final class DiscordCheckCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--timeout-seconds",
      defaultValue = "30",
      description = "How long to wait for the gateway (default: ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  @Option(names = "--json", description = "Print one JSON object, for scripts.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    BotConfig.Discord discord = CliSupport.config(spec).config().discord();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (discord.token().isEmpty()
        || discord.guildId().isEmpty()
        || discord.reviewChannelId().isEmpty()) {
      err.println(
          "nichebot: discord.token, discord.guild-id and discord.review-channel-id must all be set"
              + " to check Discord");
      err.flush();
      return Main.EXIT_CONFIG;
    }
    try (DiscordReviewChannel channel = new DiscordReviewChannel(discordConfig(discord))) {
      channel.start(change -> {}, command -> "nichebot is being set up; try again when it runs.");
      channel.awaitConnected(Duration.ofSeconds(timeoutSeconds));
      DiscordReviewChannel.Diagnosis diagnosis = channel.diagnose();
      if (json) {
        out.println(new ObjectMapper().writeValueAsString(diagnosis));
      } else {
        print(diagnosis, discord, out);
      }
      out.flush();
      return diagnosis.connected() && diagnosis.missingPermissions().isEmpty() ? 0 : 1;
    } catch (ReviewChannelException e) {
      err.println("nichebot: " + e.getMessage());
      err.flush();
      return 1;
    }
  }

  /** The adapter's settings from the loaded configuration (ids are checked numeric there). */
  public static DiscordConfig discordConfig(BotConfig.Discord discord) {
    return DiscordConfig.builder(
            discord.token(),
            Long.parseLong(discord.guildId()),
            Long.parseLong(discord.reviewChannelId()))
        .approveEmoji(discord.approveEmoji())
        .rejectEmoji(discord.rejectEmoji())
        .restBaseUrl(discord.restUrl())
        .gatewayUrl(discord.gatewayUrl())
        .uploadLimitBytes(discord.uploadLimitBytes())
        .build();
  }

  private static void print(
      DiscordReviewChannel.Diagnosis d, BotConfig.Discord discord, PrintWriter out) {
    out.println("Discord");
    out.printf("  %-16s %s%n", "bot", d.bot() == null ? "not logged in" : d.bot());
    out.printf(
        "  %-16s %s%n",
        "server",
        d.server() == null
            ? "NOT FOUND: is the bot invited to server " + discord.guildId() + "?"
            : d.server() + " (" + discord.guildId() + ")");
    out.printf(
        "  %-16s %s%n",
        "review channel",
        d.channel() == null
            ? "NOT VISIBLE: check discord.review-channel-id and the bot's View Channels permission"
            : "#" + d.channel() + " (" + discord.reviewChannelId() + ")");
    out.printf("  %-16s %s%n", "gateway", d.connected() ? "connected" : "NOT CONNECTED");
    out.printf(
        "  %-16s %s%n",
        "permissions",
        d.missingPermissions().isEmpty()
            ? (d.channel() == null ? "unknown" : "all granted")
            : "MISSING: "
                + String.join(", ", d.missingPermissions())
                + " (allow them for the bot's role in the channel)");
  }
}
