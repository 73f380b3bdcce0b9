package dev.nichebot.app;

import dev.nichebot.config.BotConfig;
import dev.nichebot.crawl.CrawlService;
import dev.nichebot.crawl.CrawlSettings;
import dev.nichebot.crawl.DownloadService;
import dev.nichebot.crawl.ImageIntake;
import dev.nichebot.crawl.ImageTable;
import dev.nichebot.crawl.SourceTable;
import dev.nichebot.crawl.dedup.MultiIndexHashIndex;
import dev.nichebot.crawl.download.DownloaderConfig;
import dev.nichebot.crawl.download.SafeDownloader;
import dev.nichebot.crawl.image.ImageLimits;
import dev.nichebot.crawl.image.ImageProbe;
import dev.nichebot.crawl.source.SourceFactory;
import dev.nichebot.crawl.storage.ImageStore;
import dev.nichebot.domain.Stage;
import dev.nichebot.reddit.RedditPostSource;
import dev.nichebot.schedule.StageDefinition;
import dev.nichebot.schedule.StageResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Crawling: the CRAWL stage ({@code crawl.cron}) reads the enabled sources into DISCOVERED
 * candidates; the DOWNLOAD stage ({@code crawl.download-cron}) fetches, checks, stores and
 * de-duplicates them. At start-up {@code crawl.sources} is brought into the {@code sources} table,
 * temporary files a crash left in the image store are removed, and the hash index is loaded.
 */
public final class CrawlFeature implements Feature {
  private static final Logger log = LoggerFactory.getLogger(CrawlFeature.class);

  /** The crawl's parts, shared by the stages and {@code nichebot crawl --once}. */
  public record Parts(
      SourceTable sources, CrawlService crawl, DownloadService download, ImageStore store) {}

  private final Core core;
  private final Parts parts;

  CrawlFeature(Core core) {
    this.core = core;
    this.parts = parts(core, Path.of("").toAbsolutePath());
  }

  /**
   * Builds the crawl on a core.
   *
   * @param workingDir what relative {@code folder:} and {@code urls:} paths are relative to
   */
  public static Parts parts(Core core, Path workingDir) {
    BotConfig.Crawl c = core.config().crawl();
    CrawlSettings settings =
        new CrawlSettings(
            c.batchSize(),
            c.concurrency(),
            c.maxAttempts(),
            c.retryBackoff(),
            c.dedupDistance(),
            c.dedupSimilarity(),
            c.firstRunPages(),
            workingDir);
    SafeDownloader downloader = SafeDownloader.create(core.http(), downloaderConfig(c));
    ImageStore store = new ImageStore(core.config().imagesDir());
    ImageIntake intake =
        new ImageIntake(downloader, new ImageProbe(ImageLimits.ofMaxPixels(c.maxPixels())), store);
    SourceTable sources = new SourceTable(core.db(), core.clock());
    SourceFactory factory =
        new SourceFactory(
            workingDir,
            core.reddit().map(r -> (RedditPostSource) r),
            downloader,
            c.firstRunPages());
    CrawlService crawl = new CrawlService(core.db(), core.candidates(), sources, factory);
    DownloadService download =
        new DownloadService(
            core.db(),
            core.candidates(),
            new ImageTable(core.db(), core.clock()),
            sources,
            intake,
            new MultiIndexHashIndex(),
            settings,
            core.clock());
    return new Parts(sources, crawl, download, store);
  }

  static DownloaderConfig downloaderConfig(BotConfig.Crawl c) {
    return DownloaderConfig.builder()
        .maxBytes(c.maxBytes())
        .maxRedirects(c.maxRedirects())
        .connectTimeout(c.connectTimeout())
        .readTimeout(c.readTimeout())
        .callTimeout(c.readTimeout().plus(c.connectTimeout()).multipliedBy(2))
        .concurrency(c.concurrency())
        .perHostConcurrency(c.perHostConcurrency())
        .perHostDelay(c.perHostDelay())
        .allowHosts(new HashSet<>(c.allowHosts()))
        .userAgent(c.userAgent().isBlank() ? "nichebot/" + Version.get() : c.userAgent())
        .build();
  }

  public Parts parts() {
    return parts;
  }

  @Override
  public void recover() throws Exception {
    parts.sources().sync(core.config().crawl().sources());
    int removed = parts.store().removeStaleTemporaryFiles(Duration.ofMinutes(10));
    if (removed > 0) {
      log.info("crawl: removed {} temporary file(s) an interrupted download left", removed);
    }
    parts.download().loadIndex();
  }

  @Override
  public List<StageDefinition> stages() {
    BotConfig.Crawl c = core.config().crawl();
    return List.of(
        StageDefinition.of(
            Stage.CRAWL,
            c.cron(),
            () -> {
              CrawlService.Report r = parts.crawl().run();
              if (!r.errors().isEmpty() && r.errors().size() == r.sources()) {
                // Every source failed: the run shows as failed, with why.
                throw new IllegalStateException(r.summary());
              }
              return StageResult.of(r.discovered(), r.summary());
            }),
        StageDefinition.of(
            Stage.DOWNLOAD,
            c.downloadCron(),
            () -> {
              DownloadService.Report r = parts.download().run(DownloadService.Progress.none());
              return r.total() == 0 ? StageResult.idle() : StageResult.of(r.total(), r.summary());
            }));
  }
}
