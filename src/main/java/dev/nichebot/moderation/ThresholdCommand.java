package dev.nichebot.moderation;

import dev.nichebot.domain.AuditEntry;
import dev.nichebot.store.BotStateStore;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code threshold <0..1>}: the signal score from which the classify stage sends a candidate to
 * review, stored as bot_state {@code classify.threshold} (read on every classify run). {@code
 * threshold default} goes back to the model bundle's own threshold.
 */
final class ThresholdCommand implements CommandHandler {
  // Plain decimals only: Double.parseDouble would also take "NaN", "1e-1" and "0x1p-3".
  private static final Pattern NUMBER = Pattern.compile("-?(\\d{1,3}(\\.\\d{1,6})?|\\.\\d{1,6})");
  private static final String KEY = BotStateStore.THRESHOLD;

  private final BotStateStore botState;

  ThresholdCommand(BotStateStore botState) {
    this.botState = botState;
  }

  @Override
  public CommandResult handle(Invocation call) {
    Optional<String> current = botState.get(KEY);
    if (call.args().isEmpty()) {
      return CommandResult.info(
          "threshold",
          "The threshold is "
              + shown(current.orElse(null))
              + ". Say `threshold 0.75` to change"
              + " it (a number from 0 to 1), or `threshold default` for the model's own.");
    }
    String arg = call.args().get(0);
    if (call.args().size() > 1) {
      return invalid(call, "Nothing changed: say just one number, like `threshold 0.75`.");
    }
    String value;
    if (arg.equalsIgnoreCase("default") || arg.equalsIgnoreCase("reset")) {
      value = null;
    } else if (!NUMBER.matcher(arg.replace(',', '.')).matches()) {
      return invalid(
          call,
          "Nothing changed: "
              + Md.code(arg)
              + " is not a number. The threshold is a number from 0 to 1, like `threshold 0.75`;"
              + " it stays "
              + shown(current.orElse(null))
              + ".");
    } else {
      BigDecimal number = new BigDecimal(arg.replace(',', '.'));
      if (number.compareTo(BigDecimal.ZERO) < 0 || number.compareTo(BigDecimal.ONE) > 0) {
        return invalid(
            call,
            "Nothing changed: "
                + Md.code(arg)
                + " is outside 0 to 1. The threshold is a number from 0 to 1, like"
                + " `threshold 0.75`; it stays "
                + shown(current.orElse(null))
                + ".");
      }
      value = number.stripTrailingZeros().toPlainString();
    }
    if (Objects.equals(current.orElse(null), value)) {
      return CommandResult.changed(
          "threshold",
          KEY,
          value,
          value,
          "Nothing changed: the threshold already is " + shown(value) + ".");
    }
    botState.put(KEY, value, call.by());
    return CommandResult.changed(
        "threshold",
        KEY,
        current.orElse(null),
        value,
        "Threshold set to "
            + shown(value)
            + " (was "
            + shown(current.orElse(null))
            + "). The classifier uses it from its next run.");
  }

  @Override
  public CommandResult undo(AuditEntry entry, Invocation call) {
    Optional<String> current = botState.get(KEY);
    if (!Objects.equals(current.orElse(null), entry.after())) {
      return CommandResult.refused(
          "undo",
          UndoCommand.target(entry),
          "threshold changed since",
          "Not undone: the threshold has been changed since, to "
              + shown(current.orElse(null))
              + ".");
    }
    botState.put(KEY, entry.before(), call.by());
    return CommandResult.changed(
        "undo",
        UndoCommand.target(entry),
        entry.after(),
        entry.before(),
        "Undid your `threshold`: it is "
            + shown(entry.before())
            + " again (was "
            + shown(entry.after())
            + ").");
  }

  private static CommandResult invalid(Invocation call, String reply) {
    return CommandResult.refused("threshold", KEY, "invalid value", reply);
  }

  private static String shown(String value) {
    return value == null ? "the model's own threshold" : value;
  }
}
