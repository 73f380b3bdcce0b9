package dev.nichebot.classify;

import java.awt.image.BufferedImage;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * Fashion-MNIST (Zalando, MIT) as Debian's {@code dataset-fashion-mnist} installs it: 70,000
 * labelled 28x28 grey images of ten garment classes, a real labelled dataset for tests, benchmarks
 * and the demo.
 */
public final class FashionMnist {
  public static final Path DEBIAN_DIR = Path.of("/usr/share/datasets/fashion-mnist");
  public static final List<String> CLASSES =
      List.of(
          "T-shirt/top",
          "Trouser",
          "Pullover",
          "Dress",
          "Coat",
          "Sandal",
          "Shirt",
          "Sneaker",
          "Bag",
          "Ankle boot");
  public static final int SIDE = 28;

  private final byte[][] images;
  private final byte[] labels;

  private FashionMnist(byte[][] images, byte[] labels) {
    this.images = images;
    this.labels = labels;
  }

  /** The folder to read from: {@code -Dnichebot.fashion-mnist.dir} or Debian's, if present. */
  public static Optional<Path> locate() {
    String configured = System.getProperty("nichebot.fashion-mnist.dir");
    Path dir = configured != null ? Path.of(configured) : DEBIAN_DIR;
    return Files.isRegularFile(dir.resolve("t10k-labels-idx1-ubyte.gz"))
        ? Optional.of(dir)
        : Optional.empty();
  }

  /** The official training split (60,000 images). */
  public static FashionMnist train(Path dir) throws IOException {
    return read(dir, "train");
  }

  /** The official test split (10,000 images). */
  public static FashionMnist test(Path dir) throws IOException {
    return read(dir, "t10k");
  }

  private static FashionMnist read(Path dir, String prefix) throws IOException {
    byte[] labels;
    try (DataInputStream in = open(dir.resolve(prefix + "-labels-idx1-ubyte.gz"))) {
      if (in.readInt() != 0x801) {
        throw new IOException("not an IDX label file: " + prefix);
      }
      labels = new byte[in.readInt()];
      in.readFully(labels);
    }
    byte[][] images;
    try (DataInputStream in = open(dir.resolve(prefix + "-images-idx3-ubyte.gz"))) {
      if (in.readInt() != 0x803) {
        throw new IOException("not an IDX image file: " + prefix);
      }
      int n = in.readInt();
      int rows = in.readInt();
      int cols = in.readInt();
      if (n != labels.length || rows != SIDE || cols != SIDE) {
        throw new IOException("unexpected IDX shape " + n + "x" + rows + "x" + cols);
      }
      images = new byte[n][SIDE * SIDE];
      for (byte[] img : images) {
        in.readFully(img);
      }
    }
    return new FashionMnist(images, labels);
  }

  private static DataInputStream open(Path file) throws IOException {
    InputStream raw = Files.newInputStream(file);
    return new DataInputStream(new GZIPInputStream(raw, 1 << 16));
  }

  public int size() {
    return labels.length;
  }

  /** Class index 0..9 of image {@code i}. */
  public int label(int i) {
    return labels[i];
  }

  /** The 784 grey values of image {@code i} (0 = black background). */
  public byte[] pixels(int i) {
    return images[i].clone();
  }

  /** Image {@code i} as a 28x28 grey picture. */
  public BufferedImage image(int i) {
    BufferedImage img = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_BYTE_GRAY);
    img.getRaster().setDataElements(0, 0, SIDE, SIDE, images[i]);
    return img;
  }

  /** Image {@code i} as a training example (hashed by its pixels). */
  public TrainingExample example(int i, boolean signal) {
    return new TrainingExample("fashion-mnist#" + i, Sha256.of(images[i]), () -> image(i), signal);
  }

  /** The class index of a name such as {@code Pullover} or {@code ankle-boot}, case-insensitive. */
  public static int classIndex(String name) {
    String wanted = normalise(name);
    for (int i = 0; i < CLASSES.size(); i++) {
      if (normalise(CLASSES.get(i)).equals(wanted)
          || normalise(CLASSES.get(i)).startsWith(wanted + "/")) {
        return i;
      }
    }
    throw new IllegalArgumentException(
        "unknown Fashion-MNIST class '" + name + "'; one of " + CLASSES);
  }

  private static String normalise(String s) {
    return s.toLowerCase(java.util.Locale.ROOT).replace('-', ' ').replace('_', ' ').trim();
  }
}
