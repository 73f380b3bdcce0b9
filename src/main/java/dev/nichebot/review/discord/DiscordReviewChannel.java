package dev.nichebot.review.discord;

import dev.nichebot.domain.Logs;
import dev.nichebot.review.CardVotes;
import dev.nichebot.review.PostedCard;
import dev.nichebot.review.ReactionListener;
import dev.nichebot.review.ReviewCard;
import dev.nichebot.review.ReviewChannel;
import dev.nichebot.review.ReviewChannelException;
import dev.nichebot.review.ReviewChannelException.Reason;
import dev.nichebot.review.ReviewOutcome;
import dev.nichebot.review.ReviewerCommandHandler;
import java.io.ByteArrayInputStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.entities.MessageReaction;
import net.dv8tion.jda.api.entities.User;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import net.dv8tion.jda.api.entities.emoji.Emoji;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.exceptions.InsufficientPermissionException;
import net.dv8tion.jda.api.exceptions.InvalidTokenException;
import net.dv8tion.jda.api.requests.ErrorResponse;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.utils.AttachmentUpdate;
import net.dv8tion.jda.api.utils.Compression;
import net.dv8tion.jda.api.utils.FileUpload;
import net.dv8tion.jda.api.utils.messages.MessageEditBuilder;
import net.dv8tion.jda.api.utils.messages.MessageEditData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The review channel on Discord, through JDA: one bot in one server, one private text channel.
 *
 * <p>JDA runs with the GUILD_MESSAGES and GUILD_MESSAGE_REACTIONS intents only (no privileged
 * intent) and no caches beyond what it always keeps (the server, its channels and roles, the bot's
 * own member); it reconnects and resumes by itself. Calls made while the gateway is down fail fast
 * with {@link Reason#NOT_CONNECTED}.
 */
public final class DiscordReviewChannel implements ReviewChannel {
  private static final Logger LOG = LoggerFactory.getLogger(DiscordReviewChannel.class);

  /** Reading the votes of one card stops here (10 pages of 100): a card never has more voters. */
  private static final int MAX_VOTERS_PER_EMOJI = 1000;

  private static final int PAGE = 100;

  private final DiscordConfig config;
  private final Clock clock;
  private final CardEmbeds embeds;
  private final ImageFitter fitter;
  private final PermissionReport permissions = new PermissionReport();
  private final RestCalls rest;
  private final SecureRandom random = new SecureRandom();
  private final ExecutorService callbacks =
      Executors.newSingleThreadExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "nichebot-discord-callbacks");
            thread.setDaemon(true);
            return thread;
          });

  private final Object connection = new Object();
  private boolean connected; // guarded by connection
  private volatile boolean sessionStartPending;
  private volatile boolean channelReported;
  private volatile JDA jda;
  private volatile ReactionListener reactions;

  public DiscordReviewChannel(DiscordConfig config) {
    this(config, Clock.systemUTC());
  }

  public DiscordReviewChannel(DiscordConfig config, Clock clock) {
    this.config = Objects.requireNonNull(config, "config");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.embeds = new CardEmbeds(config.approveEmoji(), config.rejectEmoji());
    this.fitter = new ImageFitter(config.uploadLimitBytes(), config.maxImageSide());
    this.rest =
        new RestCalls(
            config.requestTimeout(),
            config.attempts(),
            config.retryBackoff(),
            new RestCalls.PermissionSink() {
              @Override
              public void missing(InsufficientPermissionException e) {
                permissions.missing(e.getPermission(), channelName(), config.reviewChannelId());
              }

              @Override
              public void refused(String what) {
                permissions.refused(what, channelName(), config.reviewChannelId());
              }
            });
  }

  @Override
  public synchronized void start(ReactionListener reactions, ReviewerCommandHandler commands) {
    Objects.requireNonNull(reactions, "reactions");
    Objects.requireNonNull(commands, "commands");
    if (jda != null) {
      throw new IllegalStateException("already started");
    }
    this.reactions = reactions;
    DiscordEvents events =
        new DiscordEvents(
            config.guildId(),
            config.reviewChannelId(),
            clock,
            callbacks,
            reactions,
            commands,
            new DiscordEvents.Session() {
              @Override
              public void ready(JDA jda) {
                onReady(jda);
              }

              @Override
              public void recreated() {
                sessionStartPending = true;
              }

              @Override
              public void statusChanged(JDA jda, JDA.Status status) {
                onStatus(jda, status);
              }

              @Override
              public Set<Long> rolesOf(long userId) {
                return DiscordReviewChannel.this.rolesOf(userId);
              }
            });
    JDABuilder builder =
        JDABuilder.createLight(
                config.token().reveal(),
                EnumSet.of(GatewayIntent.GUILD_MESSAGES, GatewayIntent.GUILD_MESSAGE_REACTIONS))
            .setRestConfig(new RestConfig().setBaseUrl(config.restBaseUrl().toString()))
            .setSessionController(
                new GatewaySessionController(
                    config.gatewayUrl().toString(),
                    // Discord's IDENTIFY limit does not apply to a local gateway (a test fake).
                    config.plainGateway() ? Duration.ZERO : Duration.ofSeconds(5)))
            // A local plain-ws gateway (a test fake) does not speak zlib-stream.
            .setCompression(config.plainGateway() ? Compression.NONE : Compression.ZLIB)
            .setEnableShutdownHook(false)
            .addEventListeners(events);
    try {
      jda = builder.build();
    } catch (InvalidTokenException e) {
      throw new ReviewChannelException(
          Reason.REFUSED,
          "Discord refused the bot token (discord.token): copy a fresh one from the Developer"
              + " Portal, Bot > Reset Token",
          e);
    } catch (RuntimeException e) {
      throw new ReviewChannelException(
          Reason.UNAVAILABLE,
          "Discord: cannot log in at " + config.restBaseUrl() + ": " + e.getMessage(),
          e);
    }
    LOG.info("Discord: logged in as {}; connecting to the gateway", jda.getSelfUser().getAsTag());
  }

  @Override
  public boolean isConnected() {
    synchronized (connection) {
      return connected;
    }
  }

  @Override
  public boolean awaitConnected(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (connection) {
      while (!connected) {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(connection, remaining);
      }
      return true;
    }
  }

  /** The permissions reported missing in the review channel and not granted since. */
  public Set<Permission> missingPermissions() {
    return permissions.missing();
  }

  /**
   * What an operator checking the set-up wants to know.
   *
   * @param bot the bot's user name, once logged in
   * @param server the review server's name, when the bot is in it
   * @param channel the review channel's name, when the bot can see it
   * @param connected whether the gateway session is live
   * @param missingPermissions permissions to grant in the channel, as Discord's settings name them
   */
  public record Diagnosis(
      String bot,
      String server,
      String channel,
      boolean connected,
      List<String> missingPermissions) {}

  /** A snapshot of the connection for set-up checks and health pages. */
  public Diagnosis diagnose() {
    JDA current = jda;
    Guild guild = current == null ? null : current.getGuildById(config.guildId());
    TextChannel channel =
        current == null ? null : current.getTextChannelById(config.reviewChannelId());
    return new Diagnosis(
        current == null ? null : current.getSelfUser().getName(),
        guild == null ? null : guild.getName(),
        channel == null ? null : channel.getName(),
        isConnected(),
        permissions.missing().stream().map(PermissionReport::uiName).sorted().toList());
  }

  @Override
  public long post(ReviewCard card) {
    Objects.requireNonNull(card, "card");
    try (var ignored = Logs.candidate(card.candidateId())) {
      TextChannel channel = liveChannel();
      require(
          channel,
          "posting candidate " + card.candidateId(),
          Permission.MESSAGE_SEND,
          Permission.MESSAGE_EMBED_LINKS,
          Permission.MESSAGE_ATTACH_FILES);
      ImageFitter.Fitted image;
      try {
        image = fitter.fit(card.image().bytes());
      } catch (ImageFitter.UnreadableImageException e) {
        throw new ReviewChannelException(
            Reason.BAD_CARD,
            "candidate " + card.candidateId() + ": " + card.image() + ": " + e.getMessage(),
            e);
      }
      String fileName = "candidate-" + card.candidateId() + "." + image.extension();
      MessageEmbed embed = embeds.card(card, fileName, clock.instant());
      byte[] bytes = image.bytes();
      // One nonce for every attempt: if a "failed" attempt did reach Discord, the retry gets that
      // message back instead of creating a second one.
      String nonce = Long.toUnsignedString(random.nextLong());
      Message message =
          rest.call(
              "posting candidate " + card.candidateId(),
              () ->
                  channel
                      .sendMessageEmbeds(embed)
                      .addFiles(
                          FileUpload.fromStreamSupplier(
                              fileName, () -> new ByteArrayInputStream(bytes)))
                      .setNonce(nonce)
                      .setAllowedMentions(Set.of()));
      for (String emoji : List.of(config.approveEmoji(), config.rejectEmoji())) {
        try {
          require(
              channel,
              "adding reactions",
              Permission.MESSAGE_ADD_REACTION,
              Permission.MESSAGE_HISTORY);
          rest.call(
              "adding " + emoji + " to candidate " + card.candidateId(),
              () -> channel.addReactionById(message.getIdLong(), Emoji.fromFormatted(emoji)));
        } catch (ReviewChannelException e) {
          // The card is up and reviewers can still react themselves; the caller must store the
          // message id, so this is not a failed post. A missing permission was reported once
          // already; repeating it on every card would drown the log.
          if (e.reason() == Reason.MISSING_PERMISSION) {
            LOG.debug("{}", e.getMessage());
          } else {
            LOG.warn("{}; reviewers can still add the reaction themselves", e.getMessage());
          }
        }
      }
      LOG.info(
          "Discord: posted candidate {} as message {} ({} bytes, {}x{}{})",
          card.candidateId(),
          message.getId(),
          bytes.length,
          image.width(),
          image.height(),
          image.reencoded() ? ", scaled down" : "");
      return message.getIdLong();
    }
  }

  @Override
  public void showOutcome(
      long messageId, ReviewOutcome outcome, List<Long> decidedBy, Instant when) {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(decidedBy, "decidedBy");
    Objects.requireNonNull(when, "when");
    TextChannel channel = liveChannel();
    Message message = card(channel, messageId);
    Message.Attachment image =
        message.getAttachments().isEmpty() ? null : message.getAttachments().get(0);
    MessageEmbed updated =
        embeds.withOutcome(
            message.getEmbeds().get(0),
            image == null ? null : image.getFileName(),
            outcome,
            decidedBy,
            when);
    MessageEditBuilder edit = new MessageEditBuilder().setEmbeds(updated);
    if (image != null) {
      edit.setAttachments(AttachmentUpdate.fromAttachment(image)); // keep the uploaded image
    }
    MessageEditData data = edit.build();
    rest.call(
        "showing " + outcome + " on message " + messageId,
        () -> channel.editMessageById(messageId, data));
  }

  @Override
  public void showReopened(long messageId) {
    TextChannel channel = liveChannel();
    Message message = card(channel, messageId);
    MessageEmbed shown = message.getEmbeds().get(0);
    if (CardEmbeds.outcomeShown(shown).isEmpty()) {
      return; // already open: nothing to edit
    }
    Message.Attachment image =
        message.getAttachments().isEmpty() ? null : message.getAttachments().get(0);
    MessageEditBuilder edit =
        new MessageEditBuilder()
            .setEmbeds(embeds.reopened(shown, image == null ? null : image.getFileName()));
    if (image != null) {
      edit.setAttachments(AttachmentUpdate.fromAttachment(image));
    }
    MessageEditData data = edit.build();
    rest.call(
        "reopening the card in message " + messageId,
        () -> channel.editMessageById(messageId, data));
  }

  @Override
  public CardVotes currentVotes(long messageId) {
    TextChannel channel = liveChannel();
    require(channel, "reading votes", Permission.MESSAGE_HISTORY);
    Message message =
        rest.call("reading message " + messageId, () -> channel.retrieveMessageById(messageId));
    long self = jda.getSelfUser().getIdLong();
    Map<Long, Set<Long>> roles = new HashMap<>();
    Map<String, List<CardVotes.Voter>> voters = new LinkedHashMap<>();
    for (MessageReaction reaction : message.getReactions()) {
      String emoji = reaction.getEmoji().getFormatted();
      List<CardVotes.Voter> list = new ArrayList<>();
      for (User user : reactionUsers(channel, messageId, reaction.getEmoji())) {
        if (user.getIdLong() != self) {
          list.add(
              new CardVotes.Voter(
                  user.getIdLong(), roles.computeIfAbsent(user.getIdLong(), this::rolesOf)));
        }
      }
      if (!list.isEmpty()) {
        voters.put(emoji, list);
      }
    }
    return new CardVotes(messageId, voters);
  }

  private List<User> reactionUsers(TextChannel channel, long messageId, Emoji emoji) {
    List<User> users = new ArrayList<>();
    long after = 0;
    while (users.size() < MAX_VOTERS_PER_EMOJI) {
      long from = after;
      List<User> page =
          rest.call(
              "reading " + emoji.getFormatted() + " reactions on message " + messageId,
              () -> {
                var action = channel.retrieveReactionUsersById(messageId, emoji).limit(PAGE);
                return from == 0 ? action : action.skipTo(from);
              });
      users.addAll(page);
      if (page.size() < PAGE) {
        break;
      }
      after = page.get(page.size() - 1).getIdLong();
    }
    return users;
  }

  @Override
  public List<PostedCard> findPostedCandidates(Instant since, int limit) {
    Objects.requireNonNull(since, "since");
    TextChannel channel = liveChannel();
    require(channel, "reading the channel's history", Permission.MESSAGE_HISTORY);
    long self = jda.getSelfUser().getIdLong();
    List<PostedCard> found = new ArrayList<>();
    int scanned = 0;
    long before = 0;
    while (scanned < limit) {
      long from = before;
      int size = Math.min(PAGE, limit - scanned);
      List<Message> page =
          rest.call(
              "reading the review channel's history",
              () -> {
                var action = channel.getIterableHistory().limit(size);
                return from == 0 ? action : action.skipTo(from);
              });
      for (Message message : page) {
        Instant postedAt = message.getTimeCreated().toInstant();
        if (postedAt.isBefore(since)) {
          return found;
        }
        scanned++;
        if (message.getAuthor().getIdLong() != self || message.getEmbeds().isEmpty()) {
          continue;
        }
        MessageEmbed embed = message.getEmbeds().get(0);
        OptionalLong candidateId = CardEmbeds.candidateId(embed);
        if (candidateId.isPresent()) {
          found.add(
              new PostedCard(
                  candidateId.getAsLong(),
                  message.getIdLong(),
                  postedAt,
                  CardEmbeds.outcomeShown(embed)));
        }
      }
      if (page.size() < size) {
        break;
      }
      before = page.get(page.size() - 1).getIdLong();
    }
    return found;
  }

  @Override
  public long remind(long messageId, long candidateId, Duration waited) {
    Objects.requireNonNull(waited, "waited");
    TextChannel channel = liveChannel();
    require(channel, "posting a reminder", Permission.MESSAGE_SEND);
    String text = embeds.reminder(candidateId, waited);
    String nonce = Long.toUnsignedString(random.nextLong());
    Message reminder =
        rest.call(
            "reminding about candidate " + candidateId,
            () ->
                channel
                    .sendMessage(text)
                    .setMessageReference(messageId)
                    .failOnInvalidReply(false)
                    .setNonce(nonce)
                    .setAllowedMentions(Set.of()));
    return reminder.getIdLong();
  }

  @Override
  public void removeReaction(long messageId, String emoji, long userId) {
    Objects.requireNonNull(emoji, "emoji");
    TextChannel channel = liveChannel();
    if (userId != jda.getSelfUser().getIdLong()) {
      require(channel, "removing someone's reaction", Permission.MESSAGE_MANAGE);
    }
    User user =
        userId == jda.getSelfUser().getIdLong()
            ? jda.getSelfUser()
            : rest.call("looking up user " + userId, () -> jda.retrieveUserById(userId));
    rest.call(
        "removing " + emoji + " of user " + userId + " from message " + messageId,
        () -> channel.removeReactionById(messageId, Emoji.fromFormatted(emoji), user));
  }

  @Override
  public void close() {
    // Stop callbacks first (queued ones still run while JDA is up), then JDA.
    callbacks.shutdown();
    try {
      if (!callbacks.awaitTermination(5, TimeUnit.SECONDS)) {
        callbacks.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      callbacks.shutdownNow();
    }
    JDA current = jda;
    if (current != null) {
      current.shutdown();
      try {
        if (!current.awaitShutdown(Duration.ofSeconds(10))) {
          current.shutdownNow();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        current.shutdownNow();
      }
    }
    synchronized (connection) {
      connected = false;
      connection.notifyAll();
    }
  }

  // --- connection state -------------------------------------------------------------------------

  private void onReady(JDA jda) {
    this.jda = jda;
    Guild guild = jda.getGuildById(config.guildId());
    if (guild == null) {
      LOG.error(
          "Discord: the bot is not in server {} (discord.guild-id). Invite it with the \"bot\" and"
              + " \"applications.commands\" scopes, or fix the id.",
          config.guildId());
    } else {
      TextChannel channel = channel(jda);
      if (channel != null) {
        permissions.check(guild.getSelfMember(), channel);
      }
      guild
          .updateCommands()
          .addCommands(SlashCommands.all())
          .queue(
              registered ->
                  LOG.info(
                      "Discord: registered {} slash commands in server {}",
                      registered.size(),
                      guild.getName()),
              failure ->
                  LOG.error(
                      "Discord: could not register the slash commands in server {} ({}). Was the"
                          + " bot invited with the \"applications.commands\" scope?",
                      config.guildId(),
                      failure.toString()));
    }
    sessionStartPending = true;
  }

  private void onStatus(JDA eventJda, JDA.Status status) {
    // The first events can arrive before build() has returned and set the field.
    jda = eventJda;
    boolean live = status == JDA.Status.CONNECTED && channel(eventJda) != null;
    synchronized (connection) {
      connected = live;
      connection.notifyAll();
    }
    if (live && sessionStartPending) {
      sessionStartPending = false;
      ReactionListener listener = reactions;
      callbacks.execute(
          () -> {
            try {
              listener.onGatewaySessionStarted();
            } catch (RuntimeException e) {
              LOG.error("Review callback onGatewaySessionStarted failed", e);
            }
          });
    }
    LOG.debug("Discord: gateway status {}", status);
  }

  private TextChannel liveChannel() {
    JDA current = jda;
    if (current == null || current.getStatus() != JDA.Status.CONNECTED) {
      throw new ReviewChannelException(
          Reason.NOT_CONNECTED, "Discord: not connected to the gateway right now");
    }
    TextChannel channel = channel(current);
    if (channel == null) {
      throw new ReviewChannelException(
          Reason.NOT_CONNECTED,
          "Discord: review channel "
              + config.reviewChannelId()
              + " is not visible to the bot (see the error logged at connection)");
    }
    permissions.check(channel.getGuild().getSelfMember(), channel);
    return channel;
  }

  /**
   * Fails fast, before any request, when the bot's cached permissions lack one of these (each is
   * reported once by the permission check that {@link #liveChannel()} ran).
   */
  private void require(TextChannel channel, String what, Permission... needed) {
    for (Permission permission : needed) {
      if (!channel.getGuild().getSelfMember().hasPermission(channel, permission)) {
        permissions.missing(permission, channel.getName(), channel.getIdLong());
        throw new ReviewChannelException(
            Reason.MISSING_PERMISSION,
            "Discord: "
                + what
                + " needs permission \""
                + PermissionReport.uiName(permission)
                + "\"");
      }
    }
  }

  private TextChannel channel(JDA jda) {
    TextChannel channel = jda.getTextChannelById(config.reviewChannelId());
    if (channel == null || channel.getGuild().getIdLong() != config.guildId()) {
      if (!channelReported) {
        channelReported = true;
        LOG.error(
            "Discord: review channel {} (discord.review-channel-id) is not a text channel the bot"
                + " can see in server {} (discord.guild-id). Check both ids and that the bot's"
                + " role may View Channel there.",
            config.reviewChannelId(),
            config.guildId());
      }
      return null;
    }
    return channel;
  }

  private String channelName() {
    JDA current = jda;
    TextChannel channel =
        current == null ? null : current.getTextChannelById(config.reviewChannelId());
    return channel == null ? "?" : channel.getName();
  }

  /** The card message, checked to be one of ours with an embed to edit. */
  private Message card(TextChannel channel, long messageId) {
    Message message =
        rest.call("reading message " + messageId, () -> channel.retrieveMessageById(messageId));
    if (message.getAuthor().getIdLong() != jda.getSelfUser().getIdLong()
        || message.getEmbeds().isEmpty()) {
      throw new ReviewChannelException(
          Reason.REFUSED, "Discord: message " + messageId + " is not a card this bot posted");
    }
    return message;
  }

  /** The user's current roles in the review server; empty when not (or no longer) a member. */
  private Set<Long> rolesOf(long userId) {
    JDA current = jda;
    Guild guild = current == null ? null : current.getGuildById(config.guildId());
    if (guild == null) {
      return Set.of();
    }
    try {
      return DiscordEvents.roleIds(
          rest.call("looking up member " + userId, () -> guild.retrieveMemberById(userId)));
    } catch (ReviewChannelException e) {
      if (e.getCause() instanceof ErrorResponseException error
          && (error.getErrorResponse() == ErrorResponse.UNKNOWN_MEMBER
              || error.getErrorResponse() == ErrorResponse.UNKNOWN_USER)) {
        return Set.of();
      }
      LOG.warn("{}; treating the user as having no roles", e.getMessage());
      return Set.of();
    }
  }
}
