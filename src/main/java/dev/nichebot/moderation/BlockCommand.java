package dev.nichebot.moderation;

import dev.nichebot.domain.AuditEntry;
import dev.nichebot.domain.Candidate;
import dev.nichebot.domain.CandidateState;
import dev.nichebot.store.CandidateChanges;
import dev.nichebot.store.CandidateStore;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code block user|domain <name>}: adds to the blocklist (the crawl stage skips them from now on)
 * and takes their candidates that are still waiting out of the queue, as SKIPPED with the reason.
 */
final class BlockCommand implements CommandHandler {
  static final String BLOCKED = "blocked";
  static final String NOT_BLOCKED = "not blocked";
  private static final Pattern USER = Pattern.compile("[a-z0-9_-]{3,20}");
  private static final Pattern DOMAIN =
      Pattern.compile("(?=.{3,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z0-9-]{2,63}");
  private static final Pattern RESTORABLE = Pattern.compile("restorable=([0-9A-Z_:,]*)");
  private static final int LIST_IDS = 20;

  private final Blocklist blocklist;
  private final CandidateStore candidates;

  BlockCommand(Blocklist blocklist, CandidateStore candidates) {
    this.blocklist = blocklist;
    this.candidates = candidates;
  }

  @Override
  public CommandResult handle(Invocation call) {
    String kindWord = call.command().word(0);
    Optional<Blocklist.Kind> kind =
        switch (kindWord) {
          case "user" -> Optional.of(Blocklist.Kind.USER);
          case "domain" -> Optional.of(Blocklist.Kind.DOMAIN);
          default -> Optional.empty();
        };
    if (kind.isEmpty() || call.args().size() != 2) {
      return CommandResult.refused(
          "block",
          null,
          "bad arguments",
          "Nothing changed: say `block user <name>` or `block domain <domain>`.");
    }
    String raw = call.args().get(1);
    Optional<String> value = kind.get() == Blocklist.Kind.USER ? userName(raw) : domainName(raw);
    if (value.isEmpty()) {
      return CommandResult.refused(
          "block",
          null,
          "invalid name",
          "Nothing changed: "
              + Md.code(raw)
              + (kind.get() == Blocklist.Kind.USER
                  ? " is not a Reddit username (3-20 letters, digits, `-`, `_`)."
                  : " is not a domain name like `example.com`."));
    }
    String target = kind.get().name().toLowerCase(Locale.ROOT) + ":" + value.get();
    if (blocklist.contains(kind.get(), value.get())) {
      return CommandResult.changed(
          "block",
          target,
          BLOCKED,
          BLOCKED,
          "Nothing changed: " + Md.code(target) + " already is blocked.");
    }
    blocklist.add(kind.get(), value.get(), call.by());
    String reason = "blocked " + target + " by " + call.by();
    List<Long> skipped = new ArrayList<>();
    Map<Long, CandidateState> restorable = new LinkedHashMap<>();
    for (Candidate c : waiting(kind.get(), value.get())) {
      if (candidates.transition(
          c.id(), c.state(), CandidateState.SKIPPED, CandidateChanges.reason(reason))) {
        skipped.add(c.id());
        if (SkipCommand.backTo(c.state()).isPresent()) {
          restorable.put(c.id(), c.state());
        }
      }
    }
    StringBuilder reply =
        new StringBuilder("Blocked ")
            .append(Md.code(target))
            .append(": nothing is crawled from ")
            .append(kind.get() == Blocklist.Kind.USER ? "them" : "it")
            .append(" again.");
    if (skipped.isEmpty()) {
      reply.append(" No waiting candidate came from ").append(Md.code(value.get())).append('.');
    } else {
      reply
          .append(' ')
          .append(skipped.size())
          .append(skipped.size() == 1 ? " waiting candidate left" : " waiting candidates left")
          .append(" the queue: ")
          .append(ids(skipped))
          .append('.');
    }
    List<String> kept = new ArrayList<>();
    restorable.forEach((id, state) -> kept.add(id + ":" + state.name()));
    return CommandResult.changed("block", target, NOT_BLOCKED, BLOCKED, reply.toString())
        .withDetail("skipped=" + skipped.size() + " restorable=" + String.join(",", kept));
  }

