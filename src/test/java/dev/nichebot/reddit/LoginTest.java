package dev.nichebot.reddit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Script-app login, token renewal and login errors, against recorded token responses. */
class LoginTest {
  private final FakeReddit reddit = new FakeReddit();
  private final RedditClient client = reddit.client();

  @AfterEach
  void stop() {
    client.close();
    reddit.close();
  }

  @Test
  void passwordGrantSendsBasicAuthAndTheFormPrawSent() {
    Fixtures.Recorded token = Fixtures.recorded("oauth_token_password_grant_2016.json");
    reddit.authScript.queue.add(token.response());
    reddit.answer(Fixtures.recorded("me_2025.json").response());

    Account me = client.me();

    RecordedRequest login = reddit.takeAuth();
    assertThat(login.getMethod()).isEqualTo("POST");
    assertThat(login.getUrl().encodedPath()).isEqualTo(token.requestPath());
    String basic =
        Base64.getEncoder()
            .encodeToString(
                (FakeReddit.CLIENT_ID + ":" + FakeReddit.CLIENT_SECRET)
                    .getBytes(StandardCharsets.UTF_8));
    assertThat(login.getHeaders().get("Authorization")).isEqualTo("Basic " + basic);
    assertThat(login.getHeaders().get("Content-Type"))
        .startsWith("application/x-www-form-urlencoded");
    assertThat(login.getHeaders().get("User-Agent")).isEqualTo(FakeReddit.USER_AGENT);
    Map<String, String> form = FakeReddit.form(login);
    assertThat(form.keySet()).isEqualTo(token.requestForm().keySet());
    assertThat(form)
        .containsEntry("grant_type", "password")
        .containsEntry("username", FakeReddit.USERNAME)
        .containsEntry("password", FakeReddit.PASSWORD);

    RecordedRequest call = reddit.takeApi();
    assertThat(call.getUrl().encodedPath())
        .isEqualTo(Fixtures.recorded("me_2025.json").requestPath());
    assertThat(call.getHeaders().get("Authorization")).isEqualTo("bearer <REDACTED>");
    assertThat(call.getHeaders().get("User-Agent")).isEqualTo(FakeReddit.USER_AGENT);
    assertThat(call.getUrl().queryParameter("raw_json")).isEqualTo("1");

    assertThat(me.name()).isEqualTo("<USERNAME>");
    assertThat(me.fullname()).contains("t2_3ebyblla");
    assertThat(me.inboxCount()).contains(100);
    assertThat(me.hasMail()).isTrue();
    assertThat(me.moderator()).isTrue();
    assertThat(me.suspended()).isFalse();
    assertThat(me.linkKarma()).contains(1);
    assertThat(me.created()).isPresent();
  }

  @Test
  void tokenIsRenewedAMinuteBeforeItExpires() {
    // The 2025 shape: expires_in 86400.
    reddit.authScript.queue.add(
        Fixtures.recorded("oauth_token_refresh_grant_2025.json").response());
    String me = Fixtures.recorded("me_2025.json").body();
    for (int i = 0; i < 3; i++) {
      reddit.answer(Fixtures.json(me));
    }

    client.me();
    reddit.time.advance(Duration.ofSeconds(86_400 - 61));
    client.me();
    assertThat(reddit.auth.getRequestCount()).isEqualTo(1);
    reddit.time.advance(Duration.ofSeconds(2)); // now 59 s before expiry
    client.me();

    assertThat(reddit.auth.getRequestCount()).isEqualTo(2);
    reddit.takeApi();
    assertThat(reddit.takeApi().getHeaders().get("Authorization"))
        .isEqualTo("bearer <ACCESS_TOKEN>");
    assertThat(reddit.takeApi().getHeaders().get("Authorization"))
        .isEqualTo("bearer " + FakeReddit.TOKEN_PREFIX + "1");
  }

