package dev.nichebot.review;

/** Answers reviewers' slash commands; decides who may use them. */
@FunctionalInterface
public interface ReviewerCommandHandler {

  /**
   * Runs the command (or refuses it) and returns the reply, which only the person who used the
   * command sees. Long replies are cut to what the channel can show.
   */
  String handle(ReviewerCommand command);
}
