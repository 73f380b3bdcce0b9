package dev.nichebot.review;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The place where reviewers see candidates and vote: a private Discord channel in production (see
 * {@code review.discord.DiscordReviewChannel}). The review service decides everything (who may
 * vote, quorum, undo, flow control); this interface only shows cards, reports what reviewers do and
 * answers questions about what is in the channel.
 *
 * <p>Every method blocks until the channel answered or a configured timeout passed, and fails with
 * a {@link ReviewChannelException} whose {@link ReviewChannelException.Reason reason} says whether
 * waiting and retrying later can help. Calls are safe from any thread, including from inside the
 * {@link ReactionListener} and {@link ReviewerCommandHandler} callbacks.
 */
public interface ReviewChannel extends AutoCloseable {

  /**
   * Connects and starts delivering reactions and reviewer commands. Callbacks arrive on one thread,
   * in the order the channel saw them. Returns without waiting for the connection: see {@link
   * #awaitConnected(Duration)}.
   *
   * @throws ReviewChannelException if the channel cannot even be started (refused credentials,
   *     unreachable server); nothing has been posted then
   */
  void start(ReactionListener reactions, ReviewerCommandHandler commands);

  /** Whether the channel is live right now; dispatch waits while it is not. */
  boolean isConnected();

  /** Waits up to {@code timeout} for the channel to be live; true when it is. */
  boolean awaitConnected(Duration timeout) throws InterruptedException;

  /**
   * Posts a candidate's card (image attached, details in the embed, candidate id in the footer) and
   * adds the approve and reject reactions. Retries transient server errors without ever creating a
   * second message for the same call.
   *
   * @return the id of the posted message, to store in the same transaction as the state change
   */
  long post(ReviewCard card);

  /** Marks a card as decided: shows the outcome, who decided it and when. Idempotent. */
  void showOutcome(long messageId, ReviewOutcome outcome, List<Long> decidedBy, Instant when);

  /**
   * Clears a decided card's outcome after its deciding vote was withdrawn: the card waits for votes
   * again. Idempotent.
   */
  void showReopened(long messageId);

  /**
   * Reads the reactions currently on a card, with each reacting user's roles (the bot's own
   * reactions left out). Use it at start-up and after {@link
   * ReactionListener#onGatewaySessionStarted()} to count votes cast while the bot was away.
   */
  CardVotes currentVotes(long messageId);

  /**
   * Reads the channel's recent history (newest first, at most {@code limit} messages, none older
   * than {@code since}) and returns the cards this bot posted, recovered from their footers, so
   * that a post made just before a crash is found again.
   */
  List<PostedCard> findPostedCandidates(Instant since, int limit);

  /**
   * Posts a reminder that a card has waited {@code waited} for a decision, as a reply to the card.
   *
   * @return the id of the reminder message
   */
  long remind(long messageId, long candidateId, Duration waited);

  /** Removes one user's reaction from a card (a stranger's vote, for instance). */
  void removeReaction(long messageId, String emoji, long userId);

  /** Disconnects and stops all callbacks. */
  @Override
  void close();
}
