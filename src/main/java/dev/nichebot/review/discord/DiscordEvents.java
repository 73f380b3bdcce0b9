package dev.nichebot.review.discord;

import dev.nichebot.review.ReactionChange;
import dev.nichebot.review.ReactionListener;
import dev.nichebot.review.ReviewerCommand;
import dev.nichebot.review.ReviewerCommandHandler;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.stream.Collectors;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.ISnowflake;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.events.StatusChangeEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.message.react.GenericMessageReactionEvent;
import net.dv8tion.jda.api.events.message.react.MessageReactionAddEvent;
import net.dv8tion.jda.api.events.message.react.MessageReactionRemoveEvent;
import net.dv8tion.jda.api.events.session.ReadyEvent;
import net.dv8tion.jda.api.events.session.SessionRecreateEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns JDA's gateway events into the review service's callbacks. It only scopes and translates:
 * reactions outside the review channel and the bot's own are dropped, everything else is passed on
 * (the service decides what counts). Callbacks run on one executor thread, in arrival order, so a
 * slow service never stalls JDA's gateway thread.
 */
final class DiscordEvents extends ListenerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(DiscordEvents.class);

  /** What the events need from the connection that owns them. */
  interface Session {
    void ready(JDA jda);

    void recreated();

    void statusChanged(JDA jda, JDA.Status status);

    /** The user's current roles in the review server (a REST lookup; empty if not a member). */
    Set<Long> rolesOf(long userId);
  }

  private final long guildId;
  private final long channelId;
  private final Clock clock;
  private final Executor callbacks;
  private final ReactionListener reactions;
  private final ReviewerCommandHandler commands;
  private final Session session;

  DiscordEvents(
      long guildId,
      long channelId,
      Clock clock,
      Executor callbacks,
      ReactionListener reactions,
      ReviewerCommandHandler commands,
      Session session) {
    this.guildId = guildId;
    this.channelId = channelId;
    this.clock = clock;
    this.callbacks = callbacks;
    this.reactions = reactions;
    this.commands = commands;
    this.session = session;
  }

  @Override
  public void onReady(ReadyEvent event) {
    session.ready(event.getJDA());
  }

  @Override
  public void onSessionRecreate(SessionRecreateEvent event) {
    session.recreated();
  }

  @Override
  public void onStatusChange(StatusChangeEvent event) {
    session.statusChanged(event.getJDA(), event.getNewStatus());
  }

  @Override
  public void onMessageReactionAdd(MessageReactionAddEvent event) {
    relay(event, ReactionChange.Kind.ADDED);
  }

  @Override
  public void onMessageReactionRemove(MessageReactionRemoveEvent event) {
    relay(event, ReactionChange.Kind.REMOVED);
  }

  private void relay(GenericMessageReactionEvent event, ReactionChange.Kind kind) {
    if (event.getChannel().getIdLong() != channelId) {
      return;
    }
    long userId = event.getUserIdLong();
    if (userId == event.getJDA().getSelfUser().getIdLong()) {
      return;
    }
    long messageId = event.getMessageIdLong();
    String emoji = event.getEmoji().getFormatted();
    Instant at = clock.instant();
    // A reaction add carries the member (roles included); a removal does not, so its roles are
    // looked up on the callback thread, which keeps the order of events intact.
    Optional<Set<Long>> roles = Optional.ofNullable(event.getMember()).map(DiscordEvents::roleIds);
    run(
        "reaction " + kind + " " + emoji + " on message " + messageId,
        () ->
            reactions.onReaction(
                new ReactionChange(
                    messageId,
                    userId,
                    roles.orElseGet(() -> session.rolesOf(userId)),
                    emoji,
                    kind,
                    at)));
  }

  @Override
  public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
    Optional<ReviewerCommand.Name> name = ReviewerCommand.Name.fromSlashName(event.getName());
    if (name.isEmpty()) {
      return; // not ours (another integration's command would not reach this bot anyway)
    }
    if (event.getGuild() == null || event.getGuild().getIdLong() != guildId) {
      event
          .reply("This bot only takes review commands in its review server.")
          .setEphemeral(true)
          .queue(null, e -> LOG.warn("Discord: could not answer /{}: {}", event.getName(), e));
      return;
    }
    // Acknowledge at once (Discord allows 3 s), then answer when the service has.
    event
        .deferReply(true)
        .queue(null, e -> LOG.warn("Discord: could not acknowledge /{}: {}", event.getName(), e));
    ReviewerCommand command =
        new ReviewerCommand(
            name.get(),
            event.getUser().getIdLong(),
            event.getMember() == null ? Set.of() : roleIds(event.getMember()),
            clock.instant());
    run(
        "/" + event.getName() + " from user " + command.userId(),
        () -> {
          String reply;
          try {
            reply = commands.handle(command);
          } catch (RuntimeException e) {
            LOG.error("Review command /{} failed", event.getName(), e);
            reply = "Something went wrong; the bot's log has the details.";
          }
          event
              .getHook()
              .editOriginal(cut(reply == null || reply.isBlank() ? "Done." : reply))
              .setAllowedMentions(Set.of()) // names like <@id> show, nobody is pinged
              .queue(null, e -> LOG.warn("Discord: could not answer /{}: {}", event.getName(), e));
        });
  }

  private void run(String what, Runnable task) {
    try {
      callbacks.execute(
          () -> {
            try {
              task.run();
            } catch (RuntimeException e) {
              LOG.error("Review callback for {} failed", what, e);
            }
          });
    } catch (RejectedExecutionException e) {
      LOG.warn("Discord: dropped {}: shutting down", what);
    }
  }

  static Set<Long> roleIds(Member member) {
    return member.getRoles().stream().map(ISnowflake::getIdLong).collect(Collectors.toSet());
  }

  private static String cut(String text) {
    return text.length() <= Message.MAX_CONTENT_LENGTH
        ? text
        : text.substring(0, Message.MAX_CONTENT_LENGTH - 1) + "…";
  }
}
