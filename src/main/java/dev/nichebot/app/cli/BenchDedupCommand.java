package dev.nichebot.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.nichebot.app.bench.Heap;
import dev.nichebot.app.bench.ImageTransforms;
import dev.nichebot.app.bench.PhotoSet;
import dev.nichebot.app.bench.SceneRenderer;
import dev.nichebot.app.bench.Stats;
import dev.nichebot.crawl.dedup.BkTreeHashIndex;
import dev.nichebot.crawl.dedup.HashIndex;
import dev.nichebot.crawl.dedup.HashMatch;
import dev.nichebot.crawl.dedup.MultiIndexHashIndex;
import dev.nichebot.crawl.dedup.PerceptualHash;
import dev.nichebot.crawl.image.ImageLimits;
import dev.nichebot.crawl.image.ImageProbe;
import dev.nichebot.crawl.image.ImageRejectedException;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.lang.ref.Reference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nichebot bench dedup}: how well the perceptual hash recognises edited copies of real
 * photographs and tells distinct ones apart, and how fast and small the hash index is at a million
 * entries.
 */
@Command(
    name = "dedup",
    mixinStandardHelpOptions = true,
    description = {
      "Measures duplicate detection: recall per edit (resize, re-encode, crop, mirror, brighten),",
      "false matches between distinct pictures, and look-up time and memory of the hash index.",
      "Photographs come from Debian packages (apt-get install lomiri-wallpapers-16.04",
      "lomiri-wallpapers-20.04 mate-backgrounds plasma-workspace-wallpapers) or --photos."
    })
public final class BenchDedupCommand implements Callable<Integer> {

  @Option(
      names = "--photos",
      paramLabel = "PATH",
      description = "Photo files or directories (default: the Debian wallpaper photographs).")
  List<Path> photos = new ArrayList<>();

  @Option(
      names = "--tiles",
      defaultValue = "2",
      description = "Cut each photo into N×N distinct pictures (default ${DEFAULT-VALUE}).")
  int tiles;

  @Option(
      names = "--max-side",
      defaultValue = "2560",
      description = "Scale photos down to this longer side first (default ${DEFAULT-VALUE}).")
  int maxSide;

  @Option(
      names = "--render",
      defaultValue = "0",
      description = "Use N rendered pictures instead of photographs (also the fallback).")
  int render;

  @Option(
      names = "--distance",
      description =
          "Duplicate threshold in bits (default: the configured default, ${DEFAULT-VALUE}).")
  int distance = PerceptualHash.DEFAULT_DUPLICATE_DISTANCE;

  @Option(
      names = "--index-size",
      defaultValue = "1000000",
      description = "Random hashes in the index (default ${DEFAULT-VALUE}).")
  int indexSize;

  @Option(names = "--queries", defaultValue = "2000", description = "Timed look-ups.")
  int queries;

  @Option(
      names = "--chunks",
      defaultValue = "4",
      description = "Chunks of the multi-index hashing (default ${DEFAULT-VALUE}).")
  int chunks;

  @Option(names = "--skip-pictures", description = "Measure only the index.")
  boolean skipPictures;

  @Option(
      names = "--bk-tree",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description = "Also measure a BK-tree for comparison (default on).")
  boolean bkTree;

  @Option(names = "--threads", description = "Threads for hashing pictures (default: cores).")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(names = "--seed", defaultValue = "42", description = "Random seed.")
  long seed;

  @Option(names = "--json", description = "Print one JSON object instead of tables.")
  boolean json;

  @Spec CommandSpec spec;

  /** The edits measured, with the JPEG quality the copy is saved at. */
  enum Edit {
    RESIZE_50("resize 50%", 0.99, img -> ImageTransforms.resize(img, 0.5), 0.9f),
    RESIZE_25("resize 25%", 0.99, img -> ImageTransforms.resize(img, 0.25), 0.9f),
    JPEG_60("JPEG quality 60", 0.99, img -> img, 0.6f),
    BRIGHTEN_10("brightness +10%", 0.99, img -> ImageTransforms.brighten(img, 1.1), 0.9f),
    MIRROR("mirror", 0.95, ImageTransforms::mirror, 0.9f),
    CROP_5("crop 5% (centred)", 0.95, img -> ImageTransforms.cropCentered(img, 0.05), 0.9f),
    CROP_5_CORNER(
        "crop 5% (one corner)", Double.NaN, img -> ImageTransforms.cropCorner(img, 0.05), 0.9f);

