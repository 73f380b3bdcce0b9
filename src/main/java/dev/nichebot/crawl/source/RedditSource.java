package dev.nichebot.crawl.source;

import dev.nichebot.reddit.ListingPage;
import dev.nichebot.reddit.ListingSort;
import dev.nichebot.reddit.PostImage;
import dev.nichebot.reddit.RedditException;
import dev.nichebot.reddit.RedditPost;
import dev.nichebot.reddit.RedditPostSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A subreddit listing ({@code reddit:<sub>[/new|/hot|/top]}) through the Reddit client, which also
 * finds each post's images (direct files, gallery items, previews). Posts are remembered by
 * fullname: the first run pages back {@code crawl.first-run-pages} pages; later runs of a {@code
 * new} listing stop at the first page that reaches a post seen before, while {@code hot} and {@code
 * top}, whose order changes, read one page and skip what was seen.
 */
public final class RedditSource implements ImageSource {
  static final int PAGE_SIZE = 100;
  private static final String SITE = "https://www.reddit.com";

  private final SourceSpec spec;
  private final RedditPostSource reddit;
  private final int firstRunPages;

  public RedditSource(SourceSpec spec, RedditPostSource reddit, int firstRunPages) {
    if (spec.kind() != SourceSpec.Kind.REDDIT) {
      throw new IllegalArgumentException("not a reddit: source: " + spec);
    }
    this.spec = spec;
    this.reddit = reddit;
    this.firstRunPages = Math.max(1, firstRunPages);
  }

  @Override
  public SourceSpec spec() {
    return spec;
  }

  @Override
  public Discovery discover(SeenItems seen) throws SourceException {
    boolean firstRun = seen.isEmpty();
    int pages = firstRun || spec.sort() == ListingSort.NEW ? firstRunPages : 1;
    List<Found> found = new ArrayList<>();
    List<String> newlySeen = new ArrayList<>();
    String after = null;
    try {
      for (int page = 0; page < pages; page++) {
        ListingPage listing = reddit.listing(spec.target(), spec.sort(), after, PAGE_SIZE);
        boolean reachedSeen = false;
        for (RedditPost post : listing.posts()) {
          if (seen.contains(post.fullname())) {
            reachedSeen = true;
            continue;
          }
          if (newlySeen.contains(post.fullname())) {
            continue; // a post that moved to the next page while we paged
          }
          newlySeen.add(post.fullname());
          found.addAll(images(post));
        }
        Optional<String> next = listing.after();
        if (next.isEmpty() || (reachedSeen && spec.sort() == ListingSort.NEW)) {
          break;
        }
        after = next.get();
      }
    } catch (RedditException e) {
      throw new SourceException("r/" + spec.target() + ": " + e.getMessage(), e);
    }
    return new Discovery(found, newlySeen);
  }

  private static List<Found> images(RedditPost post) {
    String page = post.permalink().map(p -> p.startsWith("/") ? SITE + p : p).orElse(null);
    String author = post.author().filter(a -> !a.isBlank() && !a.equals("[deleted]")).orElse(null);
    String title = post.title().orElse(null);
    List<Found> out = new ArrayList<>();
    for (PostImage image : post.images()) {
      out.add(new Found(image.url(), page, author, title, post.fullname()));
    }
    return out;
  }
}
