package dev.nichebot.review.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.nichebot.review.ReactionChange;
import dev.nichebot.review.ReactionListener;
import dev.nichebot.review.ReviewerCommand;
import dev.nichebot.review.ReviewerCommandHandler;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.Role;
import net.dv8tion.jda.api.entities.SelfUser;
import net.dv8tion.jda.api.entities.User;
import net.dv8tion.jda.api.entities.channel.unions.MessageChannelUnion;
import net.dv8tion.jda.api.entities.emoji.EmojiUnion;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.message.react.GenericMessageReactionEvent;
import net.dv8tion.jda.api.events.message.react.MessageReactionAddEvent;
import net.dv8tion.jda.api.events.message.react.MessageReactionRemoveEvent;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.requests.restaction.WebhookMessageEditAction;
import net.dv8tion.jda.api.requests.restaction.interactions.ReplyCallbackAction;
import org.junit.jupiter.api.Test;

/** JDA events as Mockito mocks (in the spirit of TJ-Bot's JdaTester), run on a direct executor. */
class DiscordEventsTest {
  private static final long SELF = 1;
  private static final long GUILD = 10;
  private static final long CHANNEL = 20;
  private static final long REVIEWER_ROLE = 30;
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  private final List<ReactionChange> changes = new ArrayList<>();
  private final List<ReviewerCommand> commands = new ArrayList<>();
  private final AtomicInteger roleLookups = new AtomicInteger();
  private final JDA jda = mock(JDA.class);

  private ReviewerCommandHandler handler =
      command -> {
        commands.add(command);
        return "3 in review";
      };

  DiscordEventsTest() {
    SelfUser self = mock(SelfUser.class);
    when(self.getIdLong()).thenReturn(SELF);
    when(jda.getSelfUser()).thenReturn(self);
  }

  private DiscordEvents events(ReactionListener listener) {
    return new DiscordEvents(
        GUILD,
        CHANNEL,
        Clock.fixed(NOW, ZoneOffset.UTC),
        Runnable::run,
        listener,
        command -> handler.handle(command),
        new DiscordEvents.Session() {
          @Override
          public void ready(JDA jda) {}

          @Override
          public void recreated() {}

          @Override
          public void statusChanged(JDA jda, JDA.Status status) {}

          @Override
          public Set<Long> rolesOf(long userId) {
            roleLookups.incrementAndGet();
            return Set.of(REVIEWER_ROLE);
          }
        });
  }

  private DiscordEvents events() {
    return events(changes::add);
  }

  private <T extends GenericMessageReactionEvent> T reaction(
      Class<T> type, long channel, long user, String emoji, Member member) {
    T event = mock(type);
    MessageChannelUnion channelUnion = mock(MessageChannelUnion.class);
    when(channelUnion.getIdLong()).thenReturn(channel);
    EmojiUnion emojiUnion = mock(EmojiUnion.class);
    when(emojiUnion.getFormatted()).thenReturn(emoji);
    when(event.getJDA()).thenReturn(jda);
    when(event.getChannel()).thenReturn(channelUnion);
    when(event.getUserIdLong()).thenReturn(user);
    when(event.getMessageIdLong()).thenReturn(500L);
    when(event.getEmoji()).thenReturn(emojiUnion);
    when(event.getMember()).thenReturn(member);
    return event;
  }

  private static Member member(long... roleIds) {
    Member member = mock(Member.class);
    List<Role> roles = new ArrayList<>();
    for (long id : roleIds) {
      Role role = mock(Role.class);
      when(role.getIdLong()).thenReturn(id);
      roles.add(role);
    }
    when(member.getRoles()).thenReturn(roles);
    return member;
  }

  @Test
  void aReviewersReactionIsPassedOnWithItsRoles() {
    events()
        .onMessageReactionAdd(
            reaction(MessageReactionAddEvent.class, CHANNEL, 7, "✅", member(REVIEWER_ROLE)));

    assertThat(changes)
        .containsExactly(
            new ReactionChange(500, 7, Set.of(REVIEWER_ROLE), "✅", ReactionChange.Kind.ADDED, NOW));
    assertThat(roleLookups).hasValue(0);
  }

  @Test
  void theBotsOwnReactionIsDropped() {
    events()
        .onMessageReactionAdd(
            reaction(MessageReactionAddEvent.class, CHANNEL, SELF, "✅", member()));

    assertThat(changes).isEmpty();
  }

  @Test
  void reactionsInOtherChannelsAreDropped() {
    events()
        .onMessageReactionAdd(
            reaction(MessageReactionAddEvent.class, 99, 7, "✅", member(REVIEWER_ROLE)));

    assertThat(changes).isEmpty();
  }

