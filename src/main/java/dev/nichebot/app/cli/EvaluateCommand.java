package dev.nichebot.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nichebot.classify.DjlRuntime;
import dev.nichebot.classify.EmbeddingCache;
import dev.nichebot.classify.Embeddings;
import dev.nichebot.classify.Evaluation;
import dev.nichebot.classify.HeadBundle;
import dev.nichebot.classify.LabeledImage;
import dev.nichebot.classify.ModelBundleException;
import dev.nichebot.classify.ModelBundles;
import dev.nichebot.classify.Trainer;
import dev.nichebot.classify.TrainingExample;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nichebot evaluate --model DIR --data DIR}: the metrics table and plots. */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    description = "Evaluate a signal bundle on DIR/signal/ and DIR/noise/: table and plots.")
public final class EvaluateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--model", required = true, paramLabel = "DIR", description = "Signal bundle.")
  Path model;

  @Option(
      names = "--data",
      required = true,
      paramLabel = "DIR",
      description = "Folder with signal/ and noise/.")
  Path data;

  @Option(
      names = "--target-recall",
      description = "Also report the threshold for this recall. Default: ${DEFAULT-VALUE}.")
  double targetRecall = 0.8;

  @Option(
      names = "--target-precision",
      description = "Choose the second threshold for this precision instead.")
  double targetPrecision;

  @Option(
      names = "--plots",
      paramLabel = "DIR",
      description = "Where to write the PNG plots. Default: ${DEFAULT-VALUE}.")
  Path plots = Path.of("data/evaluation");

  @Option(
      names = "--cache",
      paramLabel = "DIR",
      description = "Embedding cache. Default: ${DEFAULT-VALUE}.")
  Path cache = Path.of("data/cache/embeddings");

  @Option(names = "--json", description = "Print one JSON object instead of a table.")
  boolean json;

  @Override
  public Integer call() throws IOException {
    DjlRuntime.prepare();
    PrintWriter out = spec.commandLine().getOut();
    HeadBundle bundle;
    try {
      bundle = ModelBundles.readHead(model);
    } catch (ModelBundleException e) {
      spec.commandLine().getErr().println("cannot load the model: " + e.getMessage());
      return 2;
    }
    List<TrainingExample> examples = new ArrayList<>();
    for (LabeledImage image : LabeledImage.fromFolder(data)) {
      examples.add(TrainingExample.ofFile(image));
    }
    Evaluation e;
    try (EmbeddingCache c =
        EmbeddingCache.open(cache, bundle.backbone().sha256(), bundle.backbone().embeddingSize())) {
      e =
          Evaluation.run(
              bundle,
              examples,
              c,
              targetRecall,
              targetPrecision,
              Embeddings.DEFAULT_BATCH,
              json ? null : System.err);
    }
    e.writePlots(plots);
    if (json) {
      ObjectNode root = new ObjectMapper().createObjectNode();
      root.put("model_version", e.modelVersion());
      root.set("at_bundle_threshold", Trainer.metricsJson(e.atBundleThreshold()));
      root.set("at_target", Trainer.metricsJson(e.atTarget()));
      root.put("target", e.target());
      root.put("failed_images", e.failures().size());
      root.put("plots", plots.toString());
      out.println(root);
    } else {
      out.printf(Locale.ROOT, "model %s on %s%n", e.modelVersion(), data);
      out.print(e.table());
      if (!e.failures().isEmpty()) {
        out.printf(
            Locale.ROOT, "%d images failed, e.g. %s%n", e.failures().size(), e.failures().get(0));
      }
      out.printf(Locale.ROOT, "plots: %s%n", plots);
    }
    out.flush();
    return 0;
  }
}
