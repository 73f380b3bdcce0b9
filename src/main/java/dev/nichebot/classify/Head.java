package dev.nichebot.classify;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;

/**
 * Maps embeddings to raw head outputs (probabilities or one logit per image, see {@link HeadSpec}).
 */
public interface Head extends AutoCloseable {

  float[][] apply(float[][] embeddings);

  @Override
  default void close() {}

  /** Loads the head of a bundle; the bundle has already checked sizes and checksums. */
  static Head load(HeadBundle bundle) throws ModelBundleException {
    HeadSpec spec = bundle.head();
    return switch (spec.format()) {
      case DENSE -> DenseHead.read(bundle.dir(), spec);
      case TORCHSCRIPT -> TorchScriptHead.load(bundle);
    };
  }

  /** Reads a dense head's float32 little-endian weights. */
  static float[] readFloats(java.nio.file.Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    float[] out = new float[bytes.length / 4];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
    return out;
  }
}
