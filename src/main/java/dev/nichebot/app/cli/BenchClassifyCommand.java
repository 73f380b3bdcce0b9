package dev.nichebot.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nichebot.classify.Backbone;
import dev.nichebot.classify.Classification;
import dev.nichebot.classify.Classifier;
import dev.nichebot.classify.DjlRuntime;
import dev.nichebot.classify.HeadBundle;
import dev.nichebot.classify.ImagePreprocessor;
import dev.nichebot.classify.ImageSource;
import dev.nichebot.classify.ModelBundles;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nichebot bench classify}: forward-only throughput on preloaded tensors (the limit) beside
 * end-to-end throughput from JPEG files to scores, and peak memory, at several batch sizes.
 */
@Command(
    name = "classify",
    mixinStandardHelpOptions = true,
    description = {
      "Throughput of the classifier: forward-only on preloaded tensors vs end-to-end from",
      "JPEG files (about 1000x800) to scores, at batch sizes 1, 8 and 32, and peak RSS."
    })
public final class BenchClassifyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--model",
      paramLabel = "DIR",
      description = "Signal bundle. Default: ${DEFAULT-VALUE}.")
  Path model = Path.of("models/demo-sleeves");

  @Option(
      names = "--nsfw",
      paramLabel = "DIR",
      description = "NSFW bundle. Default: ${DEFAULT-VALUE}.")
  Path nsfw = Path.of("models/nsfw");

  @Option(
      names = "--images",
      description = "JPEG files per measurement. Default: ${DEFAULT-VALUE}.")
  int images = 64;

  @Option(names = "--batches", split = ",", description = "Batch sizes. Default: 1,8,32.")
  List<Integer> batches = List.of(1, 8, 32);

  @Option(
      names = "--rounds",
      description = "Rounds per measurement; the best counts. Default: ${DEFAULT-VALUE}.")
  int rounds = 3;

  @Option(names = "--json", description = "Print one JSON object instead of a table.")
  boolean json;

  /** One row of the result table. */
  record Row(
      int batch, double forwardPerSecond, double endToEndPerSecond, int failed, long peakRssKb) {
    double ratio() {
      return endToEndPerSecond / forwardPerSecond;
    }
  }

  @Override
  public Integer call() throws Exception {
    DjlRuntime.prepare();
    PrintWriter out = spec.commandLine().getOut();
    String loadBefore = loadAverage();
    Path dir = Files.createTempDirectory("nichebot-bench-jpeg");
    List<ImageSource> files = new ArrayList<>();
    long bytes = 0;
    try {
      for (int i = 0; i < images; i++) {
        Path f = dir.resolve(String.format(Locale.ROOT, "photo-%03d.jpg", i));
        writeJpeg(syntheticPhoto(1000, 800, new Random(1000L + i)), f);
        bytes += Files.size(f);
        files.add(ImageSource.of(f));
      }
      HeadBundle signal = ModelBundles.readHead(model);
      List<Row> rows = new ArrayList<>();
      double prepMs;
      try (Backbone backbone = Backbone.load(signal.backbone());
          Classifier warm = Classifier.builder(model).nsfwBundle(nsfw).build()) {
        ImagePreprocessor pre = new ImagePreprocessor(backbone.input());
        int per = backbone.input().floatsPerImage();
        // What one image costs before the model, on one thread: decode, resize, normalise.
        float[] one = new float[per];
        long p0 = System.nanoTime();
        for (ImageSource f : files) {
          pre.prepare(Files.readAllBytes(f.path()), one, 0);
        }
        prepMs = (System.nanoTime() - p0) / 1e6 / files.size();
        int maxBatch = batches.stream().mapToInt(Integer::intValue).max().orElse(1);
        float[] tensors = new float[maxBatch * per];
        for (int i = 0; i < maxBatch; i++) {
          pre.prepare(Files.readAllBytes(files.get(i % files.size()).path()), tensors, i * per);
        }
        for (int b : batches) {
          resetPeakRss();
          float[] batch = new float[b * per];
          System.arraycopy(tensors, 0, batch, 0, b * per);
          // TorchScript's profiling executor re-optimises for each new input shape during the
          // first calls: warm up before timing.
          for (int w = 0; w < 3; w++) {
            backbone.embed(batch, b);
          }
          double forward = 0;
          double e2e = 0;
          int failed = 0;
          try (Classifier classifier =
              Classifier.builder(model).nsfwBundle(nsfw).batchSize(b).build()) {
            classifier.classify(files.subList(0, Math.min(files.size(), 3 * b)));
            // Best of several rounds, forward-only and end-to-end interleaved, so that a burst
            // of load from other processes on the machine hits both alike.
            for (int round = 0; round < rounds; round++) {
              int runs = Math.max(3, images / b);
              long t0 = System.nanoTime();
              for (int r = 0; r < runs; r++) {
                backbone.embed(batch, b);
              }
              forward = Math.max(forward, runs * b / ((System.nanoTime() - t0) / 1e9));
              long t1 = System.nanoTime();
              List<Classification> results = classifier.classify(files);
              e2e = Math.max(e2e, files.size() / ((System.nanoTime() - t1) / 1e9));
              failed =
                  (int) results.stream().filter(r -> r instanceof Classification.Failed).count();
            }
          }
          rows.add(new Row(b, forward, e2e, failed, peakRssKb()));
        }
      }
      long peakRss = peakRssKb();
      String loadAfter = loadAverage();
      if (json) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("model", signal.version());
        root.put("images", files.size());
        root.put("image_size", "1000x800 JPEG");
        root.put("mean_jpeg_bytes", bytes / files.size());
        root.put("cores", Runtime.getRuntime().availableProcessors());
        root.put("load_before", loadBefore);
        root.put("load_after", loadAfter);
        root.put("peak_rss_mb", peakRss / 1024.0);
        root.put("prepare_ms_per_image_one_thread", prepMs);
        root.put("max_heap_mb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        ArrayNode arr = root.putArray("rows");
        for (Row r : rows) {
          ObjectNode o = arr.addObject();
          o.put("batch", r.batch());
          o.put("forward_only_images_per_s", r.forwardPerSecond());
          o.put("end_to_end_images_per_s", r.endToEndPerSecond());
          o.put("end_to_end_over_forward", r.ratio());
          o.put("failed", r.failed());
          o.put("peak_rss_mb", r.peakRssKb() / 1024.0);
        }
        out.println(root);
      } else {
        out.printf(
            Locale.ROOT,
            "model %s; %d JPEG files of 1000x800 (mean %d KB); %d cores; load before %s, after %s%n",
            signal.version(),
            files.size(),
            bytes / files.size() / 1024,
            Runtime.getRuntime().availableProcessors(),
            loadBefore,
            loadAfter);
        out.printf(
            Locale.ROOT,
            "%6s | %20s | %20s | %8s | %13s%n",
            "batch",
            "forward-only (img/s)",
            "JPEG->score (img/s)",
            "E2E/fwd",
            "peak RSS (MB)");
        for (Row r : rows) {
          out.printf(
              Locale.ROOT,
              "%6d | %20.1f | %20.1f | %7.2fx | %13.0f%s%n",
              r.batch(),
              r.forwardPerSecond(),
              r.endToEndPerSecond(),
              r.ratio(),
              r.peakRssKb() / 1024.0,
              r.failed() > 0 ? "  (" + r.failed() + " failed!)" : "");
        }
        out.printf(
            Locale.ROOT,
            "preparing one image (decode, resize, normalise) takes %.1f ms on one thread%n"
                + "peak RSS %.0f MB (JVM max heap %d MB); targets: E2E >= 0.8x forward-only, RSS < 1024 MB%n",
            prepMs,
            peakRss / 1024.0,
            Runtime.getRuntime().maxMemory() / (1024 * 1024));
      }
      out.flush();
      return 0;
    } finally {
      try (var stream = Files.list(dir)) {
        for (Path p : stream.toList()) {
          Files.deleteIfExists(p);
        }
      }
      Files.deleteIfExists(dir);
    }
  }

  /** Something with the texture of a photo: gradients, shapes, and sensor-like noise. */
  static BufferedImage syntheticPhoto(int w, int h, Random random) {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setPaint(
        new java.awt.GradientPaint(
            0, 0, new Color(random.nextInt(0xFFFFFF)), w, h, new Color(random.nextInt(0xFFFFFF))));
    g.fillRect(0, 0, w, h);
    for (int i = 0; i < 25; i++) {
      g.setColor(new Color(random.nextInt(0xFFFFFF)));
      int x = random.nextInt(w);
      int y = random.nextInt(h);
      int s = 20 + random.nextInt(300);
      if (random.nextBoolean()) {
        g.fillOval(x - s / 2, y - s / 2, s, (int) (s * (0.5 + random.nextDouble())));
      } else {
        g.fillRect(x - s / 2, y - s / 2, s, s / 2 + random.nextInt(s));
      }
    }
    g.dispose();
    int[] row = new int[w];
    for (int y = 0; y < h; y++) {
      img.getRGB(0, y, w, 1, row, 0, w);
      for (int x = 0; x < w; x++) {
        int n = (int) (random.nextGaussian() * 8);
        int p = row[x];
        int r = clamp(((p >> 16) & 0xFF) + n);
        int gg = clamp(((p >> 8) & 0xFF) + n);
        int b = clamp((p & 0xFF) + n);
        row[x] = (r << 16) | (gg << 8) | b;
      }
      img.setRGB(0, y, w, 1, row, 0, w);
    }
    return img;
  }

  private static int clamp(int v) {
    return Math.max(0, Math.min(255, v));
  }

  static void writeJpeg(BufferedImage img, Path file) throws IOException {
    Files.deleteIfExists(file); // the stream below would not truncate an existing file
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
      writer.setOutput(out);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(0.9f);
      writer.write(null, new IIOImage(img, null, null), param);
    } finally {
      writer.dispose();
    }
  }

  /** Starts a new peak-RSS measurement (Linux: writing 5 to clear_refs resets VmHWM). */
  static void resetPeakRss() {
    try {
      Files.writeString(Path.of("/proc/self/clear_refs"), "5");
    } catch (IOException | RuntimeException e) {
      // Not Linux, or not allowed: the peak then covers the whole run.
    }
  }

  /** Peak resident set size of this process (VmHWM), in kB; 0 where /proc is missing. */
  static long peakRssKb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
    return 0;
  }

  static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException e) {
      return "unknown";
    }
  }
}
