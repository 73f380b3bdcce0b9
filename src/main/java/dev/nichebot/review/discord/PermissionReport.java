package dev.nichebot.review.discord;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.channel.middleman.GuildChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports each permission the bot lacks in the review channel once, as one ERROR that says what to
 * grant and what stops working without it; and once more only if it is lost again after being
 * granted.
 */
final class PermissionReport {
  private static final Logger LOG = LoggerFactory.getLogger(PermissionReport.class);

  /** A permission as Discord's settings screens name it, and why the bot needs it. */
  record Need(String uiName, String why) {}

  /** What the bot needs in the review channel. */
  static final Map<Permission, Need> REQUIRED =
      Map.of(
          Permission.VIEW_CHANNEL, new Need("View Channels", "to see the review channel at all"),
          Permission.MESSAGE_SEND, new Need("Send Messages", "to post candidates and reminders"),
          Permission.MESSAGE_EMBED_LINKS,
              new Need("Embed Links", "to show a candidate's details (embeds)"),
          Permission.MESSAGE_ATTACH_FILES, new Need("Attach Files", "to upload candidate images"),
          Permission.MESSAGE_ADD_REACTION,
              new Need("Add Reactions", "to add the approve and reject reactions"),
          Permission.MESSAGE_HISTORY,
              new Need(
                  "Read Message History",
                  "to read votes and find cards again after a restart (and to react)"),
          Permission.MESSAGE_MANAGE,
              new Need("Manage Messages", "to remove reactions of people who are not reviewers"));

  /** The name Discord's settings show for a permission. */
  static String uiName(Permission permission) {
    Need need = REQUIRED.get(permission);
    return need != null ? need.uiName() : permission.getName();
  }

  private final Set<Permission> reported = ConcurrentHashMap.newKeySet();
  private volatile boolean refusalReported;

  /** Checks every required permission against the bot's cached roles and overrides. */
  void check(Member self, GuildChannel channel) {
    EnumSet<Permission> missing = EnumSet.noneOf(Permission.class);
    for (Permission permission : REQUIRED.keySet()) {
      if (self.hasPermission(channel, permission)) {
        if (reported.remove(permission)) {
          LOG.info(
              "Discord: the bot now has permission \"{}\" in #{} ({})",
              uiName(permission),
              channel.getName(),
              channel.getId());
        }
      } else {
        missing.add(permission);
      }
    }
    missing.forEach(permission -> missing(permission, channel.getName(), channel.getIdLong()));
  }

  /** Reports one missing permission, unless it was already reported. */
  void missing(Permission permission, String channelName, long channelId) {
    if (!reported.add(permission)) {
      return;
    }
    Need need = REQUIRED.get(permission);
    String why = need != null ? need.why() : "for the review channel to work";
    LOG.error(
        "Discord: the bot lacks permission \"{}\" in the review channel #{} ({}), needed {}."
            + " Grant it: Server Settings > Roles > the bot's role (or the channel's"
            + " Permissions tab) > allow \"{}\".",
        uiName(permission),
        channelName,
        channelId,
        why,
        uiName(permission));
  }

  /**
   * Reports a "missing permissions" refusal from Discord that names no permission (the cached view
   * said all was granted), once.
   */
  void refused(String what, String channelName, long channelId) {
    if (refusalReported) {
      return;
    }
    refusalReported = true;
    LOG.error(
        "Discord: refused {} for lack of permissions in the review channel #{} ({}). The bot's role"
            + " needs, in that channel: {}.",
        what,
        channelName,
        channelId,
        String.join(", ", REQUIRED.values().stream().map(Need::uiName).sorted().toList()));
  }

  /** The permissions reported missing and not seen granted since. */
  Set<Permission> missing() {
    return Set.copyOf(reported);
  }
}
