package dev.nichebot.review;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A slash command someone used in the review server. Nothing is checked yet: the handler decides
 * whether this user may use it.
 *
 * @param name which command
 * @param userId who used it
 * @param roleIds that user's roles in the review server
 * @param at when the bot received it
 */
public record ReviewerCommand(Name name, long userId, Set<Long> roleIds, Instant at) {

  /** The commands the bot registers for the review server. */
  public enum Name {
    QUEUE("Candidates per state, and the one waiting longest"),
    STATS("Approvals and rejections over the last 7 days, per reviewer"),
    PAUSE("Stop sending new candidates to the review channel"),
    RESUME("Start sending candidates to the review channel again");

    private final String description;

    Name(String description) {
      this.description = description;
    }

    /** What Discord shows under the command's name. */
    public String description() {
      return description;
    }

    /** The command as typed, without the slash: {@code queue}, {@code stats}, … */
    public String slashName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The command with this slash name, if it is one of ours. */
    public static Optional<Name> fromSlashName(String slashName) {
      for (Name name : values()) {
        if (name.slashName().equals(slashName)) {
          return Optional.of(name);
        }
      }
      return Optional.empty();
    }
  }

  public ReviewerCommand {
    Objects.requireNonNull(name, "name");
    roleIds = Set.copyOf(roleIds);
    Objects.requireNonNull(at, "at");
  }
}
