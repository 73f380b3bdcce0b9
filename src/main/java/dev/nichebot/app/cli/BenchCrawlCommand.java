package dev.nichebot.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.nichebot.app.bench.ImageTransforms;
import dev.nichebot.app.bench.PhotoSet;
import dev.nichebot.app.bench.SceneRenderer;
import dev.nichebot.app.bench.Stats;
import dev.nichebot.config.BotConfig;
import dev.nichebot.config.Secret;
import dev.nichebot.crawl.CrawlSettings;
import dev.nichebot.crawl.DownloadService;
import dev.nichebot.crawl.FailureReason;
import dev.nichebot.crawl.ImageIntake;
import dev.nichebot.crawl.ImageTable;
import dev.nichebot.crawl.IntakeResult;
import dev.nichebot.crawl.SourceTable;
import dev.nichebot.crawl.dedup.MultiIndexHashIndex;
import dev.nichebot.crawl.dedup.PerceptualHash;
import dev.nichebot.crawl.download.DownloadResult;
import dev.nichebot.crawl.download.DownloaderConfig;
import dev.nichebot.crawl.download.SafeDownloader;
import dev.nichebot.crawl.image.ImageLimits;
import dev.nichebot.crawl.image.ImageProbe;
import dev.nichebot.crawl.storage.ImageStore;
import dev.nichebot.domain.NewCandidate;
import dev.nichebot.store.CandidateStore;
import dev.nichebot.store.Database;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import okhttp3.OkHttpClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nichebot bench crawl}: download + check + hash + store throughput of the real pipeline
 * ({@link SafeDownloader}, {@link ImageProbe}, perceptual and SHA-256 hashing, {@link ImageStore})
 * against an HTTP server on 127.0.0.1 serving JPEGs of about 300 KB.
 */
@Command(
    name = "crawl",
    mixinStandardHelpOptions = true,
    description = {
      "Measures download + check + hash + store throughput against a local HTTP server on",
      "127.0.0.1 serving JPEGs cut from the Debian wallpaper photographs (or rendered ones)."
    })
public final class BenchCrawlCommand implements Callable<Integer> {

  @Option(names = "--images", defaultValue = "1000", description = "Images served and fetched.")
  int images;

  @Option(
      names = "--concurrency",
      description = "Downloads in flight (default: crawl.concurrency's default, ${DEFAULT-VALUE}).")
  int concurrency = DownloaderConfig.DEFAULT_CONCURRENCY;

  @Option(
      names = "--width",
      defaultValue = "1600",
      description = "Width of the served JPEGs (height 3/4 of it; default ${DEFAULT-VALUE}).")
  int width;

  @Option(
      names = "--quality",
      defaultValue = "0.92",
      description = "JPEG quality of the files (0.92 at 1600 wide: about 300 KB).")
  float quality;

  @Option(names = "--photos", paramLabel = "PATH", description = "Photo files or directories.")
  List<Path> photos = new ArrayList<>();

  @Option(names = "--render", description = "Serve rendered pictures instead of photographs.")
  boolean render;

  @Option(
      names = "--work-dir",
      description = "Directory in which a fresh image store is made (default: the temp dir).")
  Path workDir;

  @Option(names = "--keep", description = "Keep the stored images afterwards.")
  boolean keep;

  @Option(
      names = "--stage",
      negatable = true,
      defaultValue = "true",
      description = "Also run the DOWNLOAD stage itself on the same images (default: yes).")
  boolean stage;

  @Option(names = "--seed", defaultValue = "7", description = "Random seed.")
  long seed;

  @Option(names = "--json", description = "Print one JSON object instead of a table.")
  boolean json;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    int cores = Runtime.getRuntime().availableProcessors();
    List<Path> files = render ? List.of() : PhotoSet.files(photos);
    if (!json) {
      out.printf(
          "Preparing %d JPEGs of %dx%d from %s ...%n",
          images,
          width,
          width * 3 / 4,
          files.isEmpty() ? "rendered pictures" : files.size() + " photographs");
      out.flush();
    }
    List<byte[]> bodies = prepare(files);
    long totalBytes = bodies.stream().mapToLong(b -> b.length).sum();

