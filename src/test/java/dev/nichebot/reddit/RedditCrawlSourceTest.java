package dev.nichebot.reddit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nichebot.crawl.CrawlService;
import dev.nichebot.crawl.SourceTable;
import dev.nichebot.crawl.download.DownloaderConfig;
import dev.nichebot.crawl.download.SafeDownloader;
import dev.nichebot.crawl.source.Discovery;
import dev.nichebot.crawl.source.Found;
import dev.nichebot.crawl.source.RedditSource;
import dev.nichebot.crawl.source.SeenItems;
import dev.nichebot.crawl.source.SourceFactory;
import dev.nichebot.crawl.source.SourceSpec;
import dev.nichebot.domain.Candidate;
import dev.nichebot.store.CandidateStore;
import dev.nichebot.store.Database;
import dev.nichebot.testing.MutableClock;
import dev.nichebot.testing.TestDatabases;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code reddit:} sources: the Reddit client on recorded listings (served on loopback), and the
 * persisted "seen" cursor. Lives beside {@link FakeReddit}, which is this package's test peer.
 */
class RedditCrawlSourceTest {
  @TempDir Path dir;
  private final FakeReddit reddit = new FakeReddit();
  private final RedditClient client = reddit.client();

  @AfterEach
  void stop() {
    client.close();
    reddit.close();
  }

  private void answerRecordedPages() {
    reddit.answer(Fixtures.recorded("listing_r_all_new_2021_subset.json").response());
    reddit.answer(Fixtures.recorded("listing_multireddit_new_2020_subset.json").response());
  }

  @Test
  void theFirstRunPagesBackAndCreditsEachImageWithItsPost() throws Exception {
    answerRecordedPages();
    RedditSource source = new RedditSource(SourceSpec.parse("reddit:all"), client, 2);

    Discovery d = source.discover(SeenItems.none());

    RecordedRequest first = reddit.takeApi();
    FakeReddit.assertApiRequest(first, "GET", "/r/all/new");
    assertThat(first.getUrl().queryParameter("limit")).isEqualTo("100");
    assertThat(reddit.takeApi().getUrl().queryParameter("after")).isEqualTo("t3_kzj64n");
    assertThat(d.newlySeen()).hasSize(14).startsWith("t3_kzj68i").endsWith("t3_hmfel7");
    assertThat(d.found())
        .extracting(Found::imageUrl)
        .contains(
            "https://i.redd.it/31f5f9cfmzb61.png",
            "https://i.redd.it/6bsoy1hfmzb61.jpg",
            "https://i.imgur.com/agmR4lX.jpg",
            "https://i.redd.it/ejjexgcjma951.jpg")
        .doesNotContain("https://imgur.com/cdIfRFl", "https://youtu.be/kepfCWEVzbo");
    Found lake =
        d.found().stream()
            .filter(f -> f.imageUrl().equals("https://i.redd.it/t8gr7k7vma951.jpg"))
            .findFirst()
            .orElseThrow();
    assertThat(lake.pageUrl()).startsWith("https://www.reddit.com/r/EarthPorn/comments/hmfel7/");
    assertThat(lake.author()).isEqualTo("BioSmash27");
    assertThat(lake.title()).isNotBlank();
    assertThat(lake.externalId()).isEqualTo("t3_hmfel7");
  }

  @Test
  void aLaterNewRunStopsAtThePageThatReachesWhatWasSeen() throws Exception {
    answerRecordedPages();
    RedditSource source = new RedditSource(SourceSpec.parse("reddit:all/new"), client, 3);

    Discovery d = source.discover(SeenItems.of(Set.of("t3_kzj677", "t3_kzj674", "t3_kzj66m")));

    reddit.takeApi();
    assertThat(reddit.api.getRequestCount()).isEqualTo(1);
    assertThat(d.newlySeen()).hasSize(6).doesNotContain("t3_kzj677");
    assertThat(d.found())
        .extracting(Found::imageUrl)
        .doesNotContain("https://i.redd.it/31f5f9cfmzb61.png");
  }

  @Test
  void theCursorIsPersistedSoARestartedCrawlFindsNothingTwice() throws Exception {
    Database db = TestDatabases.inMemory();
    try {
      MutableClock clock = MutableClock.at("2026-12-04T08:00:00Z");
      SourceTable sources = new SourceTable(db, clock);
      CandidateStore candidates = new CandidateStore(db, clock);
      sources.sync(List.of("reddit:all/hot"));
      SafeDownloader feeds =
          SafeDownloader.create(new OkHttpClient(), DownloaderConfig.builder().build());
      CrawlService crawl =
          new CrawlService(
              db, candidates, sources, new SourceFactory(dir, Optional.of(client), feeds, 2));
      answerRecordedPages();

      CrawlService.Report first = crawl.run();

      assertThat(first.errors()).isEmpty();
      List<Candidate> found = candidates.where("1 = 1 ORDER BY id");
      assertThat(found).hasSize(first.discovered()).isNotEmpty();
      assertThat(found).allSatisfy(c -> assertThat(c.externalId()).startsWith("t3_"));

      // After a restart (a new service on the same database) the same listing brings nothing.
      reddit.answer(Fixtures.recorded("listing_multireddit_new_2020_subset.json").response());
      CrawlService again =
          new CrawlService(
              db,
              candidates,
              new SourceTable(db, clock),
              new SourceFactory(dir, Optional.of(client), feeds, 2));
      CrawlService.Report second = again.run();
      assertThat(second.discovered()).isZero();
      assertThat(second.known()).isZero();
      assertThat(candidates.where("1 = 1 ORDER BY id")).hasSize(found.size());

      // Reddit failing is this source's error, not the crawl's.
      reddit.answer(Fixtures.recorded("error_404_not_found_2020.json").response());
      CrawlService.Report broken = again.run();
      assertThat(broken.errors()).singleElement().asString().startsWith("reddit:all/hot: r/all");
    } finally {
      db.close();
    }
  }

  @Test
  void withoutTheRedditLoginARedditSourceSaysWhatIsMissing() {
    SafeDownloader feeds =
        SafeDownloader.create(new OkHttpClient(), DownloaderConfig.builder().build());
    SourceFactory factory = new SourceFactory(dir, Optional.empty(), feeds, 2);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> factory.create("reddit:pics"))
        .hasMessageContaining("need the Reddit login");
  }
}
