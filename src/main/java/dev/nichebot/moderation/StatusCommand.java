package dev.nichebot.moderation;

import dev.nichebot.domain.CandidateState;
import dev.nichebot.store.BotStateStore;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code status}: candidates per state, the next post time, pause switches, the threshold, the
 * model version and the last errors.
 */
final class StatusCommand implements CommandHandler {
  static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
  private static final int ERRORS = 3;

  private final StatusSource source;
  private final BotStateStore botState;

  StatusCommand(StatusSource source, BotStateStore botState) {
    this.source = source;
    this.botState = botState;
  }

  @Override
  public CommandResult handle(Invocation call) {
    BotStatus s = source.current();
    List<String> counts = new ArrayList<>();
    for (Map.Entry<CandidateState, Long> e : new java.util.EnumMap<>(s.candidates()).entrySet()) {
      if (e.getValue() > 0) {
        counts.add(e.getKey().name() + " " + e.getValue());
      }
    }
    StringBuilder reply = new StringBuilder("Status:\n\n");
    reply
        .append("- Candidates: ")
        .append(counts.isEmpty() ? "none yet" : String.join(", ", counts))
        .append('\n');
    reply
        .append("- Next post: ")
        .append(s.nextPostAt().map(TIME::format).orElse("not scheduled"))
        .append('\n');
    reply.append("- Switches: ").append(PauseCommand.describe(s.paused())).append('\n');
    reply
        .append("- Threshold: ")
        .append(botState.get(BotStateStore.THRESHOLD).orElse("the model's own"))
        .append('\n');
    reply
        .append("- Model: ")
        .append(s.modelVersion().map(v -> Md.code(v)).orElse("unknown"))
        .append('\n');
    if (s.lastErrors().isEmpty()) {
      reply.append("- Last errors: none\n");
    } else {
      reply.append("- Last errors:\n");
      for (String error : s.lastErrors().subList(0, Math.min(ERRORS, s.lastErrors().size()))) {
        reply.append("    - ").append(Md.text(error, 200)).append('\n');
      }
    }
    return CommandResult.info("status", reply.toString().strip());
  }
}
