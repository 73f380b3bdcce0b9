package dev.nichebot.reddit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** No credential or token reaches a log line, an exception or a toString(). */
class SecretsTest {
  private final FakeReddit reddit = new FakeReddit();
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final Logger logger = (Logger) LoggerFactory.getLogger("dev.nichebot.reddit");
  private Level previousLevel;

  @BeforeEach
  void capture() {
    previousLevel = logger.getLevel();
    logger.setLevel(Level.DEBUG);
    logs.start();
    logger.addAppender(logs);
  }

  @AfterEach
  void release() {
    logger.detachAppender(logs);
    logger.setLevel(previousLevel);
    reddit.close();
  }

  private static List<String> secrets() {
    String basic =
        Base64.getEncoder()
            .encodeToString(
                (FakeReddit.CLIENT_ID + ":" + FakeReddit.CLIENT_SECRET)
                    .getBytes(StandardCharsets.UTF_8));
    return List.of(
        FakeReddit.PASSWORD,
        FakeReddit.CLIENT_SECRET,
        FakeReddit.CLIENT_ID,
        FakeReddit.TOKEN_PREFIX,
        basic);
  }

  @Test
  void aBusySessionLogsNoSecret() {
    RedditClient client = reddit.client();
    List<Throwable> thrown = new ArrayList<>();
    // login, a revoked token renewed, a 502 retried, business and HTTP errors, a failed login
    reddit.answer(Fixtures.recorded("error_401_invalid_token_2017.json").response());
    reddit.answer(Fixtures.recorded("me_2025.json").response());
    reddit.answer(Fixtures.recorded("error_502_empty_body_2016.json").response());
    reddit.answer(Fixtures.recorded("listing_r_all_new_2021_subset.json").response());
    reddit.answer(Fixtures.recorded("synthetic/ratelimit_minutes.json").response());
    reddit.answer(Fixtures.recorded("error_403_quarantined_2020.json").response());
    client.me();
    client.listing("all", ListingSort.NEW, null, 100);
    thrown.add(
        catchThrowable(
            () -> client.submit(Submission.link("pics", "t", "https://example.org/a.jpg"))));
    thrown.add(catchThrowable(() -> client.listing("pics", ListingSort.NEW, null, 100)));

    RedditClient refused = reddit.client();
    reddit.authScript.queue.add(
        Fixtures.recorded("oauth_token_error_invalid_grant_2021.json").response());
    thrown.add(catchThrowable(refused::me));
    thrown.add(catchThrowable(refused::me)); // the remembered refusal
    reddit.authScript.queue.add(Fixtures.json(401, "{\"error\": 401}"));
    thrown.add(catchThrowable(reddit.client()::me));

    List<String> lines = new ArrayList<>();
    for (ILoggingEvent event : logs.list) {
      lines.add(event.getFormattedMessage());
      if (event.getThrowableProxy() != null) {
        lines.add(ThrowableProxyUtil.asString(event.getThrowableProxy()));
      }
      lines.add(event.getMDCPropertyMap().toString());
    }
    for (Throwable t : thrown) {
      assertThat(t).isInstanceOf(RedditException.class);
      StringWriter trace = new StringWriter();
      t.printStackTrace(new PrintWriter(trace));
      lines.add(trace.toString());
    }
    lines.add(client.toString());
    lines.add(reddit.settings().build().toString());

    assertThat(logs.list)
        .extracting(ILoggingEvent::getFormattedMessage)
        .anyMatch(m -> m.startsWith("Logged in to Reddit as u/nichebot_test_bot"))
        .anyMatch(m -> m.contains("renewing it once"))
        .anyMatch(m -> m.contains("retry 1/"))
        .anyMatch(m -> m.contains("invalid_grant"));
    for (String line : lines) {
      for (String secret : secrets()) {
        assertThat(line).doesNotContain(secret);
      }
    }
    // The API did receive the token: proof the check above looked for the right string.
    reddit.takeApi();
    assertThat(reddit.takeApi().getHeaders().get("Authorization"))
        .contains(FakeReddit.TOKEN_PREFIX);
  }

  @Test
  void settingsAndCredentialsPrintMasked() {
    RedditSettings settings = reddit.settings().build();
    assertThat(settings.toString()).contains("***");
    assertThat(settings.password().toString()).isEqualTo("***");
    assertThat(settings.password().reveal()).isEqualTo(FakeReddit.PASSWORD);
    assertThat(new AccessTokens.Token("secret-token-value", java.time.Instant.EPOCH).toString())
        .doesNotContain("secret-token-value");
    for (String secret : secrets()) {
      assertThat(settings.toString()).doesNotContain(secret);
    }
  }
}
