package dev.nichebot.review;

import dev.nichebot.domain.Candidate;
import dev.nichebot.domain.CandidateState;
import dev.nichebot.domain.Logs;
import dev.nichebot.schedule.StageResult;
import dev.nichebot.store.CandidateChanges;
import dev.nichebot.store.CandidateStore;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The review stage for Discord: keeps at most {@code maxPending} cards in the channel, highest
 * score first, reminds reviewers of cards that waited long, and returns stale ones to the queue. A
 * card's message id is stored in the same UPDATE that moves its candidate into review.
 */
public final class ReviewDispatcher {
  private static final Logger log = LoggerFactory.getLogger(ReviewDispatcher.class);

  private final ReviewChannel channel;
  private final CandidateStore candidates;
  private final CardFactory cards;
  private final ReviewPolicy policy;
  private final Clock clock;

  public ReviewDispatcher(
      ReviewChannel channel,
      CandidateStore candidates,
      CardFactory cards,
      ReviewPolicy policy,
      Clock clock) {
    this.channel = channel;
    this.candidates = candidates;
    this.cards = cards;
    this.policy = policy;
    this.clock = clock;
  }

  public StageResult run() {
    if (!channel.isConnected()) {
      return StageResult.of(0, "waiting for Discord to connect; nothing sent");
    }
    int expired = expireStale();
    int reminded = remind();
    int posted = dispatch();
    return StageResult.of(
        expired + reminded + posted,
        posted + " sent to review, " + reminded + " reminders, " + expired + " expired");
  }

  int dispatch() {
    long pending = candidates.count(CandidateState.IN_REVIEW);
    int free = (int) Math.max(0, policy.maxPending() - pending);
    if (free == 0) {
      return 0;
    }
    List<Candidate> next =
        candidates.where(
            "state = ? ORDER BY review_rounds, signal_score DESC, id FETCH FIRST "
                + free
                + " ROWS ONLY",
            CandidateState.QUEUED_FOR_REVIEW);
    int posted = 0;
    for (Candidate c : next) {
      try (var ignored = Logs.candidate(c.id())) {
        ReviewCard card;
        try {
          card = cards.card(c);
        } catch (IOException e) {
          candidates.transition(
              c.id(),
              CandidateState.QUEUED_FOR_REVIEW,
              CandidateState.FAILED,
              CandidateChanges.reason("IMAGE_MISSING: " + e.getMessage()));
          log.warn("cannot send to review: its image is gone ({})", e.getMessage());
          continue;
        }
        long messageId;
        try {
          messageId = channel.post(card);
        } catch (ReviewChannelException e) {
          if (e.reason() == ReviewChannelException.Reason.BAD_CARD) {
            candidates.transition(
                c.id(),
                CandidateState.QUEUED_FOR_REVIEW,
                CandidateState.FAILED,
                CandidateChanges.reason("BAD_IMAGE: " + e.getMessage()));
            continue;
          }
          log.warn("review channel refused a card ({}); dispatch stops for now", e.getMessage());
          break;
        }
        Instant now = clock.instant();
        boolean moved =
            candidates.transition(
                c.id(),
                CandidateState.QUEUED_FOR_REVIEW,
                CandidateState.IN_REVIEW,
                CandidateChanges.none()
                    .reviewMessage(Long.toString(messageId), now)
                    .set("review_reminded_at", null));
        if (moved) {
          candidates.countReviewRound(c.id());
          posted++;
          log.info("sent to review as message {}", messageId);
        } else {
          log.info("left the queue while its card was posted; message {} is stale", messageId);
        }
      }
    }
    return posted;
  }

  int remind() {
    Instant cutoff = clock.instant().minus(policy.remindAfter());
    int reminded = 0;
    for (Candidate c :
        candidates.where(
            "state = ? AND review_reminded_at IS NULL AND review_posted_at < ? ORDER BY id",
            CandidateState.IN_REVIEW,
            cutoff)) {
      if (c.reviewMessageId() == null) {
        continue;
      }
      try {
        Duration waited = Duration.between(c.stateChangedAt(), clock.instant());
        channel.remind(Long.parseLong(c.reviewMessageId()), c.id(), waited);
        candidates.update(
            c.id(),
            CandidateState.IN_REVIEW,
            CandidateChanges.none().set("review_reminded_at", clock.instant()));
        reminded++;
      } catch (ReviewChannelException e) {
        log.warn("reminder for candidate {} not sent: {}", c.id(), e.getMessage());
      }
    }
    return reminded;
  }

  int expireStale() {
    Instant cutoff = clock.instant().minus(policy.expireAfter());
    int expired = 0;
    for (Candidate c :
        candidates.where(
            "state = ? AND review_posted_at < ? ORDER BY id", CandidateState.IN_REVIEW, cutoff)) {
      if (c.reviewMessageId() != null) {
        try {
          channel.showOutcome(
              Long.parseLong(c.reviewMessageId()),
              ReviewOutcome.EXPIRED,
              List.of(),
              clock.instant());
        } catch (ReviewChannelException e) {
          log.debug("expired card {} not updated: {}", c.reviewMessageId(), e.getMessage());
        }
      }
      if (candidates.transition(
          c.id(),
          CandidateState.IN_REVIEW,
          CandidateState.QUEUED_FOR_REVIEW,
          CandidateChanges.reason(
                  "review expired after " + ReviewService.human(policy.expireAfter()))
              .reviewMessage(null, null)
              .set("review_reminded_at", null))) {
        expired++;
      }
    }
    return expired;
  }
}
