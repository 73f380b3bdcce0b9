package dev.nichebot.app;

import dev.nichebot.app.cli.DiscordCheckCommand;
import dev.nichebot.config.BotConfig;
import dev.nichebot.domain.CandidateState;
import dev.nichebot.domain.Stage;
import dev.nichebot.review.CardFactory;
import dev.nichebot.review.DiscordReview;
import dev.nichebot.review.ReviewChannel;
import dev.nichebot.review.ReviewDispatcher;
import dev.nichebot.review.ReviewPolicy;
import dev.nichebot.review.ReviewService;
import dev.nichebot.review.ReviewerAccess;
import dev.nichebot.review.VoteStore;
import dev.nichebot.review.discord.DiscordReviewChannel;
import dev.nichebot.schedule.StageDefinition;
import dev.nichebot.schedule.StageResult;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Human review. One {@link ReviewService} serves every way of reviewing (Discord's reactions, the
 * web page), so quorum, veto, audit and labels are the same whichever a reviewer uses. In Discord
 * mode this feature owns the connection and the REVIEW stage that feeds the channel; in web mode
 * candidates simply wait in the queue for the page, and the stage reports how many do.
 */
final class ReviewFeature implements Feature {
  private final Core core;
  private final ReviewService service;
  private final Function<BotConfig.Discord, ReviewChannel> channels;
  private ReviewChannel channel;
  private DiscordReview discordReview;
  private final AtomicBoolean recovered = new AtomicBoolean();

  ReviewFeature(Core core, ReviewService service) {
    this(core, service, d -> new DiscordReviewChannel(DiscordCheckCommand.discordConfig(d)));
  }

  /** For tests: a channel other than the real Discord one. */
  ReviewFeature(
      Core core, ReviewService service, Function<BotConfig.Discord, ReviewChannel> channels) {
    this.core = core;
    this.service = service;
    this.channels = channels;
  }

  /** The one review service of a running bot. */
  static ReviewService service(Core core) {
    BotConfig.Review r = core.config().review();
    ReviewPolicy policy =
        new ReviewPolicy(
            r.quorum(), r.veto(), r.undoWindow(), r.maxPending(), r.remindAfter(), r.expireAfter());
    return new ReviewService(
        core.db(), core.candidates(), new VoteStore(core.db()), core.audit(), policy, core.clock());
  }

  private boolean inDiscord() {
    return core.config().review().mode() == BotConfig.ReviewMode.DISCORD;
  }

  @Override
  public void recover() {
    if (!inDiscord()) {
      return;
    }
    BotConfig.Discord d = core.config().discord();
    channel = channels.apply(d);
    discordReview =
        new DiscordReview(
            channel,
            service,
            core.candidates(),
            core.botState(),
            core.audit(),
            ReviewerAccess.of(d.reviewerUserIds(), d.reviewerRoleIds()),
            d.approveEmoji(),
            d.rejectEmoji(),
            core.clock());
  }

  @Override
  public void start() {
    if (channel != null) {
      // Connecting is asynchronous: the REVIEW stage waits until the gateway is up.
      channel.start(discordReview, discordReview);
    }
  }

  @Override
  public List<StageDefinition> stages() {
    String cron = core.config().review().cron();
    if (inDiscord()) {
      return List.of(
          StageDefinition.of(
              Stage.REVIEW,
              cron,
              () -> {
                if (channel == null) {
                  return StageResult.of(0, "Discord review is not started");
                }
                // Adopting cards a crash left in the channel needs the connection, and must
                // happen before anything new is posted: so the first connected run does it.
                if (channel.isConnected() && recovered.compareAndSet(false, true)) {
                  discordReview.recover();
                }
                return dispatcher().run();
              }));
    }
    return List.of(
        StageDefinition.of(
            Stage.REVIEW,
            cron,
            () -> {
              long waiting = core.candidates().count(CandidateState.QUEUED_FOR_REVIEW);
              return StageResult.of(0, waiting + " waiting on the review page");
            }));
  }

  private ReviewDispatcher dispatcher() {
    BotConfig config = core.config();
    return new ReviewDispatcher(
        channel,
        core.candidates(),
        new CardFactory(core.db(), config.imagesDir()),
        service.policy(),
        core.clock());
  }

  @Override
  public void close() {
    if (channel != null) {
      channel.close();
    }
  }
}
