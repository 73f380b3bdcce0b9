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

  /** What the bot needs in the review channel, and why (the why goes into the report). */
  static final Map<Permission, String> REQUIRED =
      Map.of(
          Permission.VIEW_CHANNEL, "to see the review channel at all",
          Permission.MESSAGE_SEND, "to post candidates and reminders",
          Permission.MESSAGE_EMBED_LINKS, "to show a candidate's details (embeds)",
          Permission.MESSAGE_ATTACH_FILES, "to upload candidate images",
          Permission.MESSAGE_ADD_REACTION, "to add the approve and reject reactions",
          Permission.MESSAGE_HISTORY,
              "to read votes and find cards again after a restart (and to react)",
          Permission.MESSAGE_MANAGE, "to remove reactions of people who are not reviewers");

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
              permission.getName(),
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
    String why = REQUIRED.getOrDefault(permission, "for the review channel to work");
    LOG.error(
        "Discord: the bot lacks permission \"{}\" in the review channel #{} ({}), needed {}."
            + " Grant it: Server Settings > Roles > the bot's role (or the channel's"
            + " Permissions tab) > allow \"{}\".",
        permission.getName(),
        channelName,
        channelId,
        why,
        permission.getName());
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
        String.join(", ", REQUIRED.keySet().stream().map(Permission::getName).sorted().toList()));
  }

  /** The permissions reported missing and not seen granted since. */
  Set<Permission> missing() {
    return Set.copyOf(reported);
  }
}
