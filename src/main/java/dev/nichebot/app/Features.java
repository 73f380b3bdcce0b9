package dev.nichebot.app;

import dev.nichebot.domain.Stage;
import dev.nichebot.review.ReviewService;
import dev.nichebot.schedule.StageDefinition;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Every feature of the bot, wired in one place (as TJ-Bot's {@code Features.java}). Adding a
 * feature means adding one line here.
 */
final class Features {
  private Features() {}

  static List<Feature> create(Core core) {
    List<Feature> features = new ArrayList<>();
    features.add(new ClassifyFeature(core));
    ReviewService review = ReviewFeature.service(core);
    features.add(new ReviewFeature(core, review));
    features.add(new PublishFeature(core));
    features.add(new ModerationFeature(core));
    features.add(new WebReviewFeature(core, review));
    features.add(new CrawlFeature(core));
    return features;
  }

  /** One definition per stage: the feature's, or a plain "not built" for stages nobody runs. */
  static List<StageDefinition> stages(Core core, List<Feature> features) {
    Map<Stage, StageDefinition> byStage = new EnumMap<>(Stage.class);
    for (Feature f : features) {
      for (StageDefinition d : f.stages()) {
        byStage.put(d.stage(), d);
      }
    }
    List<StageDefinition> out = new ArrayList<>();
    for (Stage s : Stage.values()) {
      out.add(
          byStage.getOrDefault(
              s, StageDefinition.unavailable(s, cronOf(core, s), "this stage is not built yet")));
    }
    return out;
  }

  static String cronOf(Core core, Stage stage) {
    var c = core.config();
    return switch (stage) {
      case CRAWL -> c.crawl().cron();
      case DOWNLOAD -> c.crawl().downloadCron();
      case CLASSIFY -> c.classify().cron();
      case REVIEW -> c.review().cron();
      case PUBLISH -> c.publish().cron();
      case INBOX -> c.moderation().cron();
    };
  }
}
