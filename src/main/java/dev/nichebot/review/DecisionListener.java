package dev.nichebot.review;

import dev.nichebot.domain.Candidate;
import dev.nichebot.domain.Vote;
import java.time.Instant;
import java.util.List;

/** Told when review decides a candidate or reopens it, whichever channel the vote came from. */
public interface DecisionListener {
  void onDecided(Candidate candidate, Vote decision, List<String> decidedBy, Instant at);

  default void onReopened(Candidate candidate) {}
}
