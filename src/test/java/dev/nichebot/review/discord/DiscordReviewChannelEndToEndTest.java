package dev.nichebot.review.discord;

import static dev.nichebot.review.discord.fake.FakeDiscord.BOT_ID;
import static dev.nichebot.review.discord.fake.FakeDiscord.CHANNEL_ID;
import static dev.nichebot.review.discord.fake.FakeDiscord.GUILD_ID;
import static dev.nichebot.review.discord.fake.FakeDiscord.REVIEWER_ID;
import static dev.nichebot.review.discord.fake.FakeDiscord.REVIEWER_ROLE_ID;
import static dev.nichebot.review.discord.fake.FakeDiscord.STRANGER_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nichebot.config.Secret;
import dev.nichebot.review.CardVotes;
import dev.nichebot.review.PostedCard;
import dev.nichebot.review.ReactionChange;
import dev.nichebot.review.ReactionListener;
import dev.nichebot.review.ReviewCard;
import dev.nichebot.review.ReviewChannelException;
import dev.nichebot.review.ReviewChannelException.Reason;
import dev.nichebot.review.ReviewOutcome;
import dev.nichebot.review.ReviewerCommand;
import dev.nichebot.review.discord.fake.FakeDiscord;
import dev.nichebot.review.discord.fake.FakeMessage;
import dev.nichebot.review.discord.fake.RecordedCall;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The real JDA 6 client, through {@link DiscordReviewChannel}, against {@link FakeDiscord} on
 * 127.0.0.1.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class DiscordReviewChannelEndToEndTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String MESSAGES = "channels/" + CHANNEL_ID + "/messages";

  private final Recorder listener = new Recorder();
  private final List<ReviewerCommand> commands = new CopyOnWriteArrayList<>();
  private FakeDiscord fake;
  private DiscordReviewChannel bot;

  /** Records what the adapter hands to the review service. */
  static final class Recorder implements ReactionListener {
    final List<ReactionChange> changes = new CopyOnWriteArrayList<>();
    final AtomicInteger sessionStarts = new AtomicInteger();

    @Override
    public void onReaction(ReactionChange change) {
      changes.add(change);
    }

    @Override
    public void onGatewaySessionStarted() {
      sessionStarts.incrementAndGet();
    }
  }

  @BeforeEach
  void startFake() {
    fake = FakeDiscord.start();
  }

  @AfterEach
  void stop() {
    if (bot != null) {
      bot.close();
    }
    if (fake != null) {
      List<String> unhandled = fake.unhandled();
      fake.close();
      assertThat(unhandled).as("requests the fake had no route for").isEmpty();
    }
  }

  private DiscordConfig.Builder config(String token) {
    return DiscordConfig.builder(Secret.of(token), GUILD_ID, CHANNEL_ID)
        .restBaseUrl(URI.create(fake.restBaseUrl()))
        .gatewayUrl(URI.create(fake.gatewayUrl()))
        .requestTimeout(Duration.ofSeconds(10))
        .retryBackoff(Duration.ofMillis(50));
  }

  private void connect() throws InterruptedException {
    connect(config(FakeDiscord.TOKEN).build());
  }

  private void connect(DiscordConfig config) throws InterruptedException {
    bot = new DiscordReviewChannel(config);
    bot.start(
        listener,
        command -> {
          commands.add(command);
          return "12 queued, 3 in review";
        });
    assertThat(bot.awaitConnected(WAIT)).as("connected to the fake gateway").isTrue();
  }

  private static ReviewCard card(long candidateId, byte[] image) {
    return ReviewCard.builder(candidateId, new ReviewCard.Image(image, "original name.png"))
        .title("Foggy harbour at dawn")
        .signal(0.93, "cnn-2025-06")
        .nsfwScore(0.02)
        .source("r/harbours")
        .credit("Foggy harbour at dawn [OC]", "someone", "https://www.reddit.com/r/harbours/abc/")
        .nearestKnown("candidate #17 (published)", 6)
        .build();
  }

  private long postCard(long candidateId) {
    return bot.post(card(candidateId, TestImages.gradient(64, 48, "png")));
  }

  /** Waits until the listener saw a change matching the user and emoji. */
  private ReactionChange awaitChange(long userId, String emoji, ReactionChange.Kind kind) {
    eventually()
        .until(
            () ->
                listener.changes.stream()
                    .anyMatch(
                        c -> c.userId() == userId && c.emoji().equals(emoji) && c.kind() == kind));
    return listener.changes.stream()
        .filter(c -> c.userId() == userId && c.emoji().equals(emoji) && c.kind() == kind)
        .findFirst()
        .orElseThrow();
  }

  @Test
  void identifiesWithoutPrivilegedIntents() throws Exception {
    connect();

    JsonNode identify = fake.gatewayFrames(2).get(0).path("d");
    // GUILDS (1, always on in JDA) | GUILD_MESSAGES (512) | GUILD_MESSAGE_REACTIONS (1024)
    assertThat(identify.path("intents").asInt()).isEqualTo(1 | 512 | 1024);
    eventually().until(() -> listener.sessionStarts.get() == 1);
  }

  @Test
  void postsTheCardWithItsImageAttachedAndBothReactions() throws Exception {
    connect();
    byte[] image = TestImages.gradient(64, 48, "png");

    long messageId = bot.post(card(42, image));

    FakeMessage message = fake.message(messageId);
    assertThat(message.authorId()).isEqualTo(BOT_ID);
    assertThat(message.attachments()).hasSize(1);
    assertThat(message.attachments().get(0).fileName()).isEqualTo("candidate-42.png");
    assertThat(message.attachments().get(0).bytes()).isEqualTo(image);
    JsonNode embed = message.embed();
    assertThat(embed.path("image").path("url").asText())
        .endsWith("/" + message.attachments().get(0).id() + "/candidate-42.png");
    assertThat(embed.path("footer").path("text").asText()).isEqualTo("candidate #42");
    assertThat(embed.path("title").asText()).isEqualTo("Foggy harbour at dawn");
    assertThat(embed.path("url").asText()).isEqualTo("https://www.reddit.com/r/harbours/abc/");
    assertThat(fieldValues(embed))
        .contains(
            "0.93 · model cnn-2025-06",
            "0.02",
            "r/harbours",
            "someone",
            "candidate #17 (published) · distance 6");
    assertThat(message.reactors("✅")).containsExactly(BOT_ID);
    assertThat(message.reactors("❌")).containsExactly(BOT_ID);

    RecordedCall post = fake.calls("POST", MESSAGES).get(0);
    assertThat(post.contentType()).startsWith("multipart/form-data");
    assertThat(post.json().path("embeds").get(0).path("image").path("url").asText())
        .isEqualTo("attachment://candidate-42.png");
    assertThat(post.json().path("allowed_mentions").path("parse")).isEmpty();
    assertThat(post.parts().get("files[0]").body()).isEqualTo(image);
  }

  @Test
  void aReviewersReactionReachesTheListenerWithUserRolesAndEmoji() throws Exception {
    connect();
    long messageId = postCard(42);

    fake.addReaction(messageId, REVIEWER_ID, "✅");

    ReactionChange change = awaitChange(REVIEWER_ID, "✅", ReactionChange.Kind.ADDED);
    assertThat(change.messageId()).isEqualTo(messageId);
    assertThat(change.roleIds()).containsExactly(REVIEWER_ROLE_ID);
    assertThat(change.added()).isTrue();
  }

  @Test
  void theBotsOwnReactionsAreNotPassedOnButAStrangersAre() throws Exception {
    connect();
    long messageId = postCard(42); // the fake echoes the bot's ✅ and ❌ on the gateway

    fake.addReaction(messageId, STRANGER_ID, "❌");

    awaitChange(STRANGER_ID, "❌", ReactionChange.Kind.ADDED);
    // Events arrive in order, so the bot's echoes (sent before) would be here by now.
    assertThat(listener.changes).extracting(ReactionChange::userId).containsExactly(STRANGER_ID);
    assertThat(listener.changes.get(0).roleIds()).isEmpty();
  }

  @Test
  void aRemovedReactionArrivesAfterItsAdditionWithTheRolesLookedUp() throws Exception {
    connect();
    long messageId = postCard(42);

    fake.addReaction(messageId, REVIEWER_ID, "✅");
    fake.removeReaction(messageId, REVIEWER_ID, "✅");

    ReactionChange removed = awaitChange(REVIEWER_ID, "✅", ReactionChange.Kind.REMOVED);
    assertThat(removed.roleIds()).containsExactly(REVIEWER_ROLE_ID); // the event has no member
    assertThat(listener.changes)
        .extracting(ReactionChange::kind)
        .containsExactly(ReactionChange.Kind.ADDED, ReactionChange.Kind.REMOVED);
    assertThat(fake.calls("GET", "guilds/" + GUILD_ID + "/members/" + REVIEWER_ID)).hasSize(1);
  }

  @Test
  void removeReactionDeletesThatUsersReaction() throws Exception {
    connect();
    long messageId = postCard(42);
    fake.addReaction(messageId, STRANGER_ID, "✅");

    bot.removeReaction(messageId, "✅", STRANGER_ID);

    assertThat(fake.calls("DELETE", MESSAGES + "/" + messageId + "/reactions/✅/" + STRANGER_ID))
        .hasSize(1);
    assertThat(fake.message(messageId).reactors("✅")).containsExactly(BOT_ID);
  }

  @Test
  void showOutcomeEditsTheEmbedAndKeepsTheImage() throws Exception {
    connect();
    byte[] image = TestImages.gradient(64, 48, "png");
    long messageId = bot.post(card(42, image));
    Instant when = Instant.parse("2026-03-01T12:00:00Z");

    bot.showOutcome(messageId, ReviewOutcome.APPROVED, List.of(REVIEWER_ID), when);
    bot.showOutcome(messageId, ReviewOutcome.APPROVED, List.of(REVIEWER_ID), when);

    FakeMessage message = fake.message(messageId);
    assertThat(message.edited()).isTrue();
    JsonNode embed = message.embed();
    assertThat(fieldValues(embed))
        .filteredOn(v -> v.contains("Approved"))
        .containsExactly(
            "✅ Approved by <@" + REVIEWER_ID + "> · <t:" + when.getEpochSecond() + ":f>");
    assertThat(embed.path("footer").path("text").asText()).isEqualTo("candidate #42");
    assertThat(embed.path("color").asInt()).isEqualTo(0x2ECC71);
    assertThat(message.attachments()).hasSize(1);
    assertThat(message.attachments().get(0).bytes()).isEqualTo(image);
    assertThat(embed.path("image").path("url").asText()).endsWith("/candidate-42.png");
    assertThat(fake.calls("PATCH", MESSAGES + "/" + messageId)).hasSize(2);
  }

  @Test
  void showReopenedTakesTheOutcomeOffAgainOnce() throws Exception {
    connect();
    long messageId = postCard(42);
    bot.showOutcome(messageId, ReviewOutcome.APPROVED, List.of(REVIEWER_ID), Instant.now());

    bot.showReopened(messageId);
    bot.showReopened(messageId);

    JsonNode embed = fake.message(messageId).embed();
    assertThat(fieldValues(embed)).noneMatch(v -> v.contains("Approved"));
    assertThat(embed.path("description").asText()).contains("React ✅ to approve");
    assertThat(embed.path("color").asInt()).isEqualTo(0x5865F2);
    assertThat(embed.path("footer").path("text").asText()).isEqualTo("candidate #42");
    assertThat(fake.message(messageId).attachments()).hasSize(1);
    assertThat(fake.calls("PATCH", MESSAGES + "/" + messageId)).hasSize(2); // outcome, reopen
  }

  @Test
  void currentVotesCountsReactionsMadeWhileTheBotHadNoSession() throws Exception {
    connect();
    long messageId = postCard(42);
    fake.addMember(1000000000000000009L, "second-reviewer", REVIEWER_ROLE_ID);

    // The session is lost (RESUME refused), and reactions happen meanwhile without any event.
    fake.dropConnectionAndSession();
    fake.addReactionWithoutEvent(messageId, REVIEWER_ID, "✅");
    fake.addReactionWithoutEvent(messageId, 1000000000000000009L, "✅");
    fake.addReactionWithoutEvent(messageId, STRANGER_ID, "❌");
    eventually().until(() -> fake.identifyCount() == 2 && bot.isConnected());
    eventually().until(() -> listener.sessionStarts.get() == 2);

    CardVotes votes = bot.currentVotes(messageId);

    assertThat(votes.voters("✅"))
        .containsExactly(
            new CardVotes.Voter(REVIEWER_ID, Set.of(REVIEWER_ROLE_ID)),
            new CardVotes.Voter(1000000000000000009L, Set.of(REVIEWER_ROLE_ID)));
    assertThat(votes.voters("❌")).containsExactly(new CardVotes.Voter(STRANGER_ID, Set.of()));
    assertThat(listener.changes).isEmpty();
    assertThat(fake.calls("POST", MESSAGES)).hasSize(1);
  }

  @Test
  void aReconnectRequestResumesAndRepostsNothing() throws Exception {
    connect();
    long messageId = postCard(42);

    fake.requestReconnect();
    eventually().until(() -> fake.resumeCount() == 1 && fake.botConnected());
    eventually().until(bot::isConnected);
    fake.addReaction(messageId, REVIEWER_ID, "✅");

    awaitChange(REVIEWER_ID, "✅", ReactionChange.Kind.ADDED);
    assertThat(fake.identifyCount()).isEqualTo(1);
    assertThat(fake.calls("POST", MESSAGES)).hasSize(1);
    assertThat(fake.messages()).hasSize(1);
    assertThat(listener.sessionStarts.get())
        .as("no reconciliation needed after a resume")
        .isEqualTo(1);
  }

  @Test
  void aReactionMadeDuringADroppedConnectionIsDeliveredOnceAfterTheResume() throws Exception {
    connect();
    long messageId = postCard(42);

    fake.dropConnection();
    fake.addReaction(messageId, REVIEWER_ID, "✅"); // kept for the RESUME if the bot is away

    awaitChange(REVIEWER_ID, "✅", ReactionChange.Kind.ADDED);
    eventually().until(() -> fake.resumeCount() == 1 && bot.isConnected());
    assertThat(listener.changes).hasSize(1);
    assertThat(fake.identifyCount()).isEqualTo(1);
    assertThat(fake.calls("POST", MESSAGES)).hasSize(1);
  }

  @Test
  void aServerErrorOnThePostIsRetriedWithTheSameNonceAndPostsOnce() throws Exception {
    connect();
    fake.failNext("POST", MESSAGES, 500);

    long messageId = postCard(42);

    List<RecordedCall> posts = fake.calls("POST", MESSAGES);
    assertThat(posts).extracting(RecordedCall::status).containsExactly(500, 200);
    assertThat(posts.get(1).json().path("nonce").asText())
        .isEqualTo(posts.get(0).json().path("nonce").asText());
    assertThat(fake.messages()).extracting(FakeMessage::id).containsExactly(messageId);
  }

  @Test
  void aPostThatWentThroughButAnswered500IsNotPostedTwice() throws Exception {
    connect();
    fake.failNextAfterApplying("POST", MESSAGES, 500);

    long messageId = postCard(42);

    assertThat(fake.calls("POST", MESSAGES))
        .extracting(RecordedCall::status)
        .containsExactly(500, 200);
    assertThat(fake.messages()).extracting(FakeMessage::id).containsExactly(messageId);
    assertThat(fake.message(messageId).reactors("✅")).containsExactly(BOT_ID);
  }

  @Test
  void jdasOwnRetryOfA502SendsTheImageAgainInFull() throws Exception {
    connect();
    byte[] image = TestImages.gradient(64, 48, "png");
    fake.failNext("POST", MESSAGES, 502);

    long messageId = bot.post(card(42, image));

    List<RecordedCall> posts = fake.calls("POST", MESSAGES);
    assertThat(posts).extracting(RecordedCall::status).containsExactly(502, 200);
    assertThat(posts.get(1).parts().get("files[0]").body()).isEqualTo(image);
    assertThat(fake.message(messageId).attachments().get(0).bytes()).isEqualTo(image);
  }

  @Test
  void aLargeImageIsScaledDownBeforeUpload() throws Exception {
    connect(config(FakeDiscord.TOKEN).maxImageSide(256).build());

    long messageId = bot.post(card(42, TestImages.gradient(1024, 512, "png")));

    FakeMessage.Attachment attachment = fake.message(messageId).attachments().get(0);
    assertThat(attachment.width()).isEqualTo(256);
    assertThat(attachment.height()).isEqualTo(128);
  }

  @Test
  void findPostedCandidatesRecoversCandidateIdsFromFooters() throws Exception {
    connect();
    ObjectMapper json = new ObjectMapper();
    Instant now = Instant.now();
    long old =
        fake.seedMessage(BOT_ID, now.minus(3, ChronoUnit.DAYS), "", footer(json, "candidate #1"));
    long decided =
        fake.seedMessage(BOT_ID, now.minus(2, ChronoUnit.HOURS), "", footer(json, "candidate #2"));
    fake.seedMessage(
        STRANGER_ID, now.minus(2, ChronoUnit.HOURS), "", footer(json, "candidate #66"));
    for (int i = 0; i < 120; i++) { // pushes the decided card to the second page
      fake.seedMessage(BOT_ID, now.minus(1, ChronoUnit.HOURS), "reminder " + i, null);
    }
    long fresh = postCard(3);
    bot.showOutcome(decided, ReviewOutcome.REJECTED, List.of(REVIEWER_ID), now);

    List<PostedCard> found = bot.findPostedCandidates(now.minus(1, ChronoUnit.DAYS), 500);

    assertThat(found)
        .extracting(PostedCard::candidateId, PostedCard::messageId, PostedCard::outcomeShown)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(3L, fresh, Optional.empty()),
            org.assertj.core.groups.Tuple.tuple(2L, decided, Optional.of(ReviewOutcome.REJECTED)));
    assertThat(found).extracting(PostedCard::messageId).doesNotContain(old);
    assertThat(fake.calls("GET", MESSAGES)).hasSizeGreaterThan(1);
  }

  @Test
  void slashCommandsAreRegisteredAndAnsweredPrivately() throws Exception {
    connect();
    eventually().until(() -> fake.registeredCommands().size() == 4);
    assertThat(fake.registeredCommands())
        .extracting(c -> c.path("name").asText())
        .containsExactly("queue", "stats", "pause", "resume");

    String token = fake.invokeCommand(REVIEWER_ID, "queue");

    eventually().until(() -> fake.reply(token).isPresent());
    FakeDiscord.InteractionReply reply = fake.reply(token).orElseThrow();
    assertThat(reply.content()).isEqualTo("12 queued, 3 in review");
    assertThat(reply.ephemeral()).isTrue();
    assertThat(fake.calls("PATCH", "webhooks/\\d+/" + token + "/messages/@original"))
        .singleElement()
        .satisfies(c -> assertThat(c.json().path("allowed_mentions").path("parse")).isEmpty());
    assertThat(commands)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.name()).isEqualTo(ReviewerCommand.Name.QUEUE);
              assertThat(c.userId()).isEqualTo(REVIEWER_ID);
              assertThat(c.roleIds()).containsExactly(REVIEWER_ROLE_ID);
            });
  }

  @Test
  void remindPostsAReplyToTheCard() throws Exception {
    connect();
    long messageId = postCard(42);

    long reminderId = bot.remind(messageId, 42, Duration.ofMinutes(135));

    FakeMessage reminder = fake.message(reminderId);
    assertThat(reminder.referencedMessageId()).isEqualTo(messageId);
    assertThat(reminder.content()).contains("Candidate #42").contains("2 h 15 min");
  }

  @Test
  void aMissingAttachPermissionIsReportedOnceWithWhatToGrant() throws Exception {
    fake.setEveryonePermissions(FakeDiscord.EVERYONE_PERMISSIONS & ~FakeDiscord.ATTACH_FILES);
    try (LogCapture log = new LogCapture(PermissionReport.class)) {
      connect();

      for (int i = 0; i < 2; i++) {
        assertThatThrownBy(() -> postCard(42))
            .isInstanceOf(ReviewChannelException.class)
            .extracting(e -> ((ReviewChannelException) e).reason())
            .isEqualTo(Reason.MISSING_PERMISSION);
      }

      assertThat(log.messages(Level.ERROR))
          .singleElement()
          .satisfies(
              m ->
                  assertThat(m)
                      .contains("\"Attach Files\"")
                      .contains("#image-review")
                      .contains(Long.toString(CHANNEL_ID))
                      .contains("allow"));
      assertThat(fake.calls("POST", MESSAGES)).isEmpty();
      assertThat(bot.missingPermissions())
          .containsExactly(net.dv8tion.jda.api.Permission.MESSAGE_ATTACH_FILES);
    }
  }

  @Test
  void aPermissionRevokedBehindTheCachesBackIsReportedFromDiscordsRefusal() throws Exception {
    try (LogCapture log = new LogCapture(PermissionReport.class)) {
      connect();
      // Revoked without a gateway update: JDA's cache still says the bot may attach files.
      fake.setEveryonePermissions(FakeDiscord.EVERYONE_PERMISSIONS & ~FakeDiscord.ATTACH_FILES);

      for (int i = 0; i < 2; i++) {
        assertThatThrownBy(() -> postCard(42))
            .isInstanceOf(ReviewChannelException.class)
            .extracting(e -> ((ReviewChannelException) e).reason())
            .isEqualTo(Reason.MISSING_PERMISSION);
      }

      assertThat(log.messages(Level.ERROR))
          .singleElement()
          .satisfies(m -> assertThat(m).contains("posting candidate 42").contains("Attach Files"));
      assertThat(fake.calls("POST", MESSAGES))
          .extracting(RecordedCall::status)
          .containsExactly(403, 403);
      assertThat(fake.messages()).isEmpty();
    }
  }

  @Test
  void currentVotesOfADeletedCardSaysTheMessageIsGone() throws Exception {
    connect();

    assertThatThrownBy(() -> bot.currentVotes(4242424242424242L))
        .isInstanceOf(ReviewChannelException.class)
        .extracting(e -> ((ReviewChannelException) e).reason())
        .isEqualTo(Reason.MESSAGE_GONE);
  }

  @Test
  void aRefusedTokenFailsTheStartClearlyWithoutShowingIt() {
    bot = new DiscordReviewChannel(config("wrong-token-xyz").build());

    assertThatThrownBy(() -> bot.start(listener, c -> ""))
        .isInstanceOf(ReviewChannelException.class)
        .hasMessageContaining("discord.token")
        .hasMessageNotContaining("wrong-token-xyz")
        .extracting(e -> ((ReviewChannelException) e).reason())
        .isEqualTo(Reason.REFUSED);
  }

  @Test
  void whileDiscordIsDownCallsFailFastAsNotConnected() throws Exception {
    connect();
    fake.close();
    fake = null;

    eventually().until(() -> !bot.isConnected());
    assertThatThrownBy(() -> postCard(42))
        .isInstanceOf(ReviewChannelException.class)
        .extracting(e -> ((ReviewChannelException) e).reason())
        .isEqualTo(Reason.NOT_CONNECTED);
  }

  /** Polls often: every wait here is for a loopback round trip of a few milliseconds. */
  private static ConditionFactory eventually() {
    return Awaitility.await()
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(10))
        .atMost(WAIT);
  }

  private static ObjectNode footer(ObjectMapper json, String text) {
    ObjectNode embed = json.createObjectNode();
    embed.put("title", "a card");
    embed.putObject("footer").put("text", text);
    return embed;
  }

  private static List<String> fieldValues(JsonNode embed) {
    return java.util.stream.StreamSupport.stream(embed.path("fields").spliterator(), false)
        .map(f -> f.path("value").asText())
        .toList();
  }
}
