package dev.nichebot.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nichebot.testing.ProjectFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** No Docker engine here: the Dockerfile's promises are checked by reading it. */
class DockerfileTest {
  private String dockerfile;
  private List<String> instructions;

  @BeforeEach
  void read() throws IOException {
    dockerfile = Files.readString(ProjectFiles.of("Dockerfile"));
    // Join continuation lines, drop comments: one instruction per entry.
    instructions =
        List.of(dockerfile.replaceAll("\\\\\\n", " ").split("\\n")).stream()
            .map(String::strip)
            .filter(l -> !l.isEmpty() && !l.startsWith("#"))
            .toList();
  }

  private List<String> all(String keyword) {
    return instructions.stream().filter(l -> l.startsWith(keyword + " ")).toList();
  }

  @Test
  void buildsWithTheWrapperOnAJdkAndRunsOnAJre() {
    List<String> froms = all("FROM");
    assertThat(froms).hasSize(2);
    assertThat(froms.get(0)).containsIgnoringCase("jdk").contains(" AS build");
    assertThat(froms.get(1)).containsIgnoringCase("jre");
    assertThat(all("RUN")).anyMatch(r -> r.contains("./mvnw") && r.contains("package"));
    assertThat(all("COPY")).anyMatch(c -> c.contains("--from=build"));
  }

  @Test
  void runsAsANonRootUserWithAVolumeAPortAndAHealthCheck() {
    List<String> users = all("USER");
    assertThat(users).isNotEmpty();
    assertThat(users.get(users.size() - 1)).doesNotContain("root").doesNotMatch("USER 0.*");
    assertThat(all("VOLUME")).anyMatch(v -> v.contains("/data"));
    assertThat(all("EXPOSE")).anyMatch(e -> e.contains("8080"));
    assertThat(all("HEALTHCHECK"))
        .singleElement()
        .satisfies(h -> assertThat(h).contains("HealthProbe"));
  }

  @Test
  void entrypointIsExecFormSoSigtermReachesTheJvmAndRunIsTheDefault() {
    assertThat(all("ENTRYPOINT"))
        .singleElement()
        .satisfies(e -> assertThat(e).matches("ENTRYPOINT \\[.*\\]"));
    assertThat(all("CMD")).singleElement().isEqualTo("CMD [\"run\"]");
  }

  @Test
  void djlIsOfflineInTheImage() {
    assertThat(Pattern.compile("DJL_OFFLINE=true").matcher(dockerfile).find()).isTrue();
    assertThat(all("ENTRYPOINT").get(0)).contains("-Dai.djl.offline=true");
  }

  @Test
  void theHealthProbeExistsWhereTheHealthCheckCallsIt() throws ClassNotFoundException {
    assertThat(Class.forName("dev.nichebot.app.HealthProbe")).isNotNull();
  }
}