    // A fresh directory of our own, inside --work-dir if given: only it is ever deleted.
    Path root =
        workDir != null
            ? Files.createTempDirectory(Files.createDirectories(workDir), "nichebot-bench-crawl-")
            : Files.createTempDirectory("nichebot-bench-crawl-");
    HttpServer server = serve(bodies);
    String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/img/";
    OkHttpClient client = new OkHttpClient();
    Map<String, Object> report = new LinkedHashMap<>();
    try {
      // One host serves everything, so per-host politeness is lifted to the overall limit:
      // with the defaults (2 per host, 250 ms apart) the bench would measure the sleep.
      DownloaderConfig config =
          DownloaderConfig.builder()
              .allowHosts(Set.of("127.0.0.1"))
              .concurrency(concurrency)
              .perHostConcurrency(concurrency)
              .perHostDelay(Duration.ZERO)
              .build();
      SafeDownloader downloader = SafeDownloader.create(client, config);
      ImageProbe probe = new ImageProbe(ImageLimits.defaults());

      // Warm-up (JIT, connection pool) into a throwaway store.
      Path warmRoot = root.resolve("warmup");
      run(
          new ImageIntake(downloader, probe, new ImageStore(warmRoot)),
          downloader,
          base,
          Math.min(100, images));
      deleteTree(warmRoot);

      ImageStore store = new ImageStore(root.resolve("images"));
      ImageIntake intake = new ImageIntake(downloader, probe, store);
      long t0 = System.nanoTime();
      Run run = run(intake, downloader, base, images);
      double seconds = (System.nanoTime() - t0) / 1e9;
      long storedFiles;
      try (Stream<Path> walk = Files.walk(store.root())) {
        storedFiles = walk.filter(Files::isRegularFile).count();
      }

      report.put("images", images);
      report.put("stored", run.ok);
      report.put("storedFiles", storedFiles);
      Map<String, Integer> failures = new LinkedHashMap<>();
      run.failures.forEach((k, v) -> failures.put(k.name(), v));
      report.put("failures", failures);
      report.put("meanKb", Math.round(totalBytes / 1024.0 / images));
      report.put("size", width + "x" + (width * 3 / 4));
      report.put("source", files.isEmpty() ? "rendered" : "photographs");
      report.put("concurrency", concurrency);
      report.put("cores", cores);
      report.put("seconds", round(seconds, 2));
      report.put("imagesPerSecond", round(run.ok / seconds, 1));
      report.put("mbPerSecond", round(totalBytes / 1048576.0 / seconds, 1));
      report.put("downloadMeanMs", round(Stats.of(run.download).meanMs(), 2));
      report.put("checkAndHashMeanMs", round(Stats.of(run.inspect).meanMs(), 2));
      report.put("storeMeanMs", round(Stats.of(run.store).meanMs(), 2));
      Stats total = Stats.of(run.total);
      report.put("perImageMedianMs", round(total.medianMs(), 2));
      report.put("perImageP99Ms", round(total.p99Ms(), 2));
      if (stage) {
        report.putAll(stage(downloader, probe, root.resolve("stage"), base));
      }
    } finally {
      server.stop(0);
      client.dispatcher().executorService().shutdown();
      client.connectionPool().evictAll();
      if (!keep) {
        deleteTree(root);
      }
    }

