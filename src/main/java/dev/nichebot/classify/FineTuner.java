package dev.nichebot.classify;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * {@code train --fine-tune}: after the head is fitted on frozen embeddings, trains the backbone's
 * last blocks (the bundle's {@code fine_tunable_prefixes}) together with the head, on freshly
 * augmented images, and writes the tuned backbone as a bundle of its own inside the new signal
 * bundle.
 *
 * <p>BatchNorm stays in inference mode (running statistics frozen), as Keras' transfer-learning
 * guide advises: batches of a few CPU-sized images would give useless batch statistics. DJL
 * pitfall: the module must still be called with {@code training=true}, or DJL switches it to
 * inference mode with autograd off; a TorchScript module loaded with {@code trainParam=true} stays
 * in eval mode until {@link JniUtils#enableTrainingMode} is called, which we deliberately do not.
 */
final class FineTuner {

  record Result(DenseHead head, BackboneBundle backbone, Trainer.Labelled validation) {}

  private static final int BATCH = 8;

  private FineTuner() {}

  static Result fineTune(Backbone frozen, DenseHead head, Trainer.Split split, TrainingOptions o)
      throws IOException {
    BackboneBundle source = frozen.bundle();
    if (source.fineTunablePrefixes().isEmpty()) {
      throw new IOException(
          source.dir() + " names no fine_tunable_prefixes in bundle.json; cannot fine-tune it");
    }
    Path tunedDir = o.outputDir().resolve("backbone");
    Files.createDirectories(tunedDir);
    try (Backbone trainable = Backbone.load(source, true)) {
      Block block = trainable.model().getBlock();
      int unfrozen = 0;
      for (var pair : block.getParameters()) {
        Parameter p = pair.getValue();
        boolean tune = source.fineTunablePrefixes().stream().anyMatch(pair.getKey()::startsWith);
        p.freeze(!tune);
        if (tune) {
          unfrozen++;
        }
      }
      if (unfrozen == 0) {
        throw new IOException("no backbone parameter starts with " + source.fineTunablePrefixes());
      }
      List<HeadSpec.DenseLayer> layers = head.layers();
      InputSpec spec = source.input();
      ImagePreprocessor pre = new ImagePreprocessor(spec);
      List<TrainingExample> signal = new ArrayList<>();
      List<TrainingExample> noise = new ArrayList<>();
      for (TrainingExample e : split.train()) {
        (e.signal() ? signal : noise).add(e);
      }
      Random random = new Random(o.seed() + 17);
      Engine engine = Engine.getEngine("PyTorch");
      int steps = Math.max(1, o.fineTuneEpochs() * (2 * signal.size()) / BATCH);
      ProgressBar bar = new ProgressBar("fine-tuning (steps)", steps, o.progress());
      try (NDManager manager = trainable.model().getNDManager().newSubManager()) {
        List<NDArray> headParams = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
          HeadSpec.DenseLayer l = layers.get(i);
          float[][] wb = head.weightsAndBias(i);
          NDArray w = manager.create(wb[0], new Shape(l.out(), l.in()));
          NDArray b = manager.create(wb[1], new Shape(l.out()));
          w.setRequiresGradient(true);
          b.setRequiresGradient(true);
          headParams.add(w);
          headParams.add(b);
        }
        List<NDArray> tuned = new ArrayList<>();
        for (var pair : block.getParameters()) {
          if (pair.getValue().requiresGradient()) {
            tuned.add(pair.getValue().getArray());
          }
        }
        List<NDArray> all = new ArrayList<>(tuned);
        all.addAll(headParams);
        List<Boolean> decay = all.stream().map(p -> false).toList();
        AdamOptimizer adam = new AdamOptimizer(all, decay, manager, o.fineTuneLearningRate(), 0);
        float[] pixels = new float[BATCH * spec.floatsPerImage()];
        for (int step = 1; step <= steps; step++) {
          float[] labels = new float[BATCH];
          for (int i = 0; i < BATCH; i++) {
            // Balanced batches: half signal, half noise, each image in a fresh random view.
            boolean isSignal = i % 2 == 0;
            List<TrainingExample> pool = isSignal ? signal : noise;
            TrainingExample e = pool.get(random.nextInt(pool.size()));
            AugmentedView view = AugmentedView.views(2, o.rotations(), random).get(1);
            try {
              BufferedImage img =
                  ImagePreprocessor.resize(e.loader().load(), spec.width(), spec.height());
              pre.toTensor(view.apply(img), pixels, i * spec.floatsPerImage());
            } catch (Exception ex) {
              throw new IOException(
                  "cannot load " + e.id() + " for fine-tuning: " + ex.getMessage(), ex);
            }
            labels[i] = isSignal ? 1 : 0;
          }
          try (NDManager batch = manager.newSubManager()) {
            NDArray x = batch.create(pixels, new Shape(BATCH, 3, spec.height(), spec.width()));
            NDArray y = batch.create(labels, new Shape(BATCH, 1));
            try (GradientCollector gc = engine.newGradientCollector()) {
              NDArray emb =
                  block
                      .forward(new ParameterStore(batch, false), new NDList(x), true)
                      .singletonOrThrow();
              NDArray logits = headForward(headParams, layers, emb);
              NDArray loss = HeadFitter.weightedBce(logits, y, batch.ones(new Shape(BATCH, 1)));
              gc.backward(loss);
            }
            adam.step();
          }
          bar.update(step);
        }
        List<float[]> weights = new ArrayList<>();
        List<float[]> biases = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
          weights.add(headParams.get(2 * i).toFloatArray());
          biases.add(headParams.get(2 * i + 1).toFloatArray());
        }
        head = new DenseHead(layers, weights, biases);
      }
      Path weightsFile = tunedDir.resolve("backbone.pt");
      try (OutputStream out = Files.newOutputStream(weightsFile)) {
        JniUtils.writeModule((PtSymbolBlock) block, out, false);
      }
      writeBackboneJson(source, tunedDir, weightsFile);
    }
    BackboneBundle tunedBundle = ModelBundles.readBackbone(tunedDir);
    try (Backbone tunedBackbone = Backbone.load(tunedBundle)) {
      List<Embeddings.Job> valJobs =
          split.validation().stream()
              .map(e -> new Embeddings.Job(e, AugmentedView.ORIGINAL))
              .toList();
      Embeddings.Outcome val =
          Embeddings.compute(
              tunedBackbone,
              EmbeddingCache.inMemory(tunedBundle.embeddingSize()),
              valJobs,
              o.embedBatchSize(),
              "embedding validation (tuned)",
              o.progress());
      return new Result(head, tunedBundle, Trainer.Labelled.of(valJobs, val.embeddings()));
    }
  }

  private static NDArray headForward(
      List<NDArray> params, List<HeadSpec.DenseLayer> layers, NDArray x) {
    for (int i = 0; i < layers.size(); i++) {
      x = x.dot(params.get(2 * i).transpose()).add(params.get(2 * i + 1));
      if (layers.get(i).activation() == HeadSpec.Activation.RELU) {
        x = Activation.relu(x);
      }
    }
    return x;
  }

  private static void writeBackboneJson(BackboneBundle source, Path dir, Path weightsFile)
      throws IOException {
    ObjectNode json = (ObjectNode) ModelBundles.readJson(source.dir()).deepCopy();
    json.put("version", source.version() + "-tuned-" + Sha256.ofFile(weightsFile).substring(0, 8));
    ObjectNode weights = (ObjectNode) json.get("weights");
    weights.put("file", "backbone.pt");
    weights.put("sha256", Sha256.ofFile(weightsFile));
    ObjectNode prov = json.putObject("provenance");
    prov.put("fine_tuned_from", source.version());
    prov.put("fine_tuned_from_sha256", source.sha256());
    ModelBundles.writeJson(dir, json);
  }
}
