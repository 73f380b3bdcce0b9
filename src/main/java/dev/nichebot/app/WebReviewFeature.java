package dev.nichebot.app;

import dev.nichebot.config.BotConfig;
import dev.nichebot.review.ReviewService;
import dev.nichebot.web.WebServer;
import dev.nichebot.web.review.ReviewActions;
import dev.nichebot.web.review.ReviewHandler;
import dev.nichebot.web.review.ReviewQueries;

/**
 * The review page on the bot's own web server: the place of review when {@code review.mode=web},
 * and a bulk labelling view beside Discord otherwise. Decisions go through the bot's one {@link
 * ReviewService}, so Discord's cards hear of decisions made here. The REVIEW stage belongs to
 * {@link ReviewFeature}: in web mode the page decides candidates straight from the queue.
 */
final class WebReviewFeature implements Feature {
  private final Core core;
  private final ReviewService review;

  WebReviewFeature(Core core, ReviewService review) {
    this.core = core;
    this.review = review;
  }

  @Override
  public void registerRoutes(WebServer web) {
    BotConfig.Web config = core.config().web();
    ReviewQueries queries = new ReviewQueries(core.db(), core.config().imagesDir());
    ReviewActions actions =
        new ReviewActions(core.db(), core.candidates(), review, core.audit(), core.clock());
    boolean besideDiscord = core.config().review().mode() == BotConfig.ReviewMode.DISCORD;
    web.route(
        "/review",
        new ReviewHandler(queries, actions, config.reviewToken(), config.bind(), besideDiscord));
  }
}
