package dev.nichebot.crawl;

import dev.nichebot.crawl.dedup.MultiIndexHashIndex;
import dev.nichebot.crawl.dedup.Thumbnail;
import dev.nichebot.crawl.download.DownloaderConfig;
import dev.nichebot.crawl.download.SafeDownloader;
import dev.nichebot.crawl.image.ImageLimits;
import dev.nichebot.crawl.image.ImageProbe;
import dev.nichebot.crawl.source.SourceFactory;
import dev.nichebot.crawl.storage.ImageStore;
import dev.nichebot.crawl.testing.LoopbackOnlySocketFactory;
import dev.nichebot.domain.Candidate;
import dev.nichebot.domain.CandidateState;
import dev.nichebot.store.CandidateStore;
import dev.nichebot.store.Database;
import dev.nichebot.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import okhttp3.OkHttpClient;

/** A crawl on a database, an image store in a temporary folder and a loopback-only HTTP client. */
final class CrawlKit {
  final Database db;
  final MutableClock clock = MutableClock.at("2026-12-04T08:00:00Z");
  final Path dir;
  final LoopbackOnlySocketFactory sockets = new LoopbackOnlySocketFactory();
  final OkHttpClient http;
  final CandidateStore candidates;
  final SourceTable sources;
  final ImageTable images;
  final ImageStore store;
  CrawlSettings settings;
  int dedupDistance = 8;
  double dedupSimilarity = Thumbnail.DEFAULT_MIN_SIMILARITY;
  dev.nichebot.reddit.RedditPostSource reddit;
  CrawlService crawl;
  DownloadService download;

  CrawlKit(Database db, Path dir) {
    this.db = db;
    this.dir = dir;
    this.http = new OkHttpClient.Builder().socketFactory(sockets).build();
    this.candidates = new CandidateStore(db, clock);
    this.sources = new SourceTable(db, clock);
    this.images = new ImageTable(db, clock);
    this.store = new ImageStore(dir.resolve("images"));
    settings(1, 3);
  }

  /** (Re)builds the services, as a restart does: a fresh, empty hash index. */
  CrawlKit settings(int concurrency, int maxAttempts) {
    settings =
        new CrawlSettings(
            100,
            concurrency,
            maxAttempts,
            Duration.ofMinutes(5),
            dedupDistance,
            dedupSimilarity,
            2,
            dir);
    SafeDownloader downloader =
        SafeDownloader.create(
            http,
            DownloaderConfig.builder()
                .allowHosts(Set.of("127.0.0.1", "localhost"))
                .maxBytes(2_000_000)
                .readTimeout(Duration.ofMillis(800))
                .perHostDelay(Duration.ZERO)
                .build());
    ImageIntake intake =
        new ImageIntake(downloader, new ImageProbe(ImageLimits.ofMaxPixels(20_000_000)), store);
    crawl =
        new CrawlService(
            db,
            candidates,
            sources,
            new SourceFactory(dir, java.util.Optional.ofNullable(reddit), downloader, 2));
    download =
        new DownloadService(
            db, candidates, images, sources, intake, new MultiIndexHashIndex(), settings, clock);
    return this;
  }

  DownloadService.Report downloadAll() throws InterruptedException {
    return download.run(DownloadService.Progress.none());
  }

  List<Candidate> all() {
    return candidates.where("1 = 1 ORDER BY id");
  }

  Candidate byUrlEnding(String suffix) {
    return all().stream()
        .filter(c -> c.sourceUrl().endsWith(suffix))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no candidate ending " + suffix + " in " + all()));
  }

  long count(CandidateState state) {
    return candidates.count(state);
  }

  Path imagePath(long imageId) {
    String rel =
        db.queryOne("SELECT path FROM images WHERE id = ?", rs -> rs.getString(1), imageId)
            .orElseThrow();
    return store.root().resolve(rel);
  }
}
