package dev.nichebot.app;

import dev.nichebot.classify.Classifier;
import dev.nichebot.classify.DjlRuntime;
import dev.nichebot.classify.ModelBundleException;
import dev.nichebot.classify.ModelBundles;
import dev.nichebot.config.BotConfig;
import dev.nichebot.domain.Stage;
import dev.nichebot.schedule.StageDefinition;
import dev.nichebot.web.HealthCheck;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The classifier in the running bot: the CLASSIFY stage ({@link ClassifyStage}) with one model,
 * loaded on first use and reused, reloaded when its bundle changes; a health check that turns red
 * when the model cannot be loaded.
 *
 * <p>The signal bundle is {@code classify.model-dir}, unless {@code nichebot train --from-reviews
 * --activate} (or an operator) put another folder into {@code bot_state} key {@value
 * #MODEL_DIR_KEY}. A bundle that cannot be read at start-up leaves the stage unscheduled with the
 * reason, rather than stopping the bot.
 */
public final class ClassifyFeature implements Feature {
  private static final Logger log = LoggerFactory.getLogger(ClassifyFeature.class);

  /** Run-time choice of the signal bundle's folder (set by {@code train --activate}). */
  public static final String MODEL_DIR_KEY = "classify.model-dir";

  private final Core core;
  private final ClassifierHolder models;
  private final ClassifyStage stage;

  ClassifyFeature(Core core) {
    this(core, loader(core.config().classify()));
  }

  ClassifyFeature(Core core, ClassifierHolder.Loader loader) {
    this.core = core;
    BotConfig.Classify c = core.config().classify();
    this.models = new ClassifierHolder(() -> modelDir(core), c.nsfwModelDir(), loader);
    this.stage =
        new ClassifyStage(
            core.db(),
            core.candidates(),
            core.botState(),
            models,
            core.config().imagesDir(),
            c.threshold(),
            c.nsfwThreshold(),
            core.config().publish().nsfw(),
            c.batchSize());
  }

  /** The signal bundle's folder now: the run-time choice, else the configured one. */
  static Path modelDir(Core core) {
    return core.botState()
        .get(MODEL_DIR_KEY)
        .filter(s -> !s.isBlank())
        .map(Path::of)
        .orElse(core.config().classify().modelDir());
  }

  @Override
  public List<StageDefinition> stages() {
    String cron = core.config().classify().cron();
    // Only the metadata and checksums here (milliseconds); the models load on the first batch.
    try {
      ModelBundles.readHead(modelDir(core));
      Path nsfw = core.config().classify().nsfwModelDir();
      if (nsfw != null) {
        ModelBundles.readHead(nsfw);
      }
    } catch (ModelBundleException e) {
      log.error(
          "classify: the model bundle is unusable, so nothing is classified: {}", e.getMessage());
      return List.of(StageDefinition.unavailable(Stage.CLASSIFY, cron, e.getMessage()));
    }
    return List.of(StageDefinition.of(Stage.CLASSIFY, cron, stage));
  }

  @Override
  public List<HealthCheck> healthChecks() {
    return List.of(
        new HealthCheck() {
          @Override
          public String name() {
            return "classifier";
          }

          @Override
          public boolean isUp() {
            return models.healthy();
          }
        });
  }

  ClassifyStage stage() {
    return stage;
  }

  @Override
  public void close() {
    models.close();
  }

  /** The real models: DJL, with the configured batch size and threads. */
  static ClassifierHolder.Loader loader(BotConfig.Classify c) {
    return (signalDir, nsfwDir) -> {
      if (c.threads() > 0 && System.getProperty("ai.djl.pytorch.num_threads") == null) {
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(c.threads()));
      }
      DjlRuntime.prepare();
      Classifier.Builder b = Classifier.builder(signalDir).batchSize(c.batchSize());
      if (c.threads() > 0) {
        b.preprocessThreads(c.threads());
      }
      if (nsfwDir != null) {
        b.nsfwBundle(nsfwDir);
      }
      return b.build();
    };
  }
}
