package dev.nichebot.crawl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nichebot.crawl.testing.TestImages;
import dev.nichebot.domain.Candidate;
import dev.nichebot.domain.CandidateState;
import dev.nichebot.store.Database;
import dev.nichebot.testing.TestDatabases;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code feed:} sources (RSS 2.0 and Atom) against a feed and image server on loopback. */
class FeedCrawlTest {
  @TempDir Path dir;
  private Database db;
  private CrawlKit kit;
  private MockWebServer server;
  private final Map<String, MockResponse> routes = new ConcurrentHashMap<>();

  @BeforeEach
  void setUp() throws Exception {
    db = TestDatabases.inMemory();
    kit = new CrawlKit(db, dir).settings(2, 3);
    server = new MockWebServer();
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return routes.getOrDefault(
                request.getUrl().encodedPath(), new MockResponse.Builder().code(404).build());
          }
        });
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    for (int i = 1; i <= 8; i++) {
      routes.put(
          "/img/" + i + ".jpg",
          new MockResponse.Builder()
              .setHeader("Content-Type", "image/jpeg")
              .body(new Buffer().write(TestImages.jpeg(TestImages.scene(200, 150, 40 + i))))
              .build());
    }
  }

  @AfterEach
  void tearDown() {
    server.close();
    db.close();
    assertThat(kit.sockets.refused()).isEmpty();
  }

  private String base() {
    return "http://127.0.0.1:" + server.getPort();
  }

  private void serve(String path, String contentType, String body) {
    routes.put(
        path, new MockResponse.Builder().setHeader("Content-Type", contentType).body(body).build());
  }

  private String rss(String... items) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"
             xmlns:dc="http://purl.org/dc/elements/1.1/"
             xmlns:content="http://purl.org/rss/1.0/modules/content/">
          <channel><title>Sleeves</title><link>%s/</link><description>d</description>
          %s
          </channel>
        </rss>
        """
        .formatted(base(), String.join("\n", items));
  }

  private static final String ITEM_ONE =
      """
      <item>
        <title>Puff sleeves &amp; more</title>
        <link>%1$s/posts/1</link>
        <guid>post-1</guid>
        <dc:creator>Ada</dc:creator>
        <enclosure url="%1$s/img/1.jpg" type="image/jpeg" length="1"/>
        <enclosure url="%1$s/episode.mp3" type="audio/mpeg" length="1"/>
        <media:content url="%1$s/img/2.jpg" medium="image"/>
        <media:content url="%1$s/clip.mp4" type="video/mp4"/>
        <media:group><media:content url="%1$s/img/3.jpg" type="image/jpeg"/></media:group>
        <description><![CDATA[<p>Look <img src="/img/4.jpg"> and <img src="javascript:alert(1)">
          and again <img src="%1$s/img/1.jpg"></p>]]></description>
      </item>
      """;

  private static final String ITEM_TWO =
      """
      <item>
        <title>Bishop sleeves</title>
        <link>%1$s/posts/2</link>
        <guid>post-2</guid>
        <dc:creator>spammer_1</dc:creator>
        <content:encoded><![CDATA[<img src="img/5.jpg">]]></content:encoded>
      </item>
      """;

  @Test
  void rssItemsGiveTheirImagesOnceWithCreditAndAreDownloaded() throws Exception {
    serve("/feed.xml", "application/rss+xml", rss(ITEM_ONE.formatted(base())));
    kit.sources.sync(List.of("feed:" + base() + "/feed.xml"));

    CrawlService.Report first = kit.crawl.run();

    assertThat(first.errors()).isEmpty();
    assertThat(kit.all())
        .extracting(Candidate::sourceUrl)
        .containsExactly(
            base() + "/img/1.jpg",
            base() + "/img/2.jpg",
            base() + "/img/3.jpg",
            base() + "/img/4.jpg");
    Candidate c = kit.all().get(0);
    assertThat(c.pageUrl()).isEqualTo(base() + "/posts/1");
    assertThat(c.author()).isEqualTo("Ada");
    assertThat(c.title()).isEqualTo("Puff sleeves & more");
    assertThat(c.externalId()).isEqualTo("post-1");

    // A new item, and a blocked author: only the new item is read, the blocked one is left out.
    db.update(
        "INSERT INTO blocklist (kind, block_value, added_by, added_at) VALUES ('USER',"
            + " 'spammer_1', 'mod', CURRENT_TIMESTAMP)");
    serve(
        "/feed.xml",
        "application/rss+xml",
        rss(ITEM_TWO.formatted(base()), ITEM_ONE.formatted(base())));
    CrawlService.Report second = kit.crawl.run();
    assertThat(second.discovered()).isZero();
    assertThat(second.known()).isZero();
    assertThat(second.blocked()).isEqualTo(1);

    kit.downloadAll();
    assertThat(kit.count(CandidateState.DOWNLOADED)).isEqualTo(4);
  }

  @Test
  void atomEntriesGiveEnclosureLinksMediaAndHtmlImages() throws Exception {
    serve(
        "/atom.xml",
        "application/atom+xml",
        """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/">
          <title>Sleeves</title><id>urn:feed</id><updated>2026-12-01T00:00:00Z</updated>
          <entry>
            <title>Bell sleeves</title><id>urn:entry:1</id><updated>2026-12-01T00:00:00Z</updated>
            <author><name>Grace</name></author>
            <link rel="alternate" href="%1$s/posts/a"/>
            <link rel="enclosure" type="image/jpeg" href="%1$s/img/6.jpg"/>
            <media:content url="%1$s/img/7.jpg" medium="image"/>
            <content type="html">&lt;img src="/img/8.jpg"&gt;</content>
          </entry>
        </feed>
        """
            .formatted(base()));
    kit.sources.sync(List.of("feed:" + base() + "/atom.xml"));

    kit.crawl.run();

    assertThat(kit.all())
        .extracting(Candidate::sourceUrl)
        .containsExactly(base() + "/img/6.jpg", base() + "/img/7.jpg", base() + "/img/8.jpg");
    assertThat(kit.all())
        .allSatisfy(
            c -> {
              assertThat(c.author()).isEqualTo("Grace");
              assertThat(c.pageUrl()).isEqualTo(base() + "/posts/a");
              assertThat(c.externalId()).isEqualTo("urn:entry:1");
            });
  }

  @Test
  void aFeedThatIsNotAFeedOrPointsInsideFailsAloneWithItsReason() throws Exception {
    serve("/page.html", "text/html", "<!doctype html><html><body>hello</body></html>");
    serve("/feed.xml", "application/rss+xml", rss(ITEM_TWO.formatted(base())));
    kit.sources.sync(
        List.of(
            "feed:" + base() + "/page.html",
            "feed:http://10.20.30.40/feed.xml",
            "feed:" + base() + "/missing.xml",
            "feed:" + base() + "/feed.xml"));

    CrawlService.Report report = kit.crawl.run();

    assertThat(report.discovered()).isEqualTo(1);
    assertThat(report.errors()).hasSize(3);
    assertThat(String.join("\n", report.errors()))
        .contains("is not RSS or Atom")
        .contains("SSRF_BLOCKED")
        .contains("HTTP_404");
  }
}
