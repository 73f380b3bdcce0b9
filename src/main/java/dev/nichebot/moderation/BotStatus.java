package dev.nichebot.moderation;

import dev.nichebot.domain.CandidateState;
import dev.nichebot.domain.PauseSwitch;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a moderator sees for {@code status}.
 *
 * @param candidates how many candidates are in each state
 * @param nextPostAt when the publish stage runs next, if scheduled
 * @param paused every pause switch and whether it is on
 * @param modelVersion the classifier model in use (or last used), if known
 * @param lastErrors short lines, newest first: failed job runs, failures by reason
 */
public record BotStatus(
    Map<CandidateState, Long> candidates,
    Optional<Instant> nextPostAt,
    Map<PauseSwitch, Boolean> paused,
    Optional<String> modelVersion,
    List<String> lastErrors) {

  public BotStatus {
    candidates = Map.copyOf(candidates);
    paused = Map.copyOf(paused);
    lastErrors = List.copyOf(lastErrors);
  }
}
