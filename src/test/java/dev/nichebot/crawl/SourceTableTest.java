package dev.nichebot.crawl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nichebot.crawl.source.SeenItems;
import dev.nichebot.store.Database;
import dev.nichebot.testing.MutableClock;
import dev.nichebot.testing.TestDatabases;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code crawl.sources} brought into the table moderators edit, and the seen items. */
class SourceTableTest {
  private final Database db = TestDatabases.inMemory();
  private final SourceTable table = new SourceTable(db, MutableClock.at("2026-12-04T08:00:00Z"));

  @AfterEach
  void close() {
    db.close();
  }

  private Map<String, Boolean> enabledBySpec() {
    return table.all().stream()
        .collect(Collectors.toMap(SourceTable.Row::spec, SourceTable.Row::enabled));
  }

  @Test
  void configuredSourcesAreAddedOnceInTheModeratorsSpelling() {
    table.sync(List.of("Reddit:Pics/top", " folder:samples ", "", "reddit:pics/top"));
    table.sync(List.of("reddit:PICS/top", "folder:samples"));

    assertThat(enabledBySpec())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("reddit:pics/top", true, "folder:samples", true));
    assertThat(table.all()).allSatisfy(r -> assertThat(r.origin()).isEqualTo("config"));
    assertThat(table.all()).extracting(SourceTable.Row::kind).contains("reddit", "folder");
  }

  @Test
  void aSourceLeavingTheConfigStopsAndComesBackButAModeratorsRemovalStays() {
    table.sync(List.of("folder:a", "folder:b"));
    long b = table.all().get(1).id();
    // A moderator removed b by message; another added a feed.
    db.update("UPDATE sources SET enabled = FALSE WHERE id = ?", b);
    db.update(
        "INSERT INTO sources (spec, kind, enabled, origin, added_by, added_at) VALUES"
            + " ('feed:https://example.org/rss', 'feed', TRUE, 'moderator', 'mod', CURRENT_TIMESTAMP)");

    table.sync(List.of("folder:b"));
    assertThat(enabledBySpec())
        .containsEntry("folder:a", false)
        .containsEntry("folder:b", false)
        .containsEntry("feed:https://example.org/rss", true);

    table.sync(List.of("folder:a", "folder:b"));
    assertThat(enabledBySpec()).containsEntry("folder:a", true).containsEntry("folder:b", false);
  }

  @Test
  void aBadSpecIsLeftOutAndTheOthersAreStillAdded() {
    table.sync(List.of("gopher:x", "urls: ", "folder:ok"));

    assertThat(table.all()).extracting(SourceTable.Row::spec).containsExactly("folder:ok");
  }

  @Test
  void seenItemsArePerSourceAndRecordedOnce() {
    table.sync(List.of("reddit:pics", "reddit:aww"));
    long pics = table.all().get(0).id();
    long aww = table.all().get(1).id();
    assertThat(table.seen(pics).isEmpty()).isTrue();

    table.markSeen(pics, List.of("t3_a", "t3_b", "t3_a"));
    table.markSeen(pics, List.of("t3_b", "t3_c"));

    SeenItems seen = table.seen(pics);
    assertThat(seen.isEmpty()).isFalse();
    assertThat(seen.contains("t3_a")).isTrue();
    assertThat(seen.contains("t3_c")).isTrue();
    assertThat(table.seen(aww).contains("t3_a")).isFalse();
    assertThat(db.queryLong("SELECT COUNT(*) FROM source_seen")).isEqualTo(3);
  }
}
