package dev.nichebot.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nichebot.testing.ProjectFiles;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class ConfigExampleTest {

  @Test
  void theCommittedExampleDocumentsEveryKeyWithItsDefault() throws IOException {
    String committed = Files.readString(ProjectFiles.of("bot.properties.example"));
    assertThat(committed)
        .as("bot.properties.example is stale: regenerate with `nichebot config --example`")
        .isEqualTo(ConfigExample.render());
    for (ConfigKey key : ConfigKeys.all()) {
      assertThat(committed).contains("\n" + key.name() + "=");
    }
  }

  @Test
  void everyKeyIsDocumentedAndItsDefaultIsValid() {
    for (ConfigKey key : ConfigKeys.all()) {
      assertThat(key.description()).as(key.name()).isNotBlank();
      key.type().parse(key.defaultValue());
    }
  }

  @Test
  void everyOutsideBaseUrlIsAKey() {
    assertThat(ConfigKeys.find("reddit.auth-url")).isPresent();
    assertThat(ConfigKeys.find("reddit.api-url")).isPresent();
    assertThat(ConfigKeys.find("discord.rest-url")).isPresent();
    assertThat(ConfigKeys.find("discord.gateway-url")).isPresent();
  }

  @Test
  void environmentVariableNamesFollowTheRule() {
    assertThat(ConfigKey.environmentVariable("reddit.client-id"))
        .isEqualTo("NICHEBOT_REDDIT_CLIENT_ID");
    assertThat(ConfigKey.environmentVariable("crawl.per-host-delay"))
        .isEqualTo("NICHEBOT_CRAWL_PER_HOST_DELAY");
  }
}