  @Override
  public CommandResult undo(AuditEntry entry, Invocation call) {
    String target = entry.target();
    int colon = target.indexOf(':');
    Blocklist.Kind kind =
        Blocklist.Kind.valueOf(target.substring(0, colon).toUpperCase(Locale.ROOT));
    String value = target.substring(colon + 1);
    if (!blocklist.remove(kind, value)) {
      return CommandResult.refused(
          "undo",
          UndoCommand.target(entry),
          "not blocked any more",
          "Not undone: " + Md.code(target) + " is not blocked any more.");
    }
    List<Long> back = new ArrayList<>();
    Matcher m = RESTORABLE.matcher(entry.detail() == null ? "" : entry.detail());
    if (m.find() && !m.group(1).isEmpty()) {
      for (String pair : m.group(1).split(",")) {
        String[] idState = pair.split(":");
        long id = Long.parseLong(idState[0]);
        CandidateState to = SkipCommand.backTo(CandidateState.valueOf(idState[1])).orElseThrow();
        if (candidates.transition(
            id,
            CandidateState.SKIPPED,
            to,
            CandidateChanges.reason("unblocked " + target + " by " + call.by()))) {
          back.add(id);
        }
      }
    }
    return CommandResult.changed(
        "undo",
        UndoCommand.target(entry),
        BLOCKED,
        NOT_BLOCKED,
        "Undid your "
            + Md.code("block " + target.replace(':', ' '))
            + ": "
            + Md.code(target)
            + " is not blocked any more."
            + (back.isEmpty() ? "" : " Back in the queue: " + ids(back) + ".")
            + " Candidates skipped before review stay skipped.");
  }

  /** Candidates from the user or domain that are still waiting and may leave the queue. */
  private List<Candidate> waiting(Blocklist.Kind kind, String value) {
    List<CandidateState> states = new ArrayList<>();
    for (CandidateState s : CandidateState.values()) {
      if (s.canMoveTo(CandidateState.SKIPPED)) {
        states.add(s);
      }
    }
    String in = "state IN (" + String.join(", ", states.stream().map(s -> "?").toList()) + ")";
    List<Object> args = new ArrayList<>(states);
    if (kind == Blocklist.Kind.USER) {
      args.add(value);
      return candidates.where(in + " AND LOWER(author) = ? ORDER BY id", args.toArray());
    }
    String like = "%" + value + "%";
    args.add(like);
    args.add(like);
    return candidates
        .where(
            in + " AND (LOWER(source_url) LIKE ? OR LOWER(page_url) LIKE ?) ORDER BY id",
            args.toArray())
        .stream()
        .filter(c -> onDomain(c.sourceUrl(), value) || onDomain(c.pageUrl(), value))
        .toList();
  }

  static boolean onDomain(String url, String domain) {
    if (url == null) {
      return false;
    }
    try {
      String host = new URI(url).getHost();
      if (host == null) {
        return false;
      }
      host = host.toLowerCase(Locale.ROOT);
      return host.equals(domain) || host.endsWith("." + domain);
    } catch (URISyntaxException e) {
      return false;
    }
  }

  static Optional<String> userName(String raw) {
    String s = raw.strip().toLowerCase(Locale.ROOT);
    for (String prefix : List.of("/u/", "u/", "/user/", "user/", "@")) {
      if (s.startsWith(prefix)) {
        s = s.substring(prefix.length());
        break;
      }
    }
    return USER.matcher(s).matches() ? Optional.of(s) : Optional.empty();
  }

  static Optional<String> domainName(String raw) {
    String s = raw.strip().toLowerCase(Locale.ROOT);
    if (s.contains("://")) {
      try {
        s = new URI(s).getHost();
      } catch (URISyntaxException e) {
        return Optional.empty();
      }
      if (s == null) {
        return Optional.empty();
      }
    }
    if (s.endsWith(".")) {
      s = s.substring(0, s.length() - 1);
    }
    return DOMAIN.matcher(s).matches() ? Optional.of(s) : Optional.empty();
  }

  private static String ids(List<Long> ids) {
    List<String> shown = new ArrayList<>();
    for (int i = 0; i < ids.size() && i < LIST_IDS; i++) {
      shown.add(Long.toString(ids.get(i)));
    }
    return String.join(", ", shown) + (ids.size() > LIST_IDS ? ", …" : "");
  }
}
