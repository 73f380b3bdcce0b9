package dev.nichebot.reddit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RedditSettingsTest {
  private static RedditSettings.Builder minimal() {
    return RedditSettings.builder()
        .clientId(Credential.of("id-123"))
        .clientSecret(Credential.of("secret-456"))
        .username("nichebot_bot")
        .password(Credential.of("pw-789"))
        .userAgent("owner_name", "dev.nichebot", "0.1.0");
  }

  @Test
  void defaultsPointAtRedditWithSaneBounds() {
    RedditSettings settings = minimal().build();

    assertThat(settings.authUrl().toString()).isEqualTo("https://www.reddit.com/");
    assertThat(settings.apiUrl().toString()).isEqualTo("https://oauth.reddit.com/");
    assertThat(settings.userAgent()).isEqualTo("jvm:dev.nichebot:0.1.0 (by /u/owner_name)");
    assertThat(settings.maxAttempts()).isEqualTo(5);
    assertThat(settings.maxRetryTime()).isEqualTo(Duration.ofMinutes(2));
    assertThat(settings.maxResponseBytes()).isEqualTo(8L * 1024 * 1024);
    assertThat(settings.readTimeout()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void anExplicitUserAgentWins() {
    assertThat(minimal().userAgent("linux:my.bot:1.0 (by /u/someone)").build().userAgent())
        .isEqualTo("linux:my.bot:1.0 (by /u/someone)");
  }

  @Test
  void missingOrInvalidSettingsSayWhichWithoutEchoingSecrets() {
    assertThatThrownBy(() -> minimal().password(null).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Reddit password is missing");
    assertThatThrownBy(() -> minimal().clientSecret(Credential.of(" ")).build())
        .hasMessage("Reddit client secret is missing");
    assertThatThrownBy(() -> minimal().apiUrl("ftp://example.org").build())
        .hasMessageContaining("API URL is not an http(s) URL");
    assertThatThrownBy(() -> minimal().username("bad name").build())
        .hasMessageContaining("username");
    assertThatThrownBy(() -> minimal().userAgent("bad owner!", "app", "1").build())
        .hasMessageContaining("owner");
    assertThatThrownBy(
            () ->
                RedditSettings.builder()
                    .clientId(Credential.of("a"))
                    .clientSecret(Credential.of("b"))
                    .username("nichebot_bot")
                    .password(Credential.of("c"))
                    .build())
        .hasMessageContaining("user agent is missing");
    assertThatThrownBy(() -> minimal().maxAttempts(0).build()).hasMessageContaining("maxAttempts");
    assertThatThrownBy(
            () -> minimal().backoff(Duration.ofSeconds(5), Duration.ofSeconds(1)).build())
        .hasMessageContaining("maxBackoff");
  }

  @Test
  void toBuilderKeepsEverything() {
    RedditSettings settings = minimal().maxAttempts(3).build();
    assertThat(settings.toBuilder().build()).isEqualTo(settings);
  }

  @Test
  void credentialsCompareByValueAndPrintMasked() {
    assertThat(Credential.of("x")).isEqualTo(Credential.of("x")).isNotEqualTo(Credential.of("y"));
    assertThat(Credential.of("hunter2")).hasToString("***");
  }
}
