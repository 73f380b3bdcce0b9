package dev.nichebot.classify;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Build-time tool for the demo niche "garments with long sleeves" (pullover, coat, shirt = signal;
 * the other seven Fashion-MNIST classes = noise), run by {@code tools/demo-sleeves/make.sh}:
 *
 * <ul>
 *   <li>{@code --samples DIR}: sample images for the demo from the official <em>test</em> split,
 *       upscaled to 224x224 JPEG, with exact and near duplicates among them, and labels.csv;
 *   <li>{@code --train DIR}: a labelled folder (signal/, noise/) from the official
 *       <em>training</em> split, so the demo head never sees a sample image;
 *   <li>{@code --eval DIR}: a labelled folder from the test split for the evaluation table.
 * </ul>
 *
 * Deterministic: the same seed writes the same files.
 */
public final class DemoSleevesData {
  static final Set<Integer> SIGNAL = Set.of(2, 4, 6); // Pullover, Coat, Shirt
  private static final int SAMPLES_PER_CLASS = 24;
  private static final int TRAIN_PER_CLASS = 400;
  private static final int EVAL_PER_CLASS = 150;

  private DemoSleevesData() {}

  public static void main(String[] args) throws IOException {
    Path samples = null;
    Path train = null;
    Path eval = null;
    long seed = 7;
    for (int i = 0; i < args.length; i += 2) {
      switch (args[i]) {
        case "--samples" -> samples = Path.of(args[i + 1]);
        case "--train" -> train = Path.of(args[i + 1]);
        case "--eval" -> eval = Path.of(args[i + 1]);
        case "--seed" -> seed = Long.parseLong(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    Path dir =
        FashionMnist.locate()
            .orElseThrow(
                () ->
                    new IOException(
                        "Fashion-MNIST not found: apt-get install dataset-fashion-mnist"));
    PrintStream out = System.out;
    FashionMnist testSplit = FashionMnist.test(dir);
    List<Integer> testOrder = perClass(testSplit, new Random(seed));
    if (samples != null) {
      int n = writeSamples(testSplit, testOrder, samples, new Random(seed + 1));
      out.println("wrote " + n + " sample images to " + samples);
    }
    if (eval != null) {
      // The samples are the first SAMPLES_PER_CLASS of each class in testOrder; eval takes the
      // next ones, so the evaluation table is not computed on the demo's own images either.
      int n = writeLabelled(testSplit, testOrder, SAMPLES_PER_CLASS, EVAL_PER_CLASS, eval);
      out.println("wrote " + n + " evaluation images to " + eval);
    }
    if (train != null) {
      FashionMnist trainSplit = FashionMnist.train(dir);
      int n =
          writeLabelled(
              trainSplit, perClass(trainSplit, new Random(seed + 2)), 0, TRAIN_PER_CLASS, train);
      out.println("wrote " + n + " training images to " + train);
    }
  }

  /** Indices grouped by class (class 0 first), each class shuffled. */
  private static List<Integer> perClass(FashionMnist data, Random random) {
    List<Integer> out = new ArrayList<>();
    for (int c = 0; c < FashionMnist.CLASSES.size(); c++) {
      List<Integer> cls = new ArrayList<>();
      for (int i = 0; i < data.size(); i++) {
        if (data.label(i) == c) {
          cls.add(i);
        }
      }
      Collections.shuffle(cls, random);
      out.addAll(cls);
    }
    return out;
  }

  private static List<Integer> slice(
      FashionMnist data, List<Integer> order, int c, int skip, int count) {
    List<Integer> cls = order.stream().filter(i -> data.label(i) == c).toList();
    return cls.subList(skip, Math.min(cls.size(), skip + count));
  }

  private static int writeLabelled(
      FashionMnist data, List<Integer> order, int skip, int perClass, Path dir) throws IOException {
    int n = 0;
    for (int c = 0; c < FashionMnist.CLASSES.size(); c++) {
      Path sub = dir.resolve(SIGNAL.contains(c) ? "signal" : "noise");
      Files.createDirectories(sub);
      for (int i : slice(data, order, c, skip, perClass)) {
        ImageIO.write(
            data.image(i),
            "png",
            sub.resolve(String.format(Locale.ROOT, "fmnist-%05d.png", i)).toFile());
        n++;
      }
    }
    return n;
  }

  private static int writeSamples(FashionMnist data, List<Integer> order, Path dir, Random random)
      throws IOException {
    Files.createDirectories(dir);
    StringBuilder csv = new StringBuilder("file,class,signal,duplicate_of,variant\n");
    List<String> originals = new ArrayList<>();
    List<Integer> originalIndex = new ArrayList<>();
    for (int c = 0; c < FashionMnist.CLASSES.size(); c++) {
      for (int i : slice(data, order, c, 0, SAMPLES_PER_CLASS)) {
        String name = String.format(Locale.ROOT, "fmnist-test-%05d.jpg", i);
        writeJpeg(upscale(data.image(i), 224), dir.resolve(name), 0.92f);
        csv.append(row(name, c, "", "original"));
        originals.add(name);
        originalIndex.add(i);
      }
    }
    int written = originals.size();
    List<Integer> picks = new ArrayList<>();
    for (int k = 0; k < originals.size(); k++) {
      picks.add(k);
    }
    Collections.shuffle(picks, random);
    String[] variants = {"copy", "resized", "reencoded", "brighter"};
    for (int k = 0; k < 32; k++) {
      int p = picks.get(k);
      String original = originals.get(p);
      int index = originalIndex.get(p);
      int c = data.label(index);
      String variant = variants[k % variants.length];
      String name = original.replace(".jpg", "-" + variant + ".jpg");
      switch (variant) {
        case "copy" ->
            Files.copy(
                dir.resolve(original), dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        case "resized" -> writeJpeg(upscale(data.image(index), 300), dir.resolve(name), 0.92f);
        case "reencoded" -> writeJpeg(upscale(data.image(index), 224), dir.resolve(name), 0.55f);
        default ->
            writeJpeg(brighten(upscale(data.image(index), 224), 40), dir.resolve(name), 0.92f);
      }
      csv.append(row(name, c, original, variant));
      written++;
    }
    Files.writeString(dir.resolve("labels.csv"), csv.toString());
    return written;
  }

  private static String row(String name, int c, String duplicateOf, String variant) {
    return String.format(
        Locale.ROOT,
        "%s,%s,%s,%s,%s%n",
        name,
        FashionMnist.CLASSES.get(c),
        SIGNAL.contains(c) ? "yes" : "no",
        duplicateOf,
        variant);
  }

  static BufferedImage upscale(BufferedImage src, int side) {
    BufferedImage rgb = ImagePreprocessor.resize(src, side, side);
    BufferedImage grey = new BufferedImage(side, side, BufferedImage.TYPE_BYTE_GRAY);
    grey.getGraphics().drawImage(rgb, 0, 0, null);
    return grey;
  }

  private static BufferedImage brighten(BufferedImage src, int amount) {
    BufferedImage out =
        new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < src.getHeight(); y++) {
      for (int x = 0; x < src.getWidth(); x++) {
        int v = Math.min(255, src.getRaster().getSample(x, y, 0) + amount);
        out.getRaster().setSample(x, y, 0, v);
      }
    }
    return out;
  }

  static void writeJpeg(BufferedImage img, Path file, float quality) throws IOException {
    Files.deleteIfExists(file); // the stream below would not truncate an existing file
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
      writer.setOutput(out);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(quality);
      writer.write(null, new IIOImage(img, null, null), param);
    } finally {
      writer.dispose();
    }
  }
}
