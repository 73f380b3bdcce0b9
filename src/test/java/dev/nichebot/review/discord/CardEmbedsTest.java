package dev.nichebot.review.discord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nichebot.review.ReviewCard;
import dev.nichebot.review.ReviewOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.entities.MessageEmbed;
import org.junit.jupiter.api.Test;

class CardEmbedsTest {
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private final CardEmbeds embeds = new CardEmbeds("✅", "❌");

  private static ReviewCard.Builder card() {
    return ReviewCard.builder(42, new ReviewCard.Image(new byte[] {1, 2, 3}, "x.png"))
        .signal(0.876, "cnn-7");
  }

  private static List<String> values(MessageEmbed embed) {
    return embed.getFields().stream().map(MessageEmbed.Field::getValue).toList();
  }

  @Test
  void showsEveryDetailAndPutsTheCandidateIdInTheFooter() {
    MessageEmbed embed =
        embeds.card(
            card()
                .title("Harbour")
                .nsfwScore(0.1)
                .source("r/harbours")
                .credit("Harbour [OC]", "someone", "https://example.org/p/1")
                .nearestKnown("candidate #17", 3)
                .build(),
            "candidate-42.jpg",
            NOW);

    assertThat(embed.getTitle()).isEqualTo("Harbour");
    assertThat(embed.getUrl()).isEqualTo("https://example.org/p/1");
    assertThat(embed.getImage().getUrl()).isEqualTo("attachment://candidate-42.jpg");
    assertThat(embed.getFooter().getText()).isEqualTo("candidate #42");
    assertThat(embed.getDescription()).contains("✅").contains("❌");
    assertThat(values(embed))
        .containsExactly(
            "0.88 · model cnn-7",
            "0.10",
            "r/harbours",
            "Harbour \\[OC\\]",
            "someone",
            "https://example.org/p/1",
            "candidate #17 · distance 3");
    assertThat(CardEmbeds.candidateId(embed)).hasValue(42);
  }

  @Test
  void leavesOutWhatTheCardDoesNotHave() {
    MessageEmbed embed = embeds.card(card().build(), "candidate-42.png", NOW);

    assertThat(embed.getTitle()).isEqualTo("Candidate #42");
    assertThat(embed.getUrl()).isNull();
    assertThat(embed.getFields()).extracting(MessageEmbed.Field::getName).containsExactly("Signal");
  }

  @Test
  void hostileTextIsEscapedAndANonWebLinkIsNotLinked() {
    MessageEmbed embed =
        embeds.card(
            card()
                .title("**bold** @everyone [click](https://evil.example)\u0007")
                .credit(null, "_me_", "javascript:alert(1)")
                .build(),
            "candidate-42.png",
            NOW);

    assertThat(embed.getTitle())
        .doesNotContain("**bold**")
        .doesNotContain("@everyone")
        .doesNotContain("\u0007")
        .contains("\\[click\\]");
    assertThat(embed.getUrl()).isNull();
    assertThat(values(embed))
        .contains("\\_me\\_")
        .anySatisfy(v -> assertThat(v).startsWith("not a web link: "));
  }

  @Test
  void aVeryLongTitleIsCutToWhatDiscordAccepts() {
    MessageEmbed embed = embeds.card(card().title("a".repeat(400)).build(), "c.png", NOW);

    assertThat(embed.getTitle()).hasSize(MessageEmbed.TITLE_MAX_LENGTH).endsWith("…");
    assertThat(embed.isSendable()).isTrue();
  }

