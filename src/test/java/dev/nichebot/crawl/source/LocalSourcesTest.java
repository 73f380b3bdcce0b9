package dev.nichebot.crawl.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nichebot.reddit.ListingSort;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Source specs, folders and URL lists. */
class LocalSourcesTest {
  @TempDir Path dir;

  @Test
  void specsParseToTheirKindAndBadOnesSayWhatIsExpected() {
    assertThat(SourceSpec.parse("reddit:r/EarthPorn/top"))
        .isEqualTo(new SourceSpec(SourceSpec.Kind.REDDIT, "EarthPorn", ListingSort.TOP_DAY));
    assertThat(SourceSpec.parse("reddit:pics").sort()).isEqualTo(ListingSort.NEW);
    assertThat(SourceSpec.parse("reddit:pics").canonical()).isEqualTo("reddit:pics/new");
    assertThat(SourceSpec.parse("reddit:Pics").sameSource(SourceSpec.parse("reddit:pics/new")))
        .isTrue();
    assertThat(SourceSpec.parse("reddit:pics/hot").sameSource(SourceSpec.parse("reddit:pics")))
        .isFalse();
    assertThat(SourceSpec.parse("feed:https://example.org/rss?x=1").target())
        .isEqualTo("https://example.org/rss?x=1");
    assertThat(SourceSpec.normalize(" FEED:https://Example.org/A "))
        .isEqualTo("feed:https://Example.org/A");
    assertThatThrownBy(() -> SourceSpec.parse("feed:ftp://example.org/x"))
        .hasMessageContaining("http(s) URL");
    assertThatThrownBy(() -> SourceSpec.parse("reddit:a/b/c")).hasMessageContaining("subreddit");
    assertThatThrownBy(() -> SourceSpec.parse("folder:")).hasMessageContaining("nothing after");
    assertThatThrownBy(() -> SourceSpec.parse("pics")).hasMessageContaining("expected reddit:");
  }

  @Test
  void aFolderOffersItsImagesByFileNameSkippingHiddenAndOtherFiles() throws Exception {
    Path photos = Files.createDirectories(dir.resolve("photos/sub"));
    Files.write(photos.resolve("Sleeve Photo.JPG"), new byte[] {1});
    Files.write(dir.resolve("photos/b.webp"), new byte[] {1});
    Files.write(dir.resolve("photos/b-copy.webp"), new byte[] {1});
    Files.write(dir.resolve("photos/readme.md"), new byte[] {1});
    Files.createDirectories(dir.resolve("photos/.cache"));
    Files.write(dir.resolve("photos/.cache/c.png"), new byte[] {1});
    FolderSource source = new FolderSource(SourceSpec.parse("folder:photos"), dir);

    List<Found> found = source.discover(SeenItems.none()).found();

    // An original comes before its copies, so it is the one stored.
    assertThat(found).extracting(Found::title).containsExactly("b", "b-copy", "Sleeve Photo");
    assertThat(found.get(2).imageUrl())
        .isEqualTo(photos.resolve("Sleeve Photo.JPG").toUri().toString());
    assertThat(FolderSource.isInside(source.root(), photos.resolve("Sleeve Photo.JPG"))).isTrue();
    Files.write(dir.resolve("x.jpg"), new byte[] {1});
    assertThat(FolderSource.isInside(source.root(), dir.resolve("photos/../x.jpg"))).isFalse();
    assertThatThrownBy(
            () -> new FolderSource(SourceSpec.parse("folder:nope"), dir).discover(SeenItems.none()))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("does not exist");
  }

  @Test
  void aUrlListKeepsHttpLinesOnly() throws Exception {
    Files.writeString(
        dir.resolve("list.txt"),
        "# comment\n\nhttps://example.org/a.jpg\n  http://example.org/b.png  \nfile:/etc/passwd\n"
            + "javascript:alert(1)\n",
        StandardCharsets.UTF_8);

    List<Found> found =
        new UrlListSource(SourceSpec.parse("urls:list.txt"), dir)
            .discover(SeenItems.none())
            .found();

    assertThat(found)
        .extracting(Found::imageUrl)
        .containsExactly("https://example.org/a.jpg", "http://example.org/b.png");
  }
}
