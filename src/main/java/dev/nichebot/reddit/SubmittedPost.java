package dev.nichebot.reddit;

import java.util.Objects;

/**
 * A post Reddit accepted.
 *
 * @param fullname {@code t3_<id>}
 * @param url the post's address on Reddit (for a link post, Reddit's comments page)
 */
public record SubmittedPost(String fullname, String url) {
  public SubmittedPost {
    Objects.requireNonNull(fullname, "fullname");
    Objects.requireNonNull(url, "url");
  }

  /** The base-36 id, {@code fullname} without {@code t3_}. */
  public String id() {
    return Things.stripKind(fullname);
  }
}
