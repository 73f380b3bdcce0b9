package dev.nichebot.moderation;

import dev.nichebot.domain.Candidate;
import dev.nichebot.domain.CandidateState;
import dev.nichebot.domain.Logs;
import dev.nichebot.reddit.RedditApiException;
import dev.nichebot.reddit.RedditException;
import dev.nichebot.reddit.RedditPoster;
import dev.nichebot.store.CandidateChanges;
import dev.nichebot.store.CandidateStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code remove <reddit post id>}: deletes one of the bot's own posts on Reddit, marks the post
 * removed, bans its image (never posted again) and moves its candidate to REMOVED. A post the bot
 * did not make (not in its posts table) is refused before anything is sent to Reddit.
 *
 * <p>Deleting is idempotent on Reddit: when the bot stops between the deletion and the commit, the
 * message is served again and deleting once more does no harm.
 */
final class RemoveCommand implements CommandHandler {
  private static final Pattern BARE = Pattern.compile("(?:t3_)?([a-z0-9]{1,13})");
  private static final Pattern IN_URL =
      Pattern.compile("(?:/comments/|redd\\.it/)([a-z0-9]{1,13})(?:[/?#].*)?$");

  private final PostRecords posts;
  private final CandidateStore candidates;
  private final RedditPoster reddit;
  private final Clock clock;

  RemoveCommand(PostRecords posts, CandidateStore candidates, RedditPoster reddit, Clock clock) {
    this.posts = posts;
    this.candidates = candidates;
    this.reddit = reddit;
    this.clock = clock;
  }

  @Override
  public CommandResult handle(Invocation call) {
    Optional<String> id =
        call.args().size() == 1 ? postId(call.args().get(0)) : Optional.<String>empty();
    if (id.isEmpty()) {
      return CommandResult.refused(
          "remove",
          null,
          "no post id",
          "Nothing changed: say `remove` and the id of one of my posts, like `remove 1abc2de`"
              + " or its link.");
    }
    String target = "post:t3_" + id.get();
    Optional<PostRecords.Post> found = posts.byRedditId(id.get());
    if (found.isEmpty()) {
      return CommandResult.refused(
          "remove",
          target,
          "not the bot's post",
          "Nothing changed: "
              + Md.code(id.get())
              + " is not one of my posts, so I will not touch it.");
    }
    PostRecords.Post post = found.get();
    if (post.removedAt() != null) {
      return CommandResult.changed(
          "remove",
          target,
          "removed",
          "removed",
          "Nothing changed: post " + Md.code(id.get()) + " was already removed.");
    }
    try (var ignored = Logs.candidate(post.candidateId())) {
      try {
        reddit.delete("t3_" + id.get());
      } catch (RedditApiException e) {
        return CommandResult.refused(
            "remove",
            target,
            e.getMessage(),
            "Nothing changed: Reddit refused to delete post "
                + Md.code(id.get())
                + " ("
                + Md.code(e.code())
                + ").");
      } catch (RedditException e) {
        return CommandResult.refused(
            "remove",
            target,
            e.getMessage(),
            "Nothing changed: Reddit did not answer. Send "
                + Md.code("remove " + id.get())
                + " again later.");
      }
      Instant now = clock.instant();
      posts.markRemoved(post.id(), call.by(), now);
      Optional<Candidate> candidate = candidates.find(post.candidateId());
      String imageNote = "";
      if (candidate.isPresent() && candidate.get().imageId() != null) {
        posts.banImage(candidate.get().imageId());
        imageNote = " Its image will never be posted again.";
      }
      if (candidate.isPresent() && candidate.get().state() == CandidateState.PUBLISHED) {
        candidates.transition(
            post.candidateId(),
            CandidateState.PUBLISHED,
            CandidateState.REMOVED,
            CandidateChanges.reason("post removed by " + call.by()));
      }
      return CommandResult.changed(
          "remove",
          target,
          "posted",
          "removed",
          "Removed my post "
              + Md.code(id.get())
              + " (“"
              + Md.text(post.title(), 60)
              + "”, candidate "
              + post.candidateId()
              + ")."
              + imageNote
              + " This cannot be undone.");
    }
  }

  /** The base-36 id from {@code abc12}, {@code t3_abc12}, or a link to the post. */
  static Optional<String> postId(String text) {
    String s = text.strip().toLowerCase(Locale.ROOT);
    Matcher bare = BARE.matcher(s);
    if (bare.matches()) {
      return Optional.of(bare.group(1));
    }
    Matcher url = IN_URL.matcher(s);
    if ((s.startsWith("https://") || s.startsWith("http://")) && url.find()) {
      return Optional.of(url.group(1));
    }
    return Optional.empty();
  }
}
