package dev.nichebot.crawl.source;

import java.util.Set;

/** What a source has produced before (persisted by the crawl stage in {@code source_seen}). */
public interface SeenItems {

  boolean contains(String itemKey);

  /** Nothing seen yet: the source's first run, which pages further back. */
  boolean isEmpty();

  static SeenItems none() {
    return of(Set.of());
  }

  static SeenItems of(Set<String> keys) {
    return new SeenItems() {
      @Override
      public boolean contains(String itemKey) {
        return keys.contains(itemKey);
      }

      @Override
      public boolean isEmpty() {
        return keys.isEmpty();
      }
    };
  }
}
