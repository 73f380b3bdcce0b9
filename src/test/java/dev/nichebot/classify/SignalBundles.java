package dev.nichebot.classify;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** Hand-made signal bundles for tests. */
final class SignalBundles {
  private SignalBundles() {}

  /**
   * A signal bundle whose logit is the embedding's mean activation minus one: a real, if
   * meaningless, dense head of known weights.
   */
  static Path meanActivation(Path dir, Path backboneDir, double threshold) throws IOException {
    BackboneBundle backbone = ModelBundles.readBackbone(backboneDir);
    int d = backbone.embeddingSize();
    float[] w = new float[d];
    Arrays.fill(w, 1f / d);
    DenseHead head =
        new DenseHead(
            List.of(new HeadSpec.DenseLayer(d, 1, HeadSpec.Activation.NONE)),
            List.of(w),
            List.of(new float[] {-1f}));
    Files.createDirectories(dir);
    head.write(dir.resolve("head.bin"));
    String relative = dir.toAbsolutePath().relativize(backbone.dir()).toString();
    Files.writeString(
        dir.resolve("bundle.json"),
        """
        {
          "format": "nichebot-bundle/1",
          "kind": "signal",
          "version": "test-mean-activation",
          "backbone": {"path": "%s", "sha256": "%s"},
          "head": {"file": "head.bin", "format": "dense", "output": "logit",
                   "layers": [{"in": %d, "out": 1, "activation": "none"}]},
          "labels": ["noise", "signal"],
          "threshold": %s
        }
        """
            .formatted(relative, backbone.sha256(), d, threshold));
    return dir;
  }
}
