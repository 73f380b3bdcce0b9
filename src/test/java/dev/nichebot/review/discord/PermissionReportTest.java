package dev.nichebot.review.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import ch.qos.logback.classic.Level;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.channel.middleman.GuildChannel;
import org.junit.jupiter.api.Test;
import org.mockito.Answers;

class PermissionReportTest {
  private final Set<Permission> granted = EnumSet.copyOf(PermissionReport.REQUIRED.keySet());
  private final GuildChannel channel = mock(GuildChannel.class);
  private final Member self =
      mock(
          Member.class,
          invocation -> {
            if (invocation.getMethod().getName().equals("hasPermission")
                && invocation.getRawArguments().length == 2
                && invocation.getRawArguments()[1] instanceof Permission[] asked) {
              return granted.containsAll(Arrays.asList(asked));
            }
            return Answers.RETURNS_DEFAULTS.answer(invocation);
          });

  PermissionReportTest() {
    when(channel.getName()).thenReturn("image-review");
    when(channel.getId()).thenReturn("300");
    when(channel.getIdLong()).thenReturn(300L);
  }

  @Test
  void eachMissingPermissionIsReportedOnceNamingWhatToGrant() {
    granted.remove(Permission.MESSAGE_ADD_REACTION);
    granted.remove(Permission.MESSAGE_HISTORY);
    PermissionReport report = new PermissionReport();

    try (LogCapture log = new LogCapture(PermissionReport.class)) {
      report.check(self, channel);
      report.check(self, channel);
      report.missing(Permission.MESSAGE_ADD_REACTION, "image-review", 300);

      assertThat(log.messages(Level.ERROR))
          .hasSize(2)
          .anySatisfy(
              m -> assertThat(m).contains("\"Add Reactions\"").contains("#image-review (300)"))
          .anySatisfy(m -> assertThat(m).contains("\"Read Message History\"").contains("allow"));
    }
    assertThat(report.missing())
        .containsExactlyInAnyOrder(Permission.MESSAGE_ADD_REACTION, Permission.MESSAGE_HISTORY);
  }

  @Test
  void aPermissionLostAgainAfterBeingGrantedIsReportedAgain() {
    PermissionReport report = new PermissionReport();
    try (LogCapture log = new LogCapture(PermissionReport.class)) {
      granted.remove(Permission.MESSAGE_ATTACH_FILES);
      report.check(self, channel);
      granted.add(Permission.MESSAGE_ATTACH_FILES);
      report.check(self, channel);
      granted.remove(Permission.MESSAGE_ATTACH_FILES);
      report.check(self, channel);

      assertThat(log.messages(Level.ERROR)).hasSize(2);
      assertThat(log.messages(Level.INFO))
          .singleElement()
          .satisfies(m -> assertThat(m).contains("now has"));
    }
  }

  @Test
  void theInviteLinkInTheDocsAsksForExactlyTheRequiredPermissions() throws Exception {
    long raw = Permission.getRaw(PermissionReport.REQUIRED.keySet());
    String docs =
        java.nio.file.Files.readString(
            java.nio.file.Path.of(
                System.getProperty("nichebot.project.dir", "."), "docs", "DISCORD.md"));

    assertThat(raw).isEqualTo(126016L);
    assertThat(docs).contains("permissions=" + raw);
  }

  @Test
  void nothingIsLoggedWhenEverythingIsGranted() {
    PermissionReport report = new PermissionReport();
    try (LogCapture log = new LogCapture(PermissionReport.class)) {
      report.check(self, channel);

      assertThat(log.messages(Level.ERROR)).isEmpty();
    }
    assertThat(report.missing()).isEmpty();
  }
}
