package dev.nichebot.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nichebot.config.BotConfig;
import dev.nichebot.config.ConfigLoader;
import dev.nichebot.crawl.testing.TestImages;
import dev.nichebot.domain.CandidateState;
import dev.nichebot.domain.Stage;
import dev.nichebot.schedule.StageDefinition;
import dev.nichebot.schedule.StageResult;
import dev.nichebot.store.Database;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The crawl as the bot wires it: start-up repair, and the CRAWL and DOWNLOAD stages. */
class CrawlFeatureTest {
  @TempDir Path dir;

  private Core core(String sources) {
    Map<String, String> keys = new HashMap<>();
    keys.put("data.dir", dir.resolve("data").toString());
    keys.put("web.port", "0");
    keys.put("crawl.sources", sources);
    BotConfig config = ConfigLoader.defaults(dir, keys);
    Database db = Database.open(config.store());
    db.migrate();
    return Core.create(
        config, Clock.systemUTC(), db, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
  }

  private static StageDefinition stage(List<StageDefinition> stages, Stage s) {
    return stages.stream().filter(d -> d.stage() == s).findFirst().orElseThrow();
  }

  @Test
  void startUpSyncsSourcesAndCleansTheStoreThenTheStagesCrawlAndDownload() throws Exception {
    Path photos = Files.createDirectories(dir.resolve("photos"));
    Files.write(photos.resolve("a.jpg"), TestImages.jpeg(TestImages.scene(300, 200, 61)));
    Files.write(photos.resolve("b.png"), TestImages.png(TestImages.scene(300, 200, 62)));
    Path stale = Files.createDirectories(dir.resolve("data/images/ab/cd")).resolve(".tmp-123.jpg");
    Files.write(stale, new byte[] {1, 2, 3});
    Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minusSeconds(3600)));
    Core core = core("folder:" + photos);
    try {
      CrawlFeature feature = new CrawlFeature(core);
      feature.recover();

      assertThat(stale).doesNotExist();
      assertThat(feature.parts().sources().enabled()).hasSize(1);
      List<StageDefinition> stages = Features.stages(core, List.of(feature));
      StageResult crawled = stage(stages, Stage.CRAWL).task().orElseThrow().run();
      assertThat(crawled.items()).isEqualTo(2);
      assertThat(crawled.summary()).isEqualTo("2 new image(s) from 1 source(s)");
      StageResult downloaded = stage(stages, Stage.DOWNLOAD).task().orElseThrow().run();
      assertThat(downloaded.summary()).isEqualTo("2 downloaded");
      assertThat(core.candidates().count(CandidateState.DOWNLOADED)).isEqualTo(2);
      assertThat(stage(stages, Stage.DOWNLOAD).task().orElseThrow().run())
          .isEqualTo(StageResult.idle());
    } finally {
      core.db().close();
    }
  }

  @Test
  void aCrawlWhoseEverySourceFailsShowsAsAFailedRunSayingWhy() throws Exception {
    Core core = core("folder:nowhere");
    try {
      CrawlFeature feature = new CrawlFeature(core);
      feature.recover();
      StageDefinition crawl = stage(feature.stages(), Stage.CRAWL);

      assertThatThrownBy(() -> crawl.task().orElseThrow().run())
          .hasMessageContaining("1 source(s) failed")
          .hasMessageContaining("does not exist");
    } finally {
      core.db().close();
    }
  }

  @Test
  void theBotRunsBothStages() {
    Core core = core("");
    try {
      List<StageDefinition> stages = Features.stages(core, Features.create(core));
      assertThat(stage(stages, Stage.CRAWL).task()).isPresent();
      assertThat(stage(stages, Stage.DOWNLOAD).task()).isPresent();
    } finally {
      core.db().close();
    }
  }
}