    if (json) {
      out.println(new ObjectMapper().writeValueAsString(report));
    } else {
      print(out, report, keep ? root : null);
    }
    out.flush();
    return 0;
  }

  /**
   * The DOWNLOAD stage itself on the same images: DISCOVERED candidates in an H2 file database,
   * downloaded, checked against the hash index, stored, each with its images row and state change.
   */
  private Map<String, Object> stage(
      SafeDownloader downloader, ImageProbe probe, Path dir, String base) throws Exception {
    Map<String, Object> out = new LinkedHashMap<>();
    java.time.Clock clock = java.time.Clock.systemUTC();
    try (Database db =
        Database.open(
            new BotConfig.Store(
                "jdbc:h2:async:" + dir.resolve("db").resolve("nichebot").toAbsolutePath(),
                "",
                Secret.empty(),
                concurrency + 2,
                Duration.ofSeconds(10)))) {
      db.migrate();
      CandidateStore candidates = new CandidateStore(db, clock);
      for (int i = 0; i < images; i++) {
        candidates.discover(NewCandidate.of(null, base + i + ".jpg"));
      }
      DownloadService download =
          new DownloadService(
              db,
              candidates,
              new ImageTable(db, clock),
              new SourceTable(db, clock),
              new ImageIntake(downloader, probe, new ImageStore(dir.resolve("images"))),
              new MultiIndexHashIndex(),
              new CrawlSettings(
                  images,
                  concurrency,
                  3,
                  Duration.ofMinutes(5),
                  PerceptualHash.DEFAULT_DUPLICATE_DISTANCE,
                  dev.nichebot.crawl.dedup.Thumbnail.DEFAULT_MIN_SIMILARITY,
                  1,
                  dir),
              clock);
      download.loadIndex();
      long t0 = System.nanoTime();
      DownloadService.Report r = download.run(DownloadService.Progress.none());
      double seconds = (System.nanoTime() - t0) / 1e9;
      out.put("stageSeconds", round(seconds, 2));
      out.put("stageImagesPerSecond", round(r.total() / seconds, 1));
      out.put("stageDownloaded", r.count(DownloadService.Outcome.DOWNLOADED));
      out.put("stageDuplicate", r.count(DownloadService.Outcome.DUPLICATE));
      out.put("stageFailed", r.count(DownloadService.Outcome.FAILED));
    }
    return out;
  }

  private static final class Run {
    int ok;
    final Map<FailureReason, Integer> failures = new EnumMap<>(FailureReason.class);
    long[] download;
    long[] inspect;
    long[] store;
    long[] total;
  }

  /** Fetches base0..base(n-1) with {@code concurrency} workers, timing each step. */
  private Run run(ImageIntake intake, SafeDownloader downloader, String base, int n)
      throws Exception {
    Run run = new Run();
    run.download = new long[n];
    run.inspect = new long[n];
    run.store = new long[n];
    run.total = new long[n];
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    try {
      List<Future<FailureReason>> results = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int index = i;
        results.add(
            pool.submit(
                () -> {
                  long a = System.nanoTime();
                  DownloadResult d = downloader.download(base + index + ".jpg");
                  long b = System.nanoTime();
                  run.download[index] = b - a;
                  if (d instanceof DownloadResult.Failed f) {
                    run.total[index] = b - a;
                    return f.reason();
                  }
                  DownloadResult.Downloaded ok = (DownloadResult.Downloaded) d;
                  IntakeResult r = intake.inspect(ok.body(), ok.finalUrl(), ok.contentType());
                  long c = System.nanoTime();
                  run.inspect[index] = c - b;
                  if (r instanceof IntakeResult.Rejected rejected) {
                    run.total[index] = c - a;
                    return rejected.reason();
                  }
                  try {
                    intake.store((IntakeResult.Accepted) r);
                  } catch (IOException e) {
                    return FailureReason.STORE_FAILED;
                  } finally {
                    long e = System.nanoTime();
                    run.store[index] = e - c;
                    run.total[index] = e - a;
                  }
                  return null;
                }));
      }
      for (Future<FailureReason> f : results) {
        FailureReason reason = f.get();
        if (reason == null) {
          run.ok++;
        } else {
          run.failures.merge(reason, 1, Integer::sum);
        }
      }
    } finally {
      pool.shutdownNow();
    }
    return run;
  }

  /** JPEGs of random windows of the photographs (or rendered scenes), all different. */
  private List<byte[]> prepare(List<Path> files) throws Exception {
    int height = width * 3 / 4;
    byte[][] bodies = new byte[images][];
    ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
    try {
      List<Future<?>> jobs = new ArrayList<>();
      int groups = files.isEmpty() ? Math.max(1, images / 20) : files.size();
      for (int g = 0; g < groups; g++) {
        int group = g;
        jobs.add(
            pool.submit(
                () -> {
                  Random random = new Random(seed * 7919 + group);
                  BufferedImage source =
                      files.isEmpty()
                          ? SceneRenderer.render(width * 2, height * 2, seed * 31 + group)
                          : PhotoSet.read(files.get(group), width * 2);
                  for (int i = group; i < images; i += groups) {
                    bodies[i] =
                        ImageTransforms.jpeg(window(source, width, height, random), quality);
                  }
                  return null;
                }));
      }
      for (Future<?> job : jobs) {
        job.get();
      }
    } finally {
      pool.shutdownNow();
    }
    return List.of(bodies);
  }

  /** A random window of at least half the picture, scaled to width × height. */
  private static BufferedImage window(BufferedImage src, int width, int height, Random random) {
    double aspect = (double) width / height;
    int maxW = Math.min(src.getWidth(), (int) (src.getHeight() * aspect));
    int w = maxW / 2 + random.nextInt(Math.max(1, maxW / 2));
    int h = (int) (w / aspect);
    int x = random.nextInt(Math.max(1, src.getWidth() - w + 1));
    int y = random.nextInt(Math.max(1, src.getHeight() - h + 1));
    BufferedImage cut = src.getSubimage(x, y, w, h);
    return ImageTransforms.resize(cut, (double) width / w);
  }

  private static HttpServer serve(List<byte[]> bodies) throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 128);
    server.createContext(
        "/img/",
        exchange -> {
          try (exchange) {
            String name = exchange.getRequestURI().getPath().substring("/img/".length());
            int index;
            try {
              index = Integer.parseInt(name.replace(".jpg", ""));
            } catch (NumberFormatException e) {
              index = -1;
            }
            if (index < 0 || index >= bodies.size()) {
              exchange.sendResponseHeaders(404, -1);
              return;
            }
            byte[] body = bodies.get(index);
            exchange.getResponseHeaders().set("Content-Type", "image/jpeg");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream os = exchange.getResponseBody()) {
              os.write(body);
            }
          }
        });
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.start();
    return server;
  }

  @SuppressWarnings("unchecked")
  private void print(PrintWriter out, Map<String, Object> r, Path kept) {
    out.println();
    out.printf(
        "Crawl throughput: %s images (%s, %s, mean %s KB) from http://127.0.0.1, %s in flight, %s cores%n",
        r.get("images"),
        r.get("source"),
        r.get("size"),
        r.get("meanKb"),
        r.get("concurrency"),
        r.get("cores"));
    out.printf("%-34s %12s%n", "metric", "value");
    row(out, "images per second", r.get("imagesPerSecond"));
    row(out, "MB per second", r.get("mbPerSecond"));
    row(out, "wall time (s)", r.get("seconds"));
    row(out, "stored / files on disk", r.get("stored") + " / " + r.get("storedFiles"));
    row(
        out,
        "failures",
        ((Map<String, Object>) r.get("failures")).isEmpty() ? "none" : r.get("failures"));
    row(out, "download, mean ms per image", r.get("downloadMeanMs"));
    row(out, "check + decode + hash, mean ms", r.get("checkAndHashMeanMs"));
    row(out, "store (write, fsync, rename), mean ms", r.get("storeMeanMs"));
    row(out, "per image median ms", r.get("perImageMedianMs"));
    row(out, "per image p99 ms", r.get("perImageP99Ms"));
    if (r.containsKey("stageImagesPerSecond")) {
      out.println("DOWNLOAD stage (candidates in H2, dedup index, images rows, state changes):");
      row(out, "candidates per second", r.get("stageImagesPerSecond"));
      row(out, "wall time (s)", r.get("stageSeconds"));
      row(
          out,
          "downloaded / duplicate / failed",
          r.get("stageDownloaded")
              + " / "
              + r.get("stageDuplicate")
              + " / "
              + r.get("stageFailed"));
    }
    if (kept != null) {
      out.println("images kept in " + kept);
    }
  }

  private static void row(PrintWriter out, String name, Object value) {
    out.printf(Locale.ROOT, "%-34s %12s%n", name, value);
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static double round(double value, int digits) {
    double f = Math.pow(10, digits);
    return Math.round(value * f) / f;
  }
}
