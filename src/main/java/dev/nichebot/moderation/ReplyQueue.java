package dev.nichebot.moderation;

import dev.nichebot.reddit.RateLimitedException;
import dev.nichebot.reddit.RedditApiException;
import dev.nichebot.reddit.RedditException;
import dev.nichebot.reddit.RedditInbox;
import dev.nichebot.reddit.RedditUnavailableException;
import dev.nichebot.store.Database;
import dev.nichebot.store.Rows;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replies waiting to be sent. A reply is queued in the same transaction as the command it answers
 * and sent after the commit; a {@code RATELIMIT} postpones every waiting reply by the time Reddit
 * names, an outage by a growing backoff, so a reply is delayed, never lost.
 *
 * <p>Reddit may have stored a reply whose answer never arrived (a timeout): that reply is sent
 * again later, so an outage can, rarely, double a reply; it never drops one.
 */
final class ReplyQueue {
  private static final Logger log = LoggerFactory.getLogger(ReplyQueue.class);

  /** Who a reply is for. */
  enum Kind {
    /** The answer to a moderator's command. */
    COMMAND,
    /** The daily note to a non-moderator that only moderators can command the bot. */
    STRANGER
  }

  static final int MAX_ATTEMPTS = 12;
  static final int PER_RUN = 25;
  private static final Duration FIRST_BACKOFF = Duration.ofMinutes(1);
  private static final Duration MAX_BACKOFF = Duration.ofHours(1);
  private static final int MAX_BODY = 4000;

  private final Database db;
  private final Clock clock;

  ReplyQueue(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  record Pending(long id, String messageFullname, String recipient, String body, int attempts) {}

  /** What one drain did. */
  record Drained(int sent, int failed, int waiting) {}

  /** Queues a reply to a private message (inside the caller's transaction). */
  void enqueue(String messageFullname, String recipient, Kind kind, String body) {
    String text = body.length() <= MAX_BODY ? body : body.substring(0, MAX_BODY - 1) + "…";
    db.update(
        "INSERT INTO moderation_replies (message_fullname, recipient, kind, body, created_at,"
            + " attempts) VALUES (?, ?, ?, ?, ?, 0)",
        messageFullname,
        key(recipient),
        kind,
        text,
        clock.instant());
  }

  /** Whether a reply of this kind was queued for this person since {@code since}. */
  boolean queuedFor(String recipient, Kind kind, Instant since) {
    return db.queryLong(
            "SELECT COUNT(*) FROM moderation_replies WHERE recipient = ? AND kind = ?"
                + " AND created_at > ?",
            key(recipient),
            kind,
            since)
        > 0;
  }

  /** Replies not yet sent and not given up on, oldest first. */
  List<Pending> pending() {
    return db.query(
        "SELECT id, message_fullname, recipient, body, attempts FROM moderation_replies"
            + " WHERE sent_at IS NULL AND failed_at IS NULL ORDER BY id",
        rs ->
            new Pending(
                rs.getLong("id"),
                rs.getString("message_fullname"),
                rs.getString("recipient"),
                rs.getString("body"),
                rs.getInt("attempts")));
  }

  /** When the next waiting reply may be tried, if one waits for a time. */
  java.util.Optional<Instant> nextAttempt() {
    return db.queryOne(
        "SELECT MIN(next_attempt_at) AS t FROM moderation_replies"
            + " WHERE sent_at IS NULL AND failed_at IS NULL",
        rs -> Rows.instant(rs, "t"));
  }

  /** Sends the replies that are due, stopping at the first sign that Reddit wants a pause. */
  Drained drain(RedditInbox inbox) {
    Instant now = clock.instant();
    List<Pending> due =
        db.query(
            "SELECT id, message_fullname, recipient, body, attempts FROM moderation_replies"
                + " WHERE sent_at IS NULL AND failed_at IS NULL"
                + " AND (next_attempt_at IS NULL OR next_attempt_at <= ?)"
                + " ORDER BY id FETCH FIRST "
                + PER_RUN
                + " ROWS ONLY",
            rs ->
                new Pending(
                    rs.getLong("id"),
                    rs.getString("message_fullname"),
                    rs.getString("recipient"),
                    rs.getString("body"),
                    rs.getInt("attempts")),
            now);
    int sent = 0;
    int failed = 0;
    for (Pending reply : due) {
      try {
        inbox.reply(reply.messageFullname(), reply.body());
        db.update(
            "UPDATE moderation_replies SET sent_at = ?, attempts = ?, last_error = NULL WHERE id = ?",
            clock.instant(),
            reply.attempts() + 1,
            reply.id());
        sent++;
      } catch (RateLimitedException e) {
        // The limit is the account's: every waiting reply waits as long as Reddit says.
        Instant until = clock.instant().plus(e.retryAfter());
        attemptFailed(reply, until, e);
        db.update(
            "UPDATE moderation_replies SET next_attempt_at = ? WHERE sent_at IS NULL"
                + " AND failed_at IS NULL AND (next_attempt_at IS NULL OR next_attempt_at < ?)",
            until,
            until);
        log.info(
            "Reddit rate-limits replies; {} waiting replies wait until {}",
            pending().size(),
            until);
        break;
      } catch (RedditUnavailableException e) {
        if (!retryLater(reply, e)) {
          failed++;
        }
        break;
      } catch (RedditApiException | IllegalArgumentException e) {
        // Reddit understood and said no (the user blocks the bot, the message is gone): final.
        giveUp(reply, e);
        failed++;
      } catch (RedditException e) {
        if (!retryLater(reply, e)) {
          failed++;
        }
        break;
      }
    }
    return new Drained(sent, failed, pending().size());
  }

  private boolean retryLater(Pending reply, RuntimeException e) {
    int attempts = reply.attempts() + 1;
    if (attempts >= MAX_ATTEMPTS) {
      giveUp(reply, e);
      return false;
    }
    Duration wait = FIRST_BACKOFF.multipliedBy(1L << Math.min(attempts - 1, 10));
    if (wait.compareTo(MAX_BACKOFF) > 0) {
      wait = MAX_BACKOFF;
    }
    attemptFailed(reply, clock.instant().plus(wait), e);
    log.warn(
        "reply {} to u/{} not sent (attempt {}), next try in {}: {}",
        reply.id(),
        reply.recipient(),
        attempts,
        wait,
        e.getMessage());
    return true;
  }

  private void attemptFailed(Pending reply, Instant next, RuntimeException e) {
    db.update(
        "UPDATE moderation_replies SET attempts = ?, next_attempt_at = ?, last_error = ?"
            + " WHERE id = ?",
        reply.attempts() + 1,
        next,
        Md.oneLine(e.getMessage(), 2000),
        reply.id());
  }

  private void giveUp(Pending reply, RuntimeException e) {
    db.update(
        "UPDATE moderation_replies SET attempts = ?, failed_at = ?, last_error = ? WHERE id = ?",
        reply.attempts() + 1,
        clock.instant(),
        Md.oneLine(e.getMessage(), 2000),
        reply.id());
    log.warn(
        "reply {} to u/{} given up after {} attempts: {}",
        reply.id(),
        reply.recipient(),
        reply.attempts() + 1,
        e.getMessage());
  }

  private static String key(String recipient) {
    return Md.oneLine(recipient, 128).toLowerCase(Locale.ROOT);
  }
}
