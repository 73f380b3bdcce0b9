package dev.nichebot.reddit;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a listing.
 *
 * @param posts the posts in listing order (items Reddit sent without a fullname are left out)
 * @param after the fullname to pass as {@code after} for the next page; empty on the last page
 */
public record ListingPage(List<RedditPost> posts, Optional<String> after) {
  public ListingPage {
    posts = List.copyOf(posts);
    Objects.requireNonNull(after, "after");
  }
}
