package dev.nichebot.domain;

/** A move the state machine does not allow: a programming error, never a race. */
public final class IllegalTransitionException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  public IllegalTransitionException(CandidateState from, CandidateState to) {
    super("a candidate cannot move from " + from + " to " + to + " (allowed: " + from.next() + ")");
  }
}
