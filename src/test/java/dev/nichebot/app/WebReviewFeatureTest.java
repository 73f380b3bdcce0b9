package dev.nichebot.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nichebot.config.BotConfig;
import dev.nichebot.config.ConfigLoader;
import dev.nichebot.domain.CandidateState;
import dev.nichebot.store.Database;
import dev.nichebot.testing.ChildBot;
import dev.nichebot.testing.TestCandidates;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The started bot serves the review page on its web server. */
class WebReviewFeatureTest {
  @TempDir Path dir;

  @Test
  void inWebModeTheBotServesTheReviewPage() throws Exception {
    int port = ChildBot.freePort();
    BotConfig config =
        ConfigLoader.defaults(
            dir,
            Map.of("data.dir", dir.resolve("data").toString(), "web.port", Integer.toString(port)));
    assertThat(config.review().mode()).isEqualTo(BotConfig.ReviewMode.WEB);
    Database db = Database.open(config.store());
    db.migrate();
    Bot bot = Bot.create(config, db, Clock.systemUTC());
    try {
      bot.start();
      long id =
          new TestCandidates(db, bot.core().candidates(), config.imagesDir())
              .in(CandidateState.QUEUED_FOR_REVIEW, 0.8);
      HttpResponse<String> page =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/review"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).contains("id=\"c" + id + "\"");

    } finally {
      bot.close();
      db.close();
    }
  }
}
