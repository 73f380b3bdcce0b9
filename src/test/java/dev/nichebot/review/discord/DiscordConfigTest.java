package dev.nichebot.review.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nichebot.config.Secret;
import java.net.URI;
import org.junit.jupiter.api.Test;

class DiscordConfigTest {
  private static final Secret TOKEN = Secret.of("MTIzNDU2.real-looking.token");

  @Test
  void defaultsPointAtDiscordWithTheUsualEmojiAndLimits() {
    DiscordConfig config = DiscordConfig.builder(TOKEN, 1, 2).build();

    assertThat(config.approveEmoji()).isEqualTo("✅");
    assertThat(config.rejectEmoji()).isEqualTo("❌");
    assertThat(config.restBaseUrl()).hasToString("https://discord.com/api/v10/");
    assertThat(config.gatewayUrl()).hasToString("wss://gateway.discord.gg/");
    assertThat(config.uploadLimitBytes()).isEqualTo(8L * 1024 * 1024);
    assertThat(config.maxImageSide()).isEqualTo(2048);
    assertThat(config.plainGateway()).isFalse();
  }

  @Test
  void theTokenNeverShowsInToString() {
    DiscordConfig config = DiscordConfig.builder(TOKEN, 1, 2).build();

    assertThat(config.toString()).doesNotContain("MTIzNDU2").contains("token=***");
    assertThat(TOKEN.toString()).isEqualTo("***");
  }

  @Test
  void badValuesAreRefusedWithTheKeyName() {
    assertThatThrownBy(() -> DiscordConfig.builder(TOKEN, 0, 2).build())
        .hasMessageContaining("discord.guild-id");
    assertThatThrownBy(() -> DiscordConfig.builder(TOKEN, 1, -5).build())
        .hasMessageContaining("discord.review-channel-id");
    assertThatThrownBy(() -> DiscordConfig.builder(null, 1, 2).build())
        .hasMessageContaining("discord.token");
    assertThatThrownBy(
            () -> DiscordConfig.builder(TOKEN, 1, 2).approveEmoji("👍").rejectEmoji("👍").build())
        .hasMessageContaining("differ");
    assertThatThrownBy(
            () -> DiscordConfig.builder(TOKEN, 1, 2).restBaseUrl(URI.create("ftp://x/")).build())
        .hasMessageContaining("REST base URL");
    assertThatThrownBy(
            () -> DiscordConfig.builder(TOKEN, 1, 2).gatewayUrl(URI.create("http://x/")).build())
        .hasMessageContaining("gateway URL");
    assertThatThrownBy(() -> DiscordConfig.builder(TOKEN, 1, 2).uploadLimitBytes(10).build())
        .hasMessageContaining("upload limit");
  }

  @Test
  void anEmptyTokenIsRefused() {
    assertThatThrownBy(() -> DiscordConfig.builder(Secret.empty(), 1, 2).build())
        .hasMessageContaining("discord.token is required");
  }

  @Test
  void aPlainWsGatewayIsTheLocalKind() {
    DiscordConfig config =
        DiscordConfig.builder(TOKEN, 1, 2)
            .gatewayUrl(URI.create("ws://127.0.0.1:9/gateway"))
            .build();

    assertThat(config.plainGateway()).isTrue();
  }
}
