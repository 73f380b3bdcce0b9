package dev.nichebot.reddit;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The logged-in account ({@code GET /api/v1/me}).
 *
 * @param name username
 * @param fullname {@code t2_<id>}
 * @param created account creation time
 * @param linkKarma post karma
 * @param commentKarma comment karma
 * @param inboxCount unread items in the inbox
 * @param hasMail there is unread mail
 * @param moderator moderates at least one subreddit
 * @param suspended the account is suspended
 */
public record Account(
    String name,
    Optional<String> fullname,
    Optional<Instant> created,
    Optional<Integer> linkKarma,
    Optional<Integer> commentKarma,
    Optional<Integer> inboxCount,
    boolean hasMail,
    boolean moderator,
    boolean suspended) {

  public Account {
    Objects.requireNonNull(name, "name");
  }
}
