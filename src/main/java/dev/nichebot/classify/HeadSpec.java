package dev.nichebot.classify;

import java.nio.file.Path;
import java.util.List;

/**
 * The part of a model that turns a backbone embedding into scores.
 *
 * @param format {@code torchscript} (a module run by DJL) or {@code dense} (our own float32 file of
 *     fully connected layers, written by the trainer)
 * @param output {@code probabilities} (one value per label, summing to 1) or {@code logit} (one
 *     value; the signal probability is its sigmoid)
 * @param layers for {@code dense}: the layers in order; empty for {@code torchscript}
 */
public record HeadSpec(
    Path file, Format format, String sha256, Output output, List<DenseLayer> layers) {

  public HeadSpec {
    layers = List.copyOf(layers);
  }

  public enum Format {
    TORCHSCRIPT,
    DENSE
  }

  public enum Output {
    PROBABILITIES,
    LOGIT
  }

  public enum Activation {
    NONE,
    RELU
  }

  /** One fully connected layer: weight {@code [out][in]} then bias {@code [out]} in the file. */
  public record DenseLayer(int in, int out, Activation activation) {
    public DenseLayer {
      if (in < 1 || out < 1) {
        throw new IllegalArgumentException(
            "a dense layer needs positive sizes, got " + in + "->" + out);
      }
    }
  }
}
