package dev.nichebot.review;

/**
 * Receives reactions added to or removed from messages in the review channel. The bot's own
 * reactions never arrive here; everyone else's do (reviewers, strangers, other bots), with every
 * emoji, because deciding what counts is the review service's job.
 */
public interface ReactionListener {

  /** A reaction was added or removed. */
  void onReaction(ReactionChange change);

  /**
   * A new gateway session started: the first one, or a new one after the old could not be resumed.
   * Reactions made while no session was live were not (and will not be) delivered, so reconcile the
   * cards still in review with {@link ReviewChannel#currentVotes(long)}. Not called after a
   * successful resume: the server replays what was missed then.
   */
  default void onGatewaySessionStarted() {}
}
