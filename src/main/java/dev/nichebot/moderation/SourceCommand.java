package dev.nichebot.moderation;

import dev.nichebot.domain.AuditEntry;
import java.util.List;
import java.util.Optional;

/**
 * {@code source add|remove|list <source>}: the crawl sources in the {@code sources} table. The
 * crawl stage reads the enabled ones on every run.
 */
final class SourceCommand implements CommandHandler {
  static final String ABSENT = "absent";
  static final String ENABLED = "enabled";
  static final String DISABLED = "disabled";
  private static final int LIST_MAX = 30;

  private final SourceRegistry sources;

  SourceCommand(SourceRegistry sources) {
    this.sources = sources;
  }

  @Override
  public CommandResult handle(Invocation call) {
    String sub = call.command().word(0);
    return switch (sub) {
      case "list" -> list();
      case "add", "remove" -> change(call, sub.equals("add"));
      default ->
          CommandResult.refused(
              "source",
              null,
              "unknown sub-command",
              "Nothing changed: say `source add <source>`, `source remove <source>` or"
                  + " `source list`.");
    };
  }

  private CommandResult list() {
    List<SourceRegistry.Source> all = sources.all();
    if (all.isEmpty()) {
      return CommandResult.info("source.list", "There are no sources yet.");
    }
    StringBuilder reply = new StringBuilder("Sources:\n\n");
    int shown = 0;
    for (SourceRegistry.Source s : all) {
      if (shown++ == LIST_MAX) {
        reply.append("- … and ").append(all.size() - LIST_MAX).append(" more\n");
        break;
      }
      reply
          .append("- ")
          .append(Md.code(s.spec()))
          .append(s.enabled() ? "" : " (removed)")
          .append(s.origin() == null ? "" : ", from " + Md.text(s.origin(), 20))
          .append('\n');
    }
    return CommandResult.info("source.list", reply.toString().strip());
  }

  private CommandResult change(Invocation call, boolean add) {
    String action = add ? "source.add" : "source.remove";
    String text = call.command().rest(1);
    Optional<SourceSpec> parsed = SourceSpec.parse(text);
    if (parsed.isEmpty()) {
      return CommandResult.refused(
          action,
          null,
          "invalid source",
          "Nothing changed: "
              + (text.isBlank() ? "no source given" : Md.code(text) + " is not a source")
              + ". A source is "
              + SourceSpec.FORMS
              + ".");
    }
    SourceSpec spec = parsed.get();
    String target = "source:" + spec.spec();
    if (add && !spec.remote()) {
      // A Reddit account can be stolen; it must not be able to make the bot read (and post) files
      // from the machine it runs on. Local sources are for whoever edits bot.properties.
      return CommandResult.refused(
          action,
          target,
          "local source",
          "Nothing changed: "
              + Md.code(spec.kind() + ":")
              + " sources read files on the bot's machine, so they can only be set in"
              + " `crawl.sources` in bot.properties. By message you can add `reddit:` and"
              + " `feed:` sources.");
    }
    Optional<SourceRegistry.Source> existing = sources.find(spec);
    String before = existing.map(s -> s.enabled() ? ENABLED : DISABLED).orElse(ABSENT);
    if (add) {
      if (before.equals(ENABLED)) {
        return CommandResult.changed(
            action,
            target,
            before,
            before,
            "Nothing changed: " + Md.code(spec.spec()) + " already is a source.");
      }
      if (existing.isPresent()) {
        sources.setEnabled(existing.get().id(), true);
      } else {
        sources.add(spec, call.by());
      }
      return CommandResult.changed(
          action,
          target,
          before,
          ENABLED,
          "Added source " + Md.code(spec.spec()) + ". It is crawled from the next crawl run.");
    }
    if (!before.equals(ENABLED)) {
      return CommandResult.changed(
          action,
          target,
          before,
          before,
          "Nothing changed: " + Md.code(spec.spec()) + " is not an active source.");
    }
    sources.setEnabled(existing.get().id(), false);
    return CommandResult.changed(
        action,
        target,
        before,
        DISABLED,
        "Removed source "
            + Md.code(spec.spec())
            + ". It is not crawled any more; what it already found stays.");
  }

  @Override
  public CommandResult undo(AuditEntry entry, Invocation call) {
    String specText = entry.target().substring("source:".length());
    Optional<SourceSpec> spec = SourceSpec.parse(specText);
    Optional<SourceRegistry.Source> existing = spec.flatMap(sources::find);
    String now = existing.map(s -> s.enabled() ? ENABLED : DISABLED).orElse(ABSENT);
    if (!now.equals(entry.after())) {
      return CommandResult.refused(
          "undo",
          UndoCommand.target(entry),
          "source changed since",
          "Not undone: " + Md.code(specText) + " has been changed since (it is " + now + ").");
    }
    String restored = entry.before();
    if (restored.equals(ABSENT)) {
      if (!sources.deleteIfUnused(existing.get().id())) {
        sources.setEnabled(existing.get().id(), false);
        restored = DISABLED;
      }
    } else {
      sources.setEnabled(existing.get().id(), restored.equals(ENABLED));
    }
    return CommandResult.changed(
        "undo",
        UndoCommand.target(entry),
        now,
        restored,
        "Undid your "
            + Md.code(entry.action().replace('.', ' ') + " " + specText)
            + ": "
            + Md.code(specText)
            + (restored.equals(ENABLED) ? " is a source again." : " is no longer a source."));
  }
}
