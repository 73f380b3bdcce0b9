package dev.nichebot.publish;

import dev.nichebot.domain.Candidate;
import dev.nichebot.reddit.RedditPost;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The account's recent submissions, to find the post an interrupted attempt may have made: a link
 * post by its URL, a crosspost by its original, a native image by its media asset id or else by
 * title and time. Posts already recorded are never matched again.
 */
final class Submissions {
  // Reddit's clock and ours may differ a little.
  private static final Duration SKEW = Duration.ofMinutes(5);

  /** A post found for an attempt. */
  record Found(String fullname, String url, String permalink) {}

  private final List<RedditPost> posts;
  private final Set<String> taken;

  Submissions(List<RedditPost> posts, Set<String> alreadyRecorded) {
    this.posts = List.copyOf(posts);
    this.taken = new HashSet<>(alreadyRecorded);
  }

  Optional<Found> find(Candidate c, PublishingAttempts.Attempt a) {
    for (RedditPost p : posts) {
      if (taken.contains(p.fullname()) || !sameSubreddit(p, a.target())) {
        continue;
      }
      if (matches(p, a)) {
        String permalink = p.permalink().orElse(null);
        String url =
            permalink != null ? "https://www.reddit.com" + permalink : p.url().orElse(p.fullname());
        return Optional.of(new Found(p.fullname(), url, permalink));
      }
    }
    return Optional.empty();
  }

  void claim(String fullname) {
    taken.add(fullname);
  }

  private static boolean matches(RedditPost p, PublishingAttempts.Attempt a) {
    String kind = a.kind() == null ? "link" : a.kind();
    switch (kind) {
      case "crosspost":
        return a.crosspostOf() != null
            && p.crosspostParent().map(a.crosspostOf()::equals).orElse(false);
      case "image":
        if (a.assetId() != null && !a.assetId().isBlank()) {
          return p.url().map(u -> u.contains(a.assetId())).orElse(false);
        }
        return titleAndTime(p, a);
      default:
        return a.linkUrl() != null && p.url().map(u -> sameUrl(u, a.linkUrl())).orElse(false);
    }
  }

  private static boolean titleAndTime(RedditPost p, PublishingAttempts.Attempt a) {
    if (a.title() == null
        || p.title().map(t -> !t.strip().equals(a.title().strip())).orElse(true)) {
      return false;
    }
    Instant started = a.startedAt();
    return started == null || p.created().map(t -> !t.isBefore(started.minus(SKEW))).orElse(true);
  }

  private static boolean sameSubreddit(RedditPost p, String target) {
    return target == null || p.subreddit().map(target::equalsIgnoreCase).orElse(true);
  }

  static boolean sameUrl(String a, String b) {
    return normalize(a).equals(normalize(b));
  }

  private static String normalize(String url) {
    String u = url.strip().replace("&amp;", "&");
    if (u.endsWith("/")) {
      u = u.substring(0, u.length() - 1);
    }
    if (u.startsWith("http://")) {
      u = "https://" + u.substring("http://".length());
    }
    return u;
  }
}
