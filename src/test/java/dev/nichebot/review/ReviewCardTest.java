package dev.nichebot.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReviewCardTest {
  private static final ReviewCard.Image IMAGE = new ReviewCard.Image(new byte[] {1, 2}, "a.png");

  @Test
  void theImageIsCopiedInAndOutAndPrintsWithoutItsBytes() {
    byte[] bytes = {1, 2, 3};
    ReviewCard.Image image = new ReviewCard.Image(bytes, "a.png");
    bytes[0] = 9;
    image.bytes()[1] = 9;

    assertThat(image.bytes()).containsExactly(1, 2, 3);
    assertThat(image).hasToString("Image[a.png, 3 bytes]");
    assertThat(image).isEqualTo(new ReviewCard.Image(new byte[] {1, 2, 3}, "a.png"));
  }

  @Test
  void scoresOutsideZeroToOneAndMissingPartsAreRefused() {
    assertThatThrownBy(() -> ReviewCard.builder(1, IMAGE).build())
        .hasMessageContaining("signal score");
    assertThatThrownBy(() -> ReviewCard.builder(1, IMAGE).signal(1.5, "m").build())
        .hasMessageContaining("signal score");
    assertThatThrownBy(() -> ReviewCard.builder(1, IMAGE).signal(0.5, "m").nsfwScore(-0.1).build())
        .hasMessageContaining("NSFW");
    assertThatThrownBy(() -> ReviewCard.builder(0, IMAGE).signal(0.5, "m").build())
        .hasMessageContaining("candidate id");
    assertThatThrownBy(() -> new ReviewCard.Image(new byte[0], "a.png"))
        .hasMessageContaining("empty");
  }

  @Test
  void outcomesReadBackFromWhatTheCardShows() {
    for (ReviewOutcome outcome : ReviewOutcome.values()) {
      assertThat(ReviewOutcome.fromDisplay(outcome.display() + " by <@1>")).contains(outcome);
    }
    assertThat(ReviewOutcome.fromDisplay("Approved")).isEmpty();
    assertThat(ReviewerCommand.Name.fromSlashName("queue")).contains(ReviewerCommand.Name.QUEUE);
    assertThat(ReviewerCommand.Name.fromSlashName("QUEUE")).isEmpty();
  }
}
