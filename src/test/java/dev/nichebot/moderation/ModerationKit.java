package dev.nichebot.moderation;

import dev.nichebot.domain.AuditEntry;
import dev.nichebot.domain.CandidateState;
import dev.nichebot.domain.PauseSwitch;
import dev.nichebot.reddit.RedditClient;
import dev.nichebot.reddit.RedditInbox;
import dev.nichebot.store.AuditLog;
import dev.nichebot.store.BotStateStore;
import dev.nichebot.store.CandidateStore;
import dev.nichebot.store.Database;
import dev.nichebot.testing.MutableClock;
import dev.nichebot.testing.RedditInboxPeer;
import dev.nichebot.testing.TestCandidates;
import dev.nichebot.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Moderation wired as the bot wires it, on an in-memory database and a Reddit peer on loopback. A
 * "restart" builds a fresh processor (empty caches) on the same database, as a new process would.
 */
final class ModerationKit implements AutoCloseable {
  static final String MOD = "Mod_Alice";

  final MutableClock clock = MutableClock.at("2025-06-02T10:00:00Z");
  final Database db;
  final CandidateStore candidates;
  final BotStateStore botState;
  final AuditLog audit;
  final RedditInboxPeer reddit = new RedditInboxPeer();
  final RedditClient client = reddit.client(clock);
  final TestCandidates testCandidates;
  final AtomicInteger publishTriggers = new AtomicInteger();
  volatile boolean schedulerRunning = true;
  volatile StatusSource status = this::defaultStatus;
  ModerationSettings settings =
      new ModerationSettings(
          RedditInboxPeer.SUBREDDIT, RedditInboxPeer.BOT, Duration.ofMinutes(5), true);
  private InboxProcessor processor;
  // Unique across kits: a "restarted" kit on the same database must not reuse a handled id.
  private static final AtomicInteger messageSeq = new AtomicInteger();

  ModerationKit(Path imagesDir) {
    this(imagesDir, TestDatabases.inMemory());
  }

  /** On a given (migrated) database, for instance a file database reopened after a restart. */
  ModerationKit(Path imagesDir, Database db) {
    this.db = db;
    candidates = new CandidateStore(db, clock);
    botState = new BotStateStore(db, clock);
    audit = new AuditLog(db, clock);
    testCandidates = new TestCandidates(db, candidates, imagesDir);
  }

  InboxRun run() {
    if (processor == null) {
      processor = processor(client);
    }
    return processor.run();
  }

  /** A fresh process on the same database: nothing remembered but what is stored. */
  void restart() {
    processor = null;
  }

  InboxProcessor processor(RedditInbox inbox) {
    return new InboxProcessor(
        settings,
        db,
        clock,
        candidates,
        botState,
        audit,
        inbox,
        client,
        () -> status.current(),
        () -> {
          if (!schedulerRunning) {
            return false;
          }
          publishTriggers.incrementAndGet();
          return true;
        });
  }

  /** Puts a moderator's private message into the unread inbox; returns its fullname. */
  String fromModerator(String text) {
    return send(MOD, text);
  }

  /** A private message with the command in the subject and a chatty body. */
  String send(String author, String subject) {
    String id = "m" + messageSeq.incrementAndGet();
    reddit.unread(RedditInboxPeer.message(id, author, subject, "sent from the test"));
    return "t4_" + id;
  }

  /** Sends a moderator's command, runs the inbox once and returns the reply to it. */
  String command(String text) {
    String fullname = fromModerator(text);
    run();
    return reddit.replyTo(fullname);
  }

  long candidate(CandidateState state) {
    return testCandidates.in(state, 0.9);
  }

  CandidateState state(long id) {
    return candidates.find(id).orElseThrow().state();
  }

  /** Audit entries with this action, oldest first. */
  List<AuditEntry> audited(String action) {
    List<AuditEntry> entries = new ArrayList<>(audit.byAction(action, 1000));
    java.util.Collections.reverse(entries);
    return entries;
  }

  Optional<String> threshold() {
    return botState.get(BotStateStore.THRESHOLD);
  }

  private BotStatus defaultStatus() {
    Map<PauseSwitch, Boolean> paused = botState.pauseFlags();
    Map<CandidateState, Long> counts = new EnumMap<>(candidates.countByState());
    return new BotStatus(
        counts,
        Optional.of(Instant.parse("2025-06-02T14:00:00Z")),
        paused,
        Optional.of("signal-2025.05"),
        List.of("crawl failed at 2025-06-02 09:15 UTC: feed answered 503"));
  }

  @Override
  public void close() {
    client.close();
    reddit.close();
    db.close();
  }
}
