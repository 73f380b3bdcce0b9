package dev.nichebot.classify;

import java.nio.file.Path;
import java.util.List;

/**
 * A feature extractor: a TorchScript module mapping {@code (N, 3, H, W)} images to {@code (N, E)}
 * embeddings. Its {@code bundle.json} says how to prepare images for it.
 *
 * @param dir the bundle folder
 * @param version recorded with every score, so a score can be traced to the weights that made it
 * @param weightsFile the TorchScript file
 * @param sha256 the weights' SHA-256 (hex), verified on load when {@code bundle.json} states it
 * @param fineTunablePrefixes parameter-name prefixes that {@code train --fine-tune} unfreezes
 */
public record BackboneBundle(
    Path dir,
    String version,
    String architecture,
    Path weightsFile,
    String sha256,
    InputSpec input,
    int embeddingSize,
    List<String> fineTunablePrefixes) {

  public BackboneBundle {
    fineTunablePrefixes = List.copyOf(fineTunablePrefixes);
  }
}
