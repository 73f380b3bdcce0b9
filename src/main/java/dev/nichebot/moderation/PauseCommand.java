package dev.nichebot.moderation;

import dev.nichebot.domain.AuditEntry;
import dev.nichebot.domain.PauseSwitch;
import dev.nichebot.store.BotStateStore;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code pause [crawl|review|publish|all]} and {@code resume [...]}: the switches every stage's job
 * reads before it runs, so a change applies from the next run and survives restarts.
 */
final class PauseCommand implements CommandHandler {
  private final BotStateStore botState;
  private final boolean pause;

  PauseCommand(BotStateStore botState, boolean pause) {
    this.botState = botState;
    this.pause = pause;
  }

  private String verb() {
    return pause ? "pause" : "resume";
  }

  @Override
  public CommandResult handle(Invocation call) {
    Optional<Set<PauseSwitch>> parsed = switches(call.args());
    if (parsed.isEmpty()) {
      return CommandResult.refused(
          verb(),
          null,
          "unknown switch",
          "Nothing changed: say `"
              + verb()
              + "` followed by `crawl`, `review`, `publish` or `all` (default `all`); "
              + Md.code(String.join(" ", call.args()))
              + " is not one of them.");
    }
    Set<PauseSwitch> switches = parsed.get();
    Map<PauseSwitch, Boolean> before = botState.pauseFlags();
    List<String> changed = new ArrayList<>();
    for (PauseSwitch s : switches) {
      if (before.get(s) != pause) {
        botState.setPaused(s, pause, call.by());
        changed.add(s.id());
      }
    }
    Map<PauseSwitch, Boolean> after = botState.pauseFlags();
    String reply =
        changed.isEmpty()
            ? "Nothing changed: "
                + names(switches)
                + (switches.size() == 1 ? " was" : " were")
                + " already "
                + (pause ? "paused" : "running")
                + ". Now: "
                + describe(after)
                + "."
            : (pause ? "Paused " : "Resumed ")
                + String.join(", ", changed)
                + ". Now: "
                + describe(after)
                + ".";
    return CommandResult.changed(
        verb(), names(switches), encode(before, switches), encode(after, switches), reply);
  }

  @Override
  public CommandResult undo(AuditEntry entry, Invocation call) {
    Map<PauseSwitch, Boolean> recordedAfter = decode(entry.after());
    Map<PauseSwitch, Boolean> recordedBefore = decode(entry.before());
    Map<PauseSwitch, Boolean> now = botState.pauseFlags();
    Set<PauseSwitch> switches = recordedBefore.keySet();
    for (PauseSwitch s : switches) {
      if (!now.get(s).equals(recordedAfter.get(s))) {
        return CommandResult.refused(
            "undo",
            UndoCommand.target(entry),
            s.id() + " changed since",
            "Not undone: "
                + s.id()
                + " has been "
                + state(now.get(s))
                + "d since by someone"
                + " else. Now: "
                + describe(now)
                + ".");
      }
    }
    for (PauseSwitch s : switches) {
      botState.setPaused(s, recordedBefore.get(s), call.by());
    }
    Map<PauseSwitch, Boolean> after = botState.pauseFlags();
    return CommandResult.changed(
        "undo",
        UndoCommand.target(entry),
        encode(now, switches),
        encode(after, switches),
        "Undid your "
            + Md.code(entry.action() + " " + entry.target())
            + ". Now: "
            + describe(after)
            + ".");
  }

  static Optional<Set<PauseSwitch>> switches(List<String> args) {
    Set<PauseSwitch> out = EnumSet.noneOf(PauseSwitch.class);
    if (args.isEmpty()) {
      return Optional.of(EnumSet.allOf(PauseSwitch.class));
    }
    for (String arg : args) {
      if (arg.equalsIgnoreCase("all")) {
        out.addAll(EnumSet.allOf(PauseSwitch.class));
        continue;
      }
      Optional<PauseSwitch> s = PauseSwitch.parse(arg.replace(",", ""));
      if (s.isEmpty()) {
        return Optional.empty();
      }
      out.add(s.get());
    }
    return Optional.of(out);
  }

  /** Every switch: {@code crawl running, review running, publish paused}. */
  static String describe(Map<PauseSwitch, Boolean> flags) {
    List<String> parts = new ArrayList<>();
    for (PauseSwitch s : PauseSwitch.values()) {
      parts.add(s.id() + " " + (flags.getOrDefault(s, false) ? "**paused**" : "running"));
    }
    return String.join(", ", parts);
  }

  private static String state(boolean paused) {
    return paused ? "pause" : "resume";
  }

  private static String names(Set<PauseSwitch> switches) {
    List<String> names = new ArrayList<>();
    for (PauseSwitch s : PauseSwitch.values()) {
      if (switches.contains(s)) {
        names.add(s.id());
      }
    }
    return String.join(",", names);
  }

  /** {@code crawl=running,publish=paused}: readable in the audit log, and parsed back by undo. */
  static String encode(Map<PauseSwitch, Boolean> flags, Set<PauseSwitch> switches) {
    List<String> parts = new ArrayList<>();
    for (PauseSwitch s : PauseSwitch.values()) {
      if (switches.contains(s)) {
        parts.add(s.id() + "=" + (flags.get(s) ? "paused" : "running"));
      }
    }
    return String.join(",", parts);
  }

  static Map<PauseSwitch, Boolean> decode(String encoded) {
    Map<PauseSwitch, Boolean> flags = new EnumMap<>(PauseSwitch.class);
    if (encoded == null || encoded.isBlank()) {
      return flags;
    }
    for (String part : encoded.split(",")) {
      String[] kv = part.split("=", 2);
      PauseSwitch.parse(kv[0])
          .ifPresent(s -> flags.put(s, kv.length > 1 && kv[1].equals("paused")));
    }
    return flags;
  }
}