  @Test
  void a401InvalidTokenRenewsTheTokenOnceAndRepeatsTheCall() {
    reddit.answer(Fixtures.recorded("error_401_invalid_token_2017.json").response());
    reddit.answer(Fixtures.recorded("me_2025.json").response());

    assertThat(client.me().name()).isEqualTo("<USERNAME>");

    assertThat(reddit.auth.getRequestCount()).isEqualTo(2);
    assertThat(reddit.takeApi().getHeaders().get("Authorization"))
        .isEqualTo("bearer " + FakeReddit.TOKEN_PREFIX + "1");
    assertThat(reddit.takeApi().getHeaders().get("Authorization"))
        .isEqualTo("bearer " + FakeReddit.TOKEN_PREFIX + "2");
  }

  @Test
  void a401AfterRenewingIsALoginErrorNotALoop() {
    Fixtures.Recorded unauthorized = Fixtures.recorded("error_401_invalid_token_2017.json");
    reddit.answer(unauthorized.response());
    reddit.answer(unauthorized.response());

    assertThatThrownBy(client::me)
        .isInstanceOf(RedditLoginException.class)
        .hasMessageContaining("even after renewing");
    assertThat(reddit.api.getRequestCount()).isEqualTo(2);
  }

  @Test
  void invalidGrantArrivesAsHttp200AndSaysToCheckUsernameAndPassword() {
    reddit.authScript.queue.add(
        Fixtures.recorded("oauth_token_error_invalid_grant_2021.json").response());

    assertThatThrownBy(client::me)
        .isInstanceOfSatisfying(
            RedditLoginException.class, e -> assertThat(e.reason()).isEqualTo("invalid_grant"))
        .hasMessageContaining("invalid_grant")
        .hasMessageContaining("username and password")
        .hasMessageContaining("reddit.username / reddit.password")
        .hasMessageNotContaining(FakeReddit.PASSWORD);
    assertThat(reddit.api.getRequestCount()).isZero();

    // A wrong password is not tried again at once: that would only risk locking the account.
    assertThatThrownBy(client::me).isInstanceOf(RedditLoginException.class);
    assertThat(reddit.auth.getRequestCount()).isEqualTo(1);

    reddit.time.advance(Duration.ofMinutes(5));
    reddit.answer(Fixtures.recorded("me_2025.json").response());
    assertThat(client.me().name()).isEqualTo("<USERNAME>");
    assertThat(reddit.auth.getRequestCount()).isEqualTo(2);
  }

  @Test
  void unauthorizedClientSaysTheAppMustBeAScriptApp() {
    reddit.authScript.queue.add(
        Fixtures.recorded("oauth_token_error_unauthorized_client_2016.json").response());

    assertThatThrownBy(client::me)
        .isInstanceOfSatisfying(
            RedditLoginException.class,
            e -> assertThat(e.reason()).isEqualTo("unauthorized_client"))
        .hasMessageContaining("Only script apps may use password auth")
        .hasMessageContaining("'script'")
        .hasMessageContaining("reddit.client-id / reddit.client-secret")
        .hasMessageNotContaining(FakeReddit.CLIENT_SECRET);
  }

  @Test
  void wrongClientSecretIsHttp401FromTheTokenEndpoint() {
    reddit.authScript.queue.add(
        Fixtures.json(401, "{\"message\": \"Unauthorized\", \"error\": 401}"));

    assertThatThrownBy(client::me)
        .isInstanceOfSatisfying(
            RedditLoginException.class, e -> assertThat(e.reason()).isEqualTo("http_401"))
        .hasMessageContaining("client id and secret");
  }

  @Test
  void aTokenEndpoint429WithoutRetryAfterIsRetriedAfterABackoff() {
    reddit.authScript.queue.add(Fixtures.recorded("oauth_token_error_429_2021.json").response());
    reddit.authScript.queue.add(
        Fixtures.recorded("oauth_token_password_grant_scoped_2021.json").response());
    reddit.answer(Fixtures.recorded("me_2025.json").response());

    assertThat(client.me().name()).isEqualTo("<USERNAME>");

    assertThat(reddit.auth.getRequestCount()).isEqualTo(2);
    assertThat(reddit.time.sleeps()).hasSize(1);
    assertThat(reddit.time.sleeps().get(0))
        .isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
  }
}