  @Test
  void anyEmojiFromAnyoneElseIsPassedOnForTheServiceToJudge() {
    events()
        .onMessageReactionAdd(reaction(MessageReactionAddEvent.class, CHANNEL, 8, "🍕", member()));

    assertThat(changes)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.emoji()).isEqualTo("🍕");
              assertThat(c.roleIds()).isEmpty();
            });
  }

  @Test
  void aRemovalWithoutMemberGetsItsRolesLookedUp() {
    events()
        .onMessageReactionRemove(reaction(MessageReactionRemoveEvent.class, CHANNEL, 7, "✅", null));

    assertThat(changes)
        .containsExactly(
            new ReactionChange(
                500, 7, Set.of(REVIEWER_ROLE), "✅", ReactionChange.Kind.REMOVED, NOW));
    assertThat(roleLookups).hasValue(1);
  }

  @Test
  void aFailingListenerDoesNotBreakTheNextEvent() {
    AtomicInteger calls = new AtomicInteger();
    DiscordEvents events =
        events(
            change -> {
              if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("database down");
              }
              changes.add(change);
            });

    events.onMessageReactionAdd(reaction(MessageReactionAddEvent.class, CHANNEL, 7, "✅", member()));
    events.onMessageReactionAdd(reaction(MessageReactionAddEvent.class, CHANNEL, 8, "❌", member()));

    assertThat(changes).extracting(ReactionChange::userId).containsExactly(8L);
  }

  /** A slash-command event whose replies are recorded. */
  private static final class Slash {
    final SlashCommandInteractionEvent event = mock(SlashCommandInteractionEvent.class);
    final ReplyCallbackAction defer = mock(ReplyCallbackAction.class);
    final ReplyCallbackAction reply = mock(ReplyCallbackAction.class);
    final InteractionHook hook = mock(InteractionHook.class);
    final WebhookMessageEditAction<Message> edit;
    final List<String> answers = new ArrayList<>();

    @SuppressWarnings("unchecked")
    Slash(String name, long guildId, long userId, Member member) {
      Guild guild = mock(Guild.class);
      when(guild.getIdLong()).thenReturn(guildId);
      User user = mock(User.class);
      when(user.getIdLong()).thenReturn(userId);
      when(event.getName()).thenReturn(name);
      when(event.getGuild()).thenReturn(guild);
      when(event.getUser()).thenReturn(user);
      when(event.getMember()).thenReturn(member);
      when(event.deferReply(true)).thenReturn(defer);
      when(event.reply(anyString()))
          .thenAnswer(
              invocation -> {
                answers.add(invocation.getArgument(0));
                return reply;
              });
      when(reply.setEphemeral(true)).thenReturn(reply);
      when(event.getHook()).thenReturn(hook);
      edit = mock(WebhookMessageEditAction.class);
      when(edit.setAllowedMentions(any())).thenReturn(edit);
      when(hook.editOriginal(anyString()))
          .thenAnswer(
              invocation -> {
                answers.add(invocation.getArgument(0));
                return edit;
              });
    }
  }

  @Test
  void aSlashCommandIsAcknowledgedPrivatelyAndAnsweredWithTheHandlersText() {
    Slash slash = new Slash("queue", GUILD, 7, member(REVIEWER_ROLE));

    events().onSlashCommandInteraction(slash.event);

    verify(slash.event).deferReply(true);
    verify(slash.defer).queue(any(), any());
    assertThat(commands)
        .containsExactly(
            new ReviewerCommand(ReviewerCommand.Name.QUEUE, 7, Set.of(REVIEWER_ROLE), NOW));
    assertThat(slash.answers).containsExactly("3 in review");
    verify(slash.edit).setAllowedMentions(Set.of());
  }

  @Test
  void aFailingHandlerGetsAPoliteAnswerWithoutInternals() {
    handler =
        command -> {
          throw new IllegalStateException("jdbc:h2:/secret/path exploded");
        };
    Slash slash = new Slash("stats", GUILD, 7, member());

    events().onSlashCommandInteraction(slash.event);

    assertThat(slash.answers).singleElement().satisfies(a -> assertThat(a).doesNotContain("jdbc"));
  }

  @Test
  void anOverlongAnswerIsCutToDiscordsLimit() {
    handler = command -> "x".repeat(5000);
    Slash slash = new Slash("stats", GUILD, 7, member());

    events().onSlashCommandInteraction(slash.event);

    assertThat(slash.answers.get(0)).hasSize(Message.MAX_CONTENT_LENGTH);
  }

  @Test
  void aCommandFromAnotherServerIsRefusedWithoutReachingTheHandler() {
    Slash slash = new Slash("pause", 999, 7, member(REVIEWER_ROLE));

    events().onSlashCommandInteraction(slash.event);

    assertThat(commands).isEmpty();
    assertThat(slash.answers)
        .singleElement()
        .satisfies(a -> assertThat(a).contains("review server"));
    verify(slash.event, never()).deferReply(true);
  }

  @Test
  void commandsThatAreNotOursAreIgnored() {
    Slash slash = new Slash("ban", GUILD, 7, member());

    events().onSlashCommandInteraction(slash.event);

    assertThat(commands).isEmpty();
    assertThat(slash.answers).isEmpty();
  }
}
