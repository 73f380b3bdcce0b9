package dev.nichebot.moderation;

import dev.nichebot.reddit.InboxItem;
import dev.nichebot.reddit.RedditException;
import dev.nichebot.reddit.RedditInbox;
import dev.nichebot.reddit.RedditPoster;
import dev.nichebot.store.AuditLog;
import dev.nichebot.store.BotStateStore;
import dev.nichebot.store.CandidateStore;
import dev.nichebot.store.Database;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of the inbox job: reads unread items, runs moderators' commands exactly once, refuses
 * everything else, marks what it handled read, and sends the queued replies.
 *
 * <p>Exactly once: for each item, the row saying "handled", the command's effect, its audit entry
 * and its reply are one transaction; marking read on Reddit comes after. Served again after a crash
 * in between, the item is recognised as handled and only marked read.
 */
public final class InboxProcessor {
  private static final Logger log = LoggerFactory.getLogger(InboxProcessor.class);
  static final int UNREAD_LIMIT = 100;
  static final Duration STRANGER_INTERVAL = Duration.ofDays(1);
  static final String REFUSED_ACTION = "command.refused";

  private final ModerationSettings settings;
  private final Database db;
  private final Clock clock;
  private final AuditLog audit;
  private final RedditInbox inbox;
  private final HandledMessages handled;
  private final ReplyQueue replies;
  private final SenderCheck senders;
  private final ModeratorCommands commands;

  public InboxProcessor(
      ModerationSettings settings,
      Database db,
      Clock clock,
      CandidateStore candidates,
      BotStateStore botState,
      AuditLog audit,
      RedditInbox inbox,
      RedditPoster poster,
      StatusSource status,
      PublishTrigger publish) {
    this.settings = settings;
    this.db = db;
    this.clock = clock;
    this.audit = audit;
    this.inbox = inbox;
    this.handled = new HandledMessages(db, clock);
    this.replies = new ReplyQueue(db, clock);
    this.senders =
        new SenderCheck(
            new ModeratorList(inbox, settings.subreddit(), settings.moderatorCache(), clock),
            new ActiveAccounts(inbox, settings.moderatorCache(), clock),
            settings.subreddit(),
            settings.botUsername());
    this.commands = new ModeratorCommands(db, clock, candidates, botState, poster, status, publish);
  }

  private enum Outcome {
    COMMAND,
    REFUSED,
    ALREADY_HANDLED
  }

  /**
   * @throws RedditException when the inbox or the moderator list cannot be read; what was handled
   *     before stays handled, the rest is read again next run
   */
  public InboxRun run() {
    List<InboxItem> items = new ArrayList<>(inbox.unread(UNREAD_LIMIT));
    Collections.reverse(items); // oldest first: commands apply in the order they were sent
    List<String> toMarkRead = new ArrayList<>();
    int commandCount = 0;
    int refusedCount = 0;
    int alreadyCount = 0;
    RedditException stopped = null;
    for (InboxItem item : items) {
      Outcome outcome;
      try {
        outcome = handle(item);
      } catch (RedditException e) {
        // The moderator list could not be read: decide nothing rather than refuse a moderator.
        log.warn("inbox: cannot tell who may command ({}); the rest waits", e.getMessage());
        stopped = e;
        break;
      }
      toMarkRead.add(item.fullname());
      switch (outcome) {
        case COMMAND -> commandCount++;
        case REFUSED -> refusedCount++;
        case ALREADY_HANDLED -> alreadyCount++;
      }
    }
    markRead(toMarkRead);
    ReplyQueue.Drained drained = replies.drain(inbox);
    if (stopped != null) {
      throw stopped;
    }
    return new InboxRun(
        items.size(), commandCount, refusedCount, alreadyCount, drained.sent(), drained.waiting());
  }

