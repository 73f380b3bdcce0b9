package dev.nichebot.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nichebot.testing.ProjectFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README opens with the two commands, and CI runs exactly the test command it gives. */
class ReadmeAndCiTest {

  private static List<String> codeBlocks(String markdown) {
    Matcher m = Pattern.compile("```bash\\n(.*?)```", Pattern.DOTALL).matcher(markdown);
    List<String> out = new ArrayList<>();
    while (m.find()) {
      out.add(m.group(1).strip());
    }
    return out;
  }

  @Test
  void theReadmeStartsWithTheSetUpAndTheTestCommandAndCiRunsTheLatter() throws IOException {
    String readme = Files.readString(ProjectFiles.of("README.md"));
    List<String> blocks = codeBlocks(readme);
    assertThat(blocks.size()).isGreaterThanOrEqualTo(2);
    String runCommand = blocks.get(0);
    String testCommand = blocks.get(1);
    assertThat(runCommand).contains("java -jar target/nichebot.jar");
    assertThat(testCommand).startsWith("./mvnw");

    String ci = Files.readString(ProjectFiles.of(".ci/run"));
    assertThat(ci.lines().map(String::strip)).contains(testCommand);
    assertThat(ci).contains("set -euo pipefail");
  }
}
