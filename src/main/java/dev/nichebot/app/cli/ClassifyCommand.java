package dev.nichebot.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nichebot.classify.Classification;
import dev.nichebot.classify.Classifier;
import dev.nichebot.classify.DjlRuntime;
import dev.nichebot.classify.ImageSource;
import dev.nichebot.classify.ModelBundleException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nichebot classify FILE|DIR...}: scores images and prints a table. */
@Command(
    name = "classify",
    mixinStandardHelpOptions = true,
    description = "Score images with the signal model and the NSFW gate, and print a table.")
public final class ClassifyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      arity = "1..*",
      paramLabel = "FILE|DIR",
      description = "Images, or folders of images.")
  List<Path> inputs;

  @Option(
      names = "--model",
      paramLabel = "DIR",
      description = "Signal bundle (classify.model-dir). Default: ${DEFAULT-VALUE}.")
  Path model = Path.of("models/demo-sleeves");

  @Option(
      names = "--nsfw",
      paramLabel = "DIR",
      description = "NSFW bundle (classify.nsfw-model-dir). Default: ${DEFAULT-VALUE}.")
  Path nsfw = Path.of("models/nsfw");

  @Option(
      names = "--nsfw-threshold",
      description =
          "NSFW score from which the bot holds an image back (classify.nsfw-threshold)."
              + " Default: ${DEFAULT-VALUE}.")
  double nsfwThreshold = 0.8;

  @Option(names = "--no-nsfw", description = "Skip the NSFW gate.")
  boolean noNsfw;

  @Option(names = "--batch", description = "Images per forward pass. Default: ${DEFAULT-VALUE}.")
  int batch = 16;

  @Option(names = "--json", description = "Print one JSON object instead of a table.")
  boolean json;

  @Override
  public Integer call() throws IOException {
    DjlRuntime.prepare();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<ImageSource> images = new ArrayList<>();
    for (Path p : inputs) {
      if (Files.isDirectory(p)) {
        try (Stream<Path> files = Files.walk(p)) {
          files
              .filter(Files::isRegularFile)
              .filter(f -> isImage(f.getFileName().toString()))
              .sorted()
              .forEach(f -> images.add(ImageSource.of(f)));
        }
      } else {
        images.add(ImageSource.of(p));
      }
    }
    if (images.isEmpty()) {
      err.println("no images found in " + inputs);
      return 2;
    }
    Classifier.Builder builder = Classifier.builder(model).batchSize(batch);
    if (!noNsfw) {
      builder.nsfwBundle(nsfw);
    }
    List<Classification> results;
    Classifier classifier;
    try {
      classifier = builder.build();
    } catch (ModelBundleException e) {
      err.println("cannot load the model: " + e.getMessage());
      return 2;
    }
    try (classifier) {
      results = classifier.classify(images);
      if (json) {
        out.println(toJson(classifier, results));
      } else {
        printTable(out, classifier, results, nsfwThreshold);
      }
    }
    out.flush();
    return results.stream().anyMatch(r -> r instanceof Classification.Failed) ? 1 : 0;
  }

  private static boolean isImage(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return Stream.of(".jpg", ".jpeg", ".png", ".gif", ".bmp", ".webp").anyMatch(n::endsWith);
  }

  private static void printTable(
      PrintWriter out, Classifier c, List<Classification> results, double nsfwThreshold) {
    out.printf(
        Locale.ROOT,
        "model %s (threshold %.3f)%s%n",
        c.modelVersion(),
        c.signalBundle().threshold(),
        c.nsfwBundle()
            .map(
                n ->
                    String.format(
                        Locale.ROOT, ", nsfw %s (held from %.2f)", n.version(), nsfwThreshold))
            .orElse(""));
    out.printf(
        Locale.ROOT,
        "%-44s %7s %-6s %6s %-9s %s%n",
        "image",
        "signal",
        "",
        "nsfw",
        "top",
        "status");
    int above = 0;
    int failed = 0;
    for (Classification r : results) {
      String name = shorten(r.id(), 44);
      if (r instanceof Classification.Scored s) {
        if (s.aboveThreshold()) {
          above++;
        }
        String nsfwScore =
            s.nsfw().map(n -> String.format(Locale.ROOT, "%.3f", n.score())).orElse("-");
        String top =
            s.nsfw()
                .map(
                    n ->
                        n.probabilities().entrySet().stream()
                            .max(Map.Entry.comparingByValue())
                            .map(Map.Entry::getKey)
                            .orElse("-"))
                .orElse("-");
        // As the classify stage routes it (with the bundle's own signal threshold).
        String status =
            s.nsfw().map(n -> n.score() >= nsfwThreshold).orElse(false)
                ? "HELD_NSFW"
                : s.aboveThreshold() ? "QUEUED_FOR_REVIEW" : "BELOW_THRESHOLD";
        out.printf(
            Locale.ROOT,
            "%-44s %7.3f %-6s %6s %-9s %s%n",
            name,
            s.signalScore(),
            s.aboveThreshold() ? "SIGNAL" : "",
            nsfwScore,
            top,
            status);
      } else if (r instanceof Classification.Failed f) {
        failed++;
        out.printf(
            Locale.ROOT,
            "%-44s %7s %-6s %6s %-9s FAILED: %s%n",
            name,
            "-",
            "",
            "-",
            "-",
            f.reason());
      }
    }
    out.printf(
        Locale.ROOT,
        "%d images: %d above threshold, %d below, %d failed%n",
        results.size(),
        above,
        results.size() - above - failed,
        failed);
  }

  private static String toJson(Classifier c, List<Classification> results) throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode();
    root.put("model_version", c.modelVersion());
    root.put("threshold", c.signalBundle().threshold());
    ArrayNode items = root.putArray("results");
    for (Classification r : results) {
      ObjectNode item = items.addObject();
      item.put("id", r.id());
      if (r instanceof Classification.Scored s) {
        item.put("signal_score", s.signalScore());
        item.put("above_threshold", s.aboveThreshold());
        s.nsfw()
            .ifPresent(
                n -> {
                  item.put("nsfw_score", n.score());
                  item.put("nsfw_flagged", n.flagged());
                  ObjectNode probs = item.putObject("nsfw_probabilities");
                  n.probabilities().forEach(probs::put);
                });
      } else if (r instanceof Classification.Failed f) {
        item.put("failed", f.reason());
      }
    }
    return mapper.writeValueAsString(root);
  }

  private static String shorten(String s, int max) {
    return s.length() <= max ? s : "..." + s.substring(s.length() - max + 3);
  }
}
