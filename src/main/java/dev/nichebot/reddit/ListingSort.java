package dev.nichebot.reddit;

import java.util.Optional;

/** Which listing of a subreddit to read. {@code TOP_*} are the top posts of a time window. */
public enum ListingSort {
  NEW("new", null),
  HOT("hot", null),
  TOP_DAY("top", "day"),
  TOP_WEEK("top", "week"),
  TOP_MONTH("top", "month"),
  TOP_YEAR("top", "year"),
  TOP_ALL("top", "all");

  private final String path;
  private final String window;

  ListingSort(String path, String window) {
    this.path = path;
    this.window = window;
  }

  /** The last path segment, {@code /r/<sub>/<path>}. */
  public String path() {
    return path;
  }

  /** The {@code t=} parameter of a top listing. */
  public Optional<String> window() {
    return Optional.ofNullable(window);
  }
}