    final String label;
    final double target;
    final UnaryOperator<BufferedImage> apply;
    final float quality;

    Edit(String label, double target, UnaryOperator<BufferedImage> apply, float quality) {
      this.label = label;
      this.target = target;
      this.apply = apply;
      this.quality = quality;
    }
  }

  private record Hashed(PerceptualHash original, PerceptualHash[] copies) {}

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Map<String, Object> report = new LinkedHashMap<>();

    if (!skipPictures) {
      measurePictures(out, report);
    }

    report.put("multiIndex", measureIndex(() -> new MultiIndexHashIndex(chunks), queries, out));
    if (bkTree) {
      report.put("bkTree", measureIndex(BkTreeHashIndex::new, Math.min(queries, 200), out));
    }
    report.put("cores", Runtime.getRuntime().availableProcessors());
    report.put("maxHeapMb", Runtime.getRuntime().maxMemory() / (1024 * 1024));

    if (json) {
      out.println(
          new ObjectMapper()
              .disable(SerializationFeature.INDENT_OUTPUT)
              .writeValueAsString(report));
    } else {
      printIndex(out, report);
    }
    out.flush();
    return 0;
  }

  private void measurePictures(PrintWriter out, Map<String, Object> report) throws Exception {
    List<Path> files = render > 0 ? List.of() : PhotoSet.files(photos);
    String source;
    List<Supplier<List<BufferedImage>>> pictures = new ArrayList<>();
    if (!files.isEmpty()) {
      source =
          files.size()
              + " photographs × "
              + tiles
              + "×"
              + tiles
              + " tiles"
              + (photos.isEmpty() ? " (Debian packages)" : "");
      for (Path f : files) {
        pictures.add(() -> PhotoSetLoader.load(f, maxSide, tiles));
      }
    } else {
      int n = render > 0 ? render : 160;
      source = n + " rendered pictures (no photographs found)";
      for (int i = 0; i < n; i++) {
        long s = seed * 1000 + i;
        pictures.add(() -> List.of(SceneRenderer.render(1280, 800, s)));
      }
    }
    if (!json) {
      out.printf("Hashing %s ...%n", source);
      out.flush();
    }
    long t0 = System.nanoTime();
    List<Hashed> hashed = hashAll(pictures);
    double hashSeconds = (System.nanoTime() - t0) / 1e9;

    report.put("source", source);
    report.put("pictures", hashed.size());
    report.put("distance", distance);
    report.put("hashingSeconds", round(hashSeconds, 1));
    Map<String, Object> recall = new LinkedHashMap<>();
    for (Edit e : Edit.values()) {
      recall.put(key(e), round(recall(hashed, e, distance), 5));
    }
    report.put("recall", recall);
    long[] distinct = falseMatches(hashed, distance);
    report.put("distinctPairs", distinct[1]);
    report.put("distinctPairFalseMatches", distinct[0]);
    report.put("distinctPairFalseMatchRate", rate(distinct));
    long[] cross = crossMatches(hashed, distance);
    report.put("copyVsOtherPairs", cross[1]);
    report.put("copyVsOtherFalseMatches", cross[0]);
    report.put("copyVsOtherFalseMatchRate", rate(cross));
    report.put("sweep", sweep(hashed));

    if (!json) {
      printQuality(out, report, hashed);
      out.flush();
    }
  }

  /** Reading and tiling one photo, kept apart so the lambda above stays readable. */
  private static final class PhotoSetLoader {
    static List<BufferedImage> load(Path file, int maxSide, int tiles) {
      try {
        return PhotoSet.tiles(PhotoSet.read(file, maxSide), tiles);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }

  private List<Hashed> hashAll(List<Supplier<List<BufferedImage>>> pictures) throws Exception {
    ImageProbe probe = new ImageProbe(ImageLimits.defaults());
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
    try {
      List<Future<List<Hashed>>> futures = new ArrayList<>();
      for (Supplier<List<BufferedImage>> picture : pictures) {
        futures.add(
            pool.submit(
                () -> {
                  List<Hashed> result = new ArrayList<>();
                  for (BufferedImage image : picture.get()) {
                    result.add(hashWithCopies(probe, image));
                  }
                  return result;
                }));
      }
      List<Hashed> all = new ArrayList<>();
      for (Future<List<Hashed>> f : futures) {
        all.addAll(f.get());
      }
      return all;
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Hashes a picture and its edited copies the way the crawler would meet them: saved as JPEG, then
   * sniffed, size-checked, decoded (subsampled) and hashed by the production code.
   */
  private static Hashed hashWithCopies(ImageProbe probe, BufferedImage image)
      throws ImageRejectedException {
    PerceptualHash original = hashJpeg(probe, image, 0.92f);
    Edit[] edits = Edit.values();
    PerceptualHash[] copies = new PerceptualHash[edits.length];
    for (int i = 0; i < edits.length; i++) {
      copies[i] = hashJpeg(probe, edits[i].apply.apply(image), edits[i].quality);
    }
    return new Hashed(original, copies);
  }

  private static PerceptualHash hashJpeg(ImageProbe probe, BufferedImage image, float quality)
      throws ImageRejectedException {
    byte[] jpeg = ImageTransforms.jpeg(image, quality);
    return PerceptualHash.of(probe.decode(jpeg).pixels());
  }

  private static double recall(List<Hashed> hashed, Edit edit, int threshold) {
    int found = 0;
    for (Hashed h : hashed) {
      if (h.copies[edit.ordinal()].distanceTo(h.original.hash()) <= threshold) {
        found++;
      }
    }
    return (double) found / hashed.size();
  }

  /** Pairs of distinct pictures where the later one, looked up, would match the earlier one. */
  private static long[] falseMatches(List<Hashed> hashed, int threshold) {
    long matches = 0;
    long pairs = 0;
    for (int j = 0; j < hashed.size(); j++) {
      for (int i = 0; i < j; i++) {
        pairs++;
        if (hashed.get(j).original.distanceTo(hashed.get(i).original.hash()) <= threshold) {
          matches++;
        }
      }
    }
    return new long[] {matches, pairs};
  }

  /** Edited copies of one picture looked up against every other picture's original. */
  private static long[] crossMatches(List<Hashed> hashed, int threshold) {
    long matches = 0;
    long pairs = 0;
    for (int j = 0; j < hashed.size(); j++) {
      for (PerceptualHash copy : hashed.get(j).copies) {
        for (int i = 0; i < hashed.size(); i++) {
          if (i != j) {
            pairs++;
            if (copy.distanceTo(hashed.get(i).original.hash()) <= threshold) {
              matches++;
            }
          }
        }
      }
    }
    return new long[] {matches, pairs};
  }

  private static List<Map<String, Object>> sweep(List<Hashed> hashed) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int t = 4; t <= 18; t += 2) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("distance", t);
      for (Edit e : Edit.values()) {
        row.put(key(e), round(recall(hashed, e, t), 5));
      }
      row.put("distinctPairFalseMatchRate", rate(falseMatches(hashed, t)));
      row.put("copyVsOtherFalseMatchRate", rate(crossMatches(hashed, t)));
      rows.add(row);
    }
    return rows;
  }

  private Map<String, Object> measureIndex(
      Supplier<HashIndex> factory, int queryCount, PrintWriter out) {
    if (!json) {
      out.printf(
          "Building %s with %,d random hashes ...%n",
          factory.get().getClass().getSimpleName(), indexSize);
      out.flush();
    }
    SplittableRandom random = new SplittableRandom(seed);
    int sampleEvery = Math.max(1, indexSize / 4096);
    List<Long> sample = new ArrayList<>();
    long before = Heap.usedAfterGc();
    long t0 = System.nanoTime();
    HashIndex index = factory.get();
    for (int i = 0; i < indexSize; i++) {
      long h = random.nextLong();
      index.add(i, h);
      if (i % sampleEvery == 0) {
        sample.add(h);
      }
    }
    double buildSeconds = (System.nanoTime() - t0) / 1e9;
    long after = Heap.usedAfterGc();
    long bytes = after - before;

    // Half the queries are near a stored hash (as far as the threshold allows: the hardest
    // case that must still be found), half are random (mostly no match: every bucket probed).
    int warmup = Math.min(2000, queryCount);
    int half = queryCount / 2;
    long[][] times = new long[4][half]; // absent 1 hash, absent +mirror, near 1 hash, near +mirror
    int plantedMissed = 0;
    int planted = 0;
    for (int q = -warmup; q < 2 * half; q++) {
      boolean near = (q & 1) == 0;
      // Separate targets for the two measurements, so neither runs on the other's warm cache.
      long target = near ? nearTo(sample, random) : random.nextLong();
      PerceptualHash picture =
          new PerceptualHash(near ? nearTo(sample, random) : random.nextLong(), random.nextLong());
      long s0 = System.nanoTime();
      Optional<HashMatch> plain = index.nearest(target, distance);
      long s1 = System.nanoTime();
      Optional<HashMatch> full = index.nearest(picture, distance);
      long s2 = System.nanoTime();
      if (q >= 0) {
        int row = near ? 2 : 0;
        times[row][q / 2] = s1 - s0;
        times[row + 1][q / 2] = s2 - s1;
        if (near) {
          planted++;
          if (plain.isEmpty() || full.isEmpty()) {
            plantedMissed++;
          }
        }
      }
    }
    Reference.reachabilityFence(index);

    Map<String, Object> result = new LinkedHashMap<>();
    result.put("size", index.size());
    result.put("buildSeconds", round(buildSeconds, 2));
    result.put("heapMb", round(bytes / (1024.0 * 1024.0), 1));
    result.put("queries", 2 * half);
    result.put("newPictureLookup", statsMap(Stats.of(times[0])));
    result.put("newPictureCheck", statsMap(Stats.of(times[1])));
    result.put("nearDuplicateLookup", statsMap(Stats.of(times[2])));
    result.put("nearDuplicateCheck", statsMap(Stats.of(times[3])));
    result.put("plantedNearQueries", planted);
    result.put("plantedMissed", plantedMissed);
    return result;
  }

  /** A stored hash with exactly {@code distance} bits flipped: the farthest that must match. */
  private long nearTo(List<Long> sample, SplittableRandom random) {
    return flipBits(sample.get(random.nextInt(sample.size())), distance, random);
  }

  private static long flipBits(long hash, int bits, SplittableRandom random) {
    long result = hash;
    int flipped = 0;
    while (flipped < bits) {
      long bit = 1L << random.nextInt(64);
      if (((result ^ hash) & bit) == 0) {
        result ^= bit;
        flipped++;
      }
    }
    return result;
  }

  private static Map<String, Object> statsMap(Stats s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("medianMs", round(s.medianMs(), 4));
    m.put("p90Ms", round(s.p90Ms(), 4));
    m.put("p99Ms", round(s.p99Ms(), 4));
    m.put("maxMs", round(s.maxMs(), 4));
    return m;
  }

  @SuppressWarnings("unchecked")
  private void printQuality(PrintWriter out, Map<String, Object> r, List<Hashed> hashed) {
    out.println();
    out.printf(
        "Duplicate detection: %s pictures from %s; duplicate when distance <= %d bits%n",
        r.get("pictures"), r.get("source"), distance);
    out.printf("%-24s %9s %8s%n", "edit", "recall", "target");
    Map<String, Object> recall = (Map<String, Object>) r.get("recall");
    for (Edit e : Edit.values()) {
      double value = (double) recall.get(key(e));
      String target =
          Double.isNaN(e.target) ? "-" : String.format(Locale.ROOT, ">= %.0f%%", e.target * 100);
      String verdict = Double.isNaN(e.target) ? "" : value >= e.target ? "  ok" : "  BELOW";
      out.printf(Locale.ROOT, "%-24s %8.2f%% %8s%s%n", e.label, value * 100, target, verdict);
    }
    double fm = (double) r.get("distinctPairFalseMatchRate");
    out.printf(
        Locale.ROOT,
        "%-24s %8.3f%% %8s%s   (%d of %d pairs)%n",
        "false match, distinct",
        fm * 100,
        "<= 0.1%",
        fm <= 0.001 ? "  ok" : "  ABOVE",
        r.get("distinctPairFalseMatches"),
        r.get("distinctPairs"));
    out.printf(
        Locale.ROOT,
        "%-24s %8.3f%% %8s     (%d of %d pairs)%n",
        "false match, copy/other",
        (double) r.get("copyVsOtherFalseMatchRate") * 100,
        "-",
        r.get("copyVsOtherFalseMatches"),
        r.get("copyVsOtherPairs"));
    out.printf("hashing took %s s (%d threads)%n", r.get("hashingSeconds"), threads);
    out.println();
    out.println("Threshold sweep (recall % per edit; false-match % distinct / copy-vs-other):");
    StringBuilder header = new StringBuilder(String.format("%4s", "d"));
    for (Edit e : Edit.values()) {
      header.append(String.format(" %8s", shortKey(e)));
    }
    header.append(String.format(" %9s %9s", "fm-dist", "fm-copy"));
    out.println(header);
    for (Map<String, Object> row : (List<Map<String, Object>>) r.get("sweep")) {
      StringBuilder line = new StringBuilder(String.format("%4d", (int) row.get("distance")));
      for (Edit e : Edit.values()) {
        line.append(String.format(Locale.ROOT, " %8.2f", (double) row.get(key(e)) * 100));
      }
      line.append(
          String.format(
              Locale.ROOT,
              " %9.4f %9.4f",
              (double) row.get("distinctPairFalseMatchRate") * 100,
              (double) row.get("copyVsOtherFalseMatchRate") * 100));
      out.println(line);
    }
  }

  @SuppressWarnings("unchecked")
  private void printIndex(PrintWriter out, Map<String, Object> r) {
    out.println();
    out.printf(
        "Hash index, %,d random 64-bit hashes, look-ups within %d bits (%s cores, max heap %s MB)%n",
        indexSize, distance, r.get("cores"), r.get("maxHeapMb"));
    out.printf(
        "%-12s %9s %9s %-22s %10s %10s %10s %8s%n",
        "index", "heap MB", "build s", "query", "median ms", "p90 ms", "p99 ms", "missed");
    for (String name : List.of("multiIndex", "bkTree")) {
      Map<String, Object> m = (Map<String, Object>) r.get(name);
      if (m == null) {
        continue;
      }
      boolean first = true;
      for (String op :
          List.of(
              "newPictureLookup", "newPictureCheck", "nearDuplicateLookup", "nearDuplicateCheck")) {
        Map<String, Object> s = (Map<String, Object>) m.get(op);
        out.printf(
            Locale.ROOT,
            "%-12s %9s %9s %-22s %10.4f %10.4f %10.4f %8s%n",
            first ? name : "",
            first ? m.get("heapMb") : "",
            first ? m.get("buildSeconds") : "",
            OPS.get(op),
            (double) s.get("medianMs"),
            (double) s.get("p90Ms"),
            (double) s.get("p99Ms"),
            first ? m.get("plantedMissed") + "/" + m.get("plantedNearQueries") : "");
        first = false;
      }
    }
    out.println("targets: median look-up < 1 ms, heap < 200 MB for 1,000,000 hashes");
  }

  private static final Map<String, String> OPS =
      Map.of(
          "newPictureLookup", "new picture, 1 hash",
          "newPictureCheck", "new picture, +mirror",
          "nearDuplicateLookup", "near dup., 1 hash",
          "nearDuplicateCheck", "near dup., +mirror");

  private static String key(Edit e) {
    return e.name().toLowerCase(Locale.ROOT);
  }

  private static String shortKey(Edit e) {
    return switch (e) {
      case RESIZE_50 -> "rs50";
      case RESIZE_25 -> "rs25";
      case JPEG_60 -> "q60";
      case BRIGHTEN_10 -> "bright";
      case MIRROR -> "mirror";
      case CROP_5 -> "crop";
      case CROP_5_CORNER -> "cropcor";
    };
  }

  private static double rate(long[] matchesAndPairs) {
    return matchesAndPairs[1] == 0 ? 0 : round((double) matchesAndPairs[0] / matchesAndPairs[1], 6);
  }

  private static double round(double value, int digits) {
    double f = Math.pow(10, digits);
    return Math.round(value * f) / f;
  }
}
