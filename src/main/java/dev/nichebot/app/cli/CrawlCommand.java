package dev.nichebot.app.cli;

import dev.nichebot.app.Core;
import dev.nichebot.app.CrawlFeature;
import dev.nichebot.app.Main;
import dev.nichebot.config.BotConfig;
import dev.nichebot.config.LoadedConfig;
import dev.nichebot.crawl.CrawlService;
import dev.nichebot.crawl.DownloadService;
import dev.nichebot.crawl.SourceTable;
import dev.nichebot.domain.CandidateState;
import dev.nichebot.domain.PauseSwitch;
import dev.nichebot.reddit.RedditClient;
import dev.nichebot.store.DataDirLock;
import dev.nichebot.store.Database;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "crawl",
    description = {
      "Read every enabled source once (--once), then download everything discovered, with a"
          + " progress bar on stderr.",
      "Without --once: the sources and what waits. Refuses while the bot is running (it crawls"
          + " on crawl.cron): two crawlers would download the same images."
    })
public final class CrawlCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--once", description = "Crawl all sources and download what they offer, now.")
  boolean once;

  @Override
  public Integer call() throws Exception {
    Main main = (Main) spec.root().userObject();
    LoadedConfig loaded = CliSupport.config(spec);
    BotConfig config = loaded.config();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (DataDirLock lock = DataDirLock.acquire(config.dataDir());
        Database db = CliSupport.database(loaded)) {
      Clock clock = Clock.systemUTC();
      Core core =
          Core.create(config, clock, db, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
      try {
        CrawlFeature.Parts crawl = CrawlFeature.parts(core, main.workingDir());
        crawl.sources().sync(config.crawl().sources());
        if (!once) {
          printSources(crawl.sources(), core, out);
          return 0;
        }
        if (core.botState().isPaused(PauseSwitch.CRAWL)) {
          err.println("nichebot: crawling is paused; resume it first");
          err.flush();
          return 1;
        }
        crawl.store().removeStaleTemporaryFiles(Duration.ofMinutes(10));
        CrawlService.Report found = crawl.crawl().run();
        out.println("crawl: " + found.summary());
        out.flush();
        Map<DownloadService.Outcome, Integer> totals = downloadAll(crawl, core, err);
        out.println("download: " + summary(totals));
        out.println(
            "waiting: "
                + core.candidates().count(CandidateState.DISCOVERED)
                + " to download (retries later), "
                + core.candidates().count(CandidateState.DOWNLOADED)
                + " downloaded for the classifier");
        Map<String, Long> failures = core.candidates().failuresByReason();
        if (!failures.isEmpty()) {
          out.println("failed candidates by reason: " + failures);
        }
        out.flush();
        return found.sources() > 0 && found.errors().size() == found.sources() ? 1 : 0;
      } finally {
        core.reddit().ifPresent(RedditClient::close);
        core.http().dispatcher().executorService().shutdown();
        core.http().connectionPool().evictAll();
      }
    }
  }

  /** Downloads batch after batch until nothing due is left. */
  private static Map<DownloadService.Outcome, Integer> downloadAll(
      CrawlFeature.Parts crawl, Core core, PrintWriter err) throws InterruptedException {
    int total = core.candidates().dueInState(CandidateState.DISCOVERED, Integer.MAX_VALUE).size();
    Map<DownloadService.Outcome, Integer> totals = new EnumMap<>(DownloadService.Outcome.class);
    ProgressBar bar = new ProgressBar(err, total);
    int before = 0;
    while (true) {
      final int offset = before;
      DownloadService.Report r = crawl.download().run((done, batch) -> bar.show(offset + done));
      if (r.total() == 0) {
        break;
      }
      r.outcomes().forEach((k, v) -> totals.merge(k, v, Integer::sum));
      before += r.total();
    }
    bar.finish();
    return totals;
  }

  private static String summary(Map<DownloadService.Outcome, Integer> totals) {
    if (totals.isEmpty()) {
      return "nothing to download";
    }
    StringBuilder s = new StringBuilder();
    totals.forEach(
        (k, v) ->
            s.append(s.length() == 0 ? "" : ", ")
                .append(v)
                .append(' ')
                .append(k.name().toLowerCase(java.util.Locale.ROOT)));
    return s.toString();
  }

  private static void printSources(SourceTable sources, Core core, PrintWriter out) {
    out.println("Sources");
    if (sources.all().isEmpty()) {
      out.println("  (none: set crawl.sources, or a moderator sends 'source add ...')");
    }
    for (SourceTable.Row r : sources.all()) {
      out.printf(
          "  %-9s %-50s %-10s last crawled %s%n",
          r.enabled() ? "enabled" : "removed",
          r.spec(),
          r.origin(),
          r.lastCrawledAt() == null ? "never" : r.lastCrawledAt().toString());
      if (r.lastError() != null) {
        out.printf("            last error: %s%n", r.lastError());
      }
    }
    out.printf("%nwaiting to download: %d%n", core.candidates().count(CandidateState.DISCOVERED));
    out.flush();
  }

  /** A one-line bar redrawn in place ({@code \r}); plain lines when there is nothing to draw. */
  static final class ProgressBar {
    private static final int WIDTH = 30;
    private final PrintWriter err;
    private final int total;
    private int shown = -1;

    ProgressBar(PrintWriter err, int total) {
      this.err = err;
      this.total = total;
    }

    synchronized void show(int done) {
      if (total == 0 || done == shown) {
        return;
      }
      shown = done;
      int d = Math.min(done, total);
      int filled = (int) ((long) WIDTH * d / total);
      err.print(
          "\rdownloading ["
              + "#".repeat(filled)
              + ".".repeat(WIDTH - filled)
              + "] "
              + d
              + "/"
              + total);
      err.flush();
    }

    synchronized void finish() {
      if (shown >= 0) {
        err.println();
        err.flush();
      }
    }
  }
}