  private Outcome handle(InboxItem item) {
    if (handled.contains(item.fullname())) {
      log.info("inbox: {} was handled before; marking it read", item.fullname());
      return Outcome.ALREADY_HANDLED;
    }
    SenderCheck.Verdict verdict = senders.check(item);
    if (verdict instanceof SenderCheck.Moderator m) {
      runCommand(item, m.name());
      return Outcome.COMMAND;
    }
    refuse(item, (SenderCheck.Refused) verdict);
    return Outcome.REFUSED;
  }

  private void runCommand(InboxItem item, String moderator) {
    CommandText command = CommandParser.parse(item);
    Invocation call = new Invocation(moderator, item.fullname(), command);
    try {
      CommandResult result =
          db.inTransaction(
              () -> {
                handled.record(item.fullname(), moderator, HandledMessages.Outcome.COMMAND);
                CommandResult r = commands.run(call);
                audit.record(
                    moderator,
                    CommandHistory.CHANNEL,
                    r.auditAction(),
                    r.target(),
                    r.before(),
                    r.after(),
                    detail(r.detail(), command, item.fullname()));
                replies.enqueue(item.fullname(), moderator, ReplyQueue.Kind.COMMAND, r.reply());
                return r;
              });
      log.info(
          "inbox: u/{} said {} -> {} {}",
          moderator,
          Md.code(command.line()),
          result.auditAction(),
          result.target() == null ? "" : result.target());
    } catch (RuntimeException e) {
      // Rolled back: nothing of the command stayed. Record that it failed, so it is not retried
      // forever, and tell the moderator. (If the database itself is down, this throws too, and
      // the message is read again next run.)
      log.error("inbox: u/{}'s {} failed", moderator, Md.code(command.line()), e);
      db.inTransaction(
          () -> {
            handled.record(item.fullname(), moderator, HandledMessages.Outcome.FAILED);
            audit.record(
                moderator,
                CommandHistory.CHANNEL,
                (CommandParser.isCommand(command) ? command.verb() : "unknown") + ".failed",
                null,
                null,
                null,
                detail(e.getClass().getSimpleName(), command, item.fullname()));
            replies.enqueue(
                item.fullname(),
                moderator,
                ReplyQueue.Kind.COMMAND,
                "Something went wrong on my side and nothing changed; the bot's log has the"
                    + " details.");
          });
    }
  }

  private void refuse(InboxItem item, SenderCheck.Refused refused) {
    CommandText command = CommandParser.parse(item);
    boolean attempt = CommandParser.isCommand(command);
    String author = item.author().orElse(null);
    db.inTransaction(
        () -> {
          handled.record(item.fullname(), author, HandledMessages.Outcome.REFUSED);
          audit.record(
              refused.actor(),
              CommandHistory.CHANNEL,
              REFUSED_ACTION,
              item.fullname(),
              null,
              null,
              refused.reason() + "; said " + Md.code(command.line()));
          if (refused.stranger()
              && attempt
              && settings.replyToStrangers()
              && !replies.queuedFor(
                  author, ReplyQueue.Kind.STRANGER, clock.instant().minus(STRANGER_INTERVAL))) {
            replies.enqueue(
                item.fullname(),
                author,
                ReplyQueue.Kind.STRANGER,
                "Only the moderators of r/" + settings.subreddit() + " can give me commands.");
          }
        });
    log.info("inbox: {} from {} refused: {}", item.fullname(), refused.actor(), refused.reason());
  }

  private void markRead(List<String> fullnames) {
    if (fullnames.isEmpty()) {
      return;
    }
    try {
      inbox.markRead(fullnames);
    } catch (RuntimeException e) {
      // They are recorded as handled: the next run marks them read without acting again.
      log.warn("inbox: could not mark {} items read: {}", fullnames.size(), e.getMessage());
    }
  }

  private static String detail(String extra, CommandText command, String fullname) {
    return (extra == null || extra.isBlank() ? "" : extra + "; ")
        + "command "
        + Md.code(command.line())
        + "; message "
        + fullname;
  }
}