  @Test
  void theOutcomeReplacesAnEarlierOneAndReadsBack() {
    MessageEmbed posted = embeds.card(card().build(), "candidate-42.png", NOW);

    MessageEmbed once =
        embeds.withOutcome(
            posted, "candidate-42.png", ReviewOutcome.REJECTED, List.of(7L, 8L), NOW);
    MessageEmbed twice =
        embeds.withOutcome(once, "candidate-42.png", ReviewOutcome.APPROVED, List.of(7L), NOW);

    assertThat(values(twice))
        .filteredOn(v -> v.contains("by"))
        .containsExactly("✅ Approved by <@7> · <t:" + NOW.getEpochSecond() + ":f>");
    assertThat(CardEmbeds.outcomeShown(twice)).contains(ReviewOutcome.APPROVED);
    assertThat(CardEmbeds.outcomeShown(posted)).isEmpty();
    assertThat(CardEmbeds.candidateId(twice)).hasValue(42);
    assertThat(twice.getImage().getUrl()).isEqualTo("attachment://candidate-42.png");
  }

  @Test
  void aReopenedCardLooksLikeAFreshOne() {
    MessageEmbed posted = embeds.card(card().source("r/x").build(), "c.png", NOW);
    MessageEmbed decided =
        embeds.withOutcome(posted, "c.png", ReviewOutcome.APPROVED, List.of(7L), NOW);

    MessageEmbed reopened = embeds.reopened(decided, "c.png");

    assertThat(CardEmbeds.outcomeShown(reopened)).isEmpty();
    assertThat(reopened.getFields()).isEqualTo(posted.getFields());
    assertThat(reopened.getDescription()).isEqualTo(posted.getDescription());
    assertThat(reopened.getColorRaw()).isEqualTo(posted.getColorRaw());
    assertThat(reopened.getFooter()).isEqualTo(posted.getFooter());
  }

  @Test
  void anExpiredCardNamesNobody() {
    MessageEmbed posted = embeds.card(card().build(), "c.png", NOW);

    MessageEmbed expired =
        embeds.withOutcome(posted, "c.png", ReviewOutcome.EXPIRED, List.of(), NOW);

    assertThat(CardEmbeds.outcomeShown(expired)).isEqualTo(Optional.of(ReviewOutcome.EXPIRED));
    assertThat(values(expired)).contains("⌛ Expired · <t:" + NOW.getEpochSecond() + ":f>");
  }

  @Test
  void onlyOurFooterFormatYieldsACandidateId() {
    assertThat(CardEmbeds.candidateId(footer("candidate #7"))).hasValue(7);
    assertThat(CardEmbeds.candidateId(footer("candidate #7 · extra"))).hasValue(7);
    assertThat(CardEmbeds.candidateId(footer("my candidate #7"))).isEqualTo(OptionalLong.empty());
    assertThat(CardEmbeds.candidateId(footer("candidate #seven"))).isEmpty();
    assertThat(CardEmbeds.candidateId(footer("candidate #99999999999999999999"))).isEmpty();
    assertThat(CardEmbeds.candidateId(new EmbedBuilder().setTitle("x").build())).isEmpty();
  }

  @Test
  void webLinksAreOnlyAbsoluteHttpUrls() {
    assertThat(CardEmbeds.webLink("https://redd.it/abc")).contains("https://redd.it/abc");
    assertThat(CardEmbeds.webLink("http://example.org/a?b=c")).isPresent();
    assertThat(CardEmbeds.webLink("javascript:alert(1)")).isEmpty();
    assertThat(CardEmbeds.webLink("file:///etc/passwd")).isEmpty();
    assertThat(CardEmbeds.webLink("/r/relative")).isEmpty();
    assertThat(CardEmbeds.webLink("https://exa mple.org")).isEmpty();
    assertThat(CardEmbeds.webLink(null)).isEmpty();
  }

  @Test
  void remindersSayHowLongInPlainUnits() {
    assertThat(embeds.reminder(42, Duration.ofMinutes(45)))
        .contains("Candidate #42")
        .contains("45 min");
    assertThat(CardEmbeds.humanDuration(Duration.ofMinutes(135))).isEqualTo("2 h 15 min");
    assertThat(CardEmbeds.humanDuration(Duration.ofHours(50))).isEqualTo("2 d 2 h");
  }

  private static MessageEmbed footer(String text) {
    return new EmbedBuilder().setTitle("x").setFooter(text).build();
  }
}
