package dev.nichebot.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nichebot.domain.Candidate;
import dev.nichebot.domain.CandidateState;
import dev.nichebot.publish.TitleTemplate.Field;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TitleTemplateTest {
  private static final LocalDate DAY = LocalDate.of(2026, 3, 2);

  private static Candidate candidate(String title, String author, String page, String source) {
    return new Candidate(
        7,
        CandidateState.APPROVED,
        null,
        null,
        source,
        page,
        author,
        title,
        null,
        1L,
        0.9,
        0.0,
        "m",
        null,
        null,
        0,
        null,
        null,
        Instant.EPOCH,
        Instant.EPOCH);
  }

  private static String title(String template, Candidate c) {
    return TitleTemplate.parse(template).title(PostFields.of(c, DAY), "Today's find");
  }

  @Test
  void fieldsAreFilledFromTheCandidate() {
    Candidate c =
        candidate(
            "Dawn over the fjord",
            "photog",
            "https://www.reddit.com/r/EarthPorn/comments/abc/dawn/",
            "https://i.redd.it/abc.jpg");
    assertThat(title("{title} (via /u/{author}) from r/{subreddit} #{id} {date}", c))
        .isEqualTo("Dawn over the fjord (via /u/photog) from r/EarthPorn #7 2026-03-02");
  }

  @Test
  void missingFieldsTakeTheirFallbackOrNothingAndAnEmptyTitleTheDefault() {
    Candidate c = candidate(null, "[deleted]", null, "file:/srv/photos/a.png");
    assertThat(title("{title|Untitled} (via /u/{author|someone})", c))
        .isEqualTo("Untitled (via /u/someone)");
    assertThat(title("{title}  by {author}", c)).isEqualTo("by");
    assertThat(title("{title}{author}", c)).isEqualTo("Today's find");
    // A local file is no credit: {source} stays empty rather than show a path on this machine.
    assertThat(title("{source|unknown source}", c)).isEqualTo("unknown source");
  }

  @Test
  void titlesAreOneLineAndAtMost300CharactersNeverCuttingAnEmojiInHalf() {
    Candidate multiline = candidate("Line one\nline two\t\ttabs", "a", null, "https://x/a.png");
    assertThat(title("{title}", multiline)).isEqualTo("Line one line two tabs");

    String longTitle = "x".repeat(299) + "\uD83C\uDF04" + "tail";
    String t = title("{title}", candidate(longTitle, "a", null, "https://x/a.png"));
    assertThat(t).hasSize(299).isEqualTo("x".repeat(299));

    String exact = "y".repeat(400);
    assertThat(title("{title}", candidate(exact, "a", null, "https://x/a.png"))).hasSize(300);
  }

  @Test
  void literalBracesAndBadTemplatesAreReportedWhenParsed() {
    assertThat(TitleTemplate.parse("{{{title}}}").render(Map.of(Field.TITLE, "t")))
        .isEqualTo("{t}");
    assertThatThrownBy(() -> TitleTemplate.parse("{titel} by {author}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown field {titel}")
        .hasMessageContaining("{title}");
    assertThatThrownBy(() -> TitleTemplate.parse("{title"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unclosed '{'");
  }

  @Test
  void commentsKeepTheirLinesAndTheSourceLink() {
    Candidate c = candidate("t", "photog", "https://example.org/page", "https://example.org/a.jpg");
    String comment =
        TitleTemplate.parse("Photo by /u/{author}.\n\nSource: {source}")
            .comment(PostFields.of(c, DAY));
    assertThat(comment).isEqualTo("Photo by /u/photog.\n\nSource: https://example.org/page");
  }
}
