package dev.nichebot.classify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads {@code bundle.json} folders (the format is described in {@code models/README.md}).
 *
 * <p>Every problem is reported as a {@link ModelBundleException} naming the folder and the field or
 * file at fault, so an operator can fix a misconfigured {@code classify.model-dir} without reading
 * code.
 */
public final class ModelBundles {
  public static final String METADATA_FILE = "bundle.json";
  public static final String FORMAT = "nichebot-bundle/1";

  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ModelBundles() {}

  /** Reads a backbone bundle and checks that its weights file is there and intact. */
  public static BackboneBundle readBackbone(Path dir) throws ModelBundleException {
    ObjectNode json = readJson(dir);
    String kind = text(dir, json, "kind");
    if (!kind.equals("backbone")) {
      throw new ModelBundleException(
          dir + ": bundle.json says kind '" + kind + "', expected 'backbone'");
    }
    JsonNode weights = object(dir, json, "weights");
    String format = text(dir, weights, "weights.format");
    if (!format.equals("torchscript")) {
      throw new ModelBundleException(
          dir + ": backbone weights format '" + format + "' is not supported (only torchscript)");
    }
    Path file = resolveFile(dir, text(dir, weights, "weights.file"));
    String sha = verifySha(dir, file, weights.path("sha256").asText(""));
    JsonNode input = object(dir, json, "input");
    InputSpec spec;
    try {
      spec =
          new InputSpec(
              integer(dir, input, "input.width"),
              integer(dir, input, "input.height"),
              (float) number(dir, input, "input.scale"),
              floats(dir, input, "input.mean"),
              floats(dir, input, "input.std"));
    } catch (IllegalArgumentException e) {
      throw new ModelBundleException(dir + ": bad input in bundle.json: " + e.getMessage(), e);
    }
    int embeddingSize = integer(dir, object(dir, json, "output"), "output.embedding_size");
    if (embeddingSize < 1) {
      throw new ModelBundleException(dir + ": output.embedding_size must be positive");
    }
    List<String> prefixes = new ArrayList<>();
    json.path("fine_tunable_prefixes").forEach(n -> prefixes.add(n.asText()));
    return new BackboneBundle(
        dir.toAbsolutePath().normalize(),
        text(dir, json, "version"),
        json.path("architecture").asText(""),
        file,
        sha,
        spec,
        embeddingSize,
        prefixes);
  }

  /**
   * Reads an NSFW or signal bundle together with the backbone it refers to, and checks that the
   * backbone is the very one the head was trained on (same SHA-256), since a head is meaningless on
   * another backbone's embeddings.
   */
  public static HeadBundle readHead(Path dir) throws ModelBundleException {
    ObjectNode json = readJson(dir);
    String kindText = text(dir, json, "kind");
    HeadBundle.Kind kind;
    try {
      kind = HeadBundle.Kind.valueOf(kindText.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ModelBundleException(
          dir + ": bundle.json says kind '" + kindText + "', expected 'signal' or 'nsfw'");
    }
    JsonNode ref = object(dir, json, "backbone");
    Path backboneDir = dir.resolve(text(dir, ref, "backbone.path")).normalize();
    BackboneBundle backbone;
    try {
      backbone = readBackbone(backboneDir);
    } catch (ModelBundleException e) {
      throw new ModelBundleException(
          dir + ": its backbone (" + backboneDir + ") cannot be used: " + e.getMessage(), e);
    }
    String expectedBackbone = ref.path("sha256").asText("");
    if (!expectedBackbone.isEmpty() && !expectedBackbone.equalsIgnoreCase(backbone.sha256())) {
      throw new ModelBundleException(
          dir
              + ": trained on backbone sha256 "
              + expectedBackbone
              + " but "
              + backboneDir
              + " holds "
              + backbone.sha256()
              + " (version "
              + backbone.version()
              + "); retrain the head on this backbone");
    }
    HeadSpec head = readHeadSpec(dir, object(dir, json, "head"));
    List<String> labels = strings(json.path("labels"));
    if (labels.isEmpty()) {
      throw new ModelBundleException(dir + ": bundle.json lacks 'labels'");
    }
    if (kind == HeadBundle.Kind.SIGNAL && !labels.contains("signal")) {
      throw new ModelBundleException(dir + ": a signal bundle needs a 'signal' label");
    }
    List<String> nsfwLabels = strings(json.path("nsfw_labels"));
    if (kind == HeadBundle.Kind.NSFW && nsfwLabels.isEmpty()) {
      throw new ModelBundleException(dir + ": an nsfw bundle needs 'nsfw_labels'");
    }
    for (String l : nsfwLabels) {
      if (!labels.contains(l)) {
        throw new ModelBundleException(dir + ": nsfw label '" + l + "' is not among " + labels);
      }
    }
    if (head.output() == HeadSpec.Output.LOGIT && labels.size() != 2) {
      throw new ModelBundleException(dir + ": a logit head needs exactly two labels");
    }
    if (head.format() == HeadSpec.Format.DENSE) {
      int in = head.layers().get(0).in();
      if (in != backbone.embeddingSize()) {
        throw new ModelBundleException(
            dir
                + ": head takes "
                + in
                + " inputs but the backbone gives "
                + backbone.embeddingSize());
      }
      int out = head.layers().get(head.layers().size() - 1).out();
      int expected = head.output() == HeadSpec.Output.LOGIT ? 1 : labels.size();
      if (out != expected) {
        throw new ModelBundleException(
            dir + ": head gives " + out + " outputs, expected " + expected);
      }
    }
    double threshold = number(dir, json, "threshold");
    if (!(threshold >= 0 && threshold <= 1)) {
      throw new ModelBundleException(dir + ": threshold " + threshold + " is outside 0..1");
    }
    return new HeadBundle(
        dir.toAbsolutePath().normalize(),
        kind,
        text(dir, json, "version"),
        json.path("architecture").asText(""),
        backbone,
        head,
        labels,
        nsfwLabels,
        threshold,
        json.path("metrics"));
  }

  private static HeadSpec readHeadSpec(Path dir, JsonNode head) throws ModelBundleException {
    Path file = resolveFile(dir, text(dir, head, "head.file"));
    String sha = verifySha(dir, file, head.path("sha256").asText(""));
    String formatText = text(dir, head, "head.format");
    HeadSpec.Format format;
    switch (formatText) {
      case "torchscript" -> format = HeadSpec.Format.TORCHSCRIPT;
      case "dense" -> format = HeadSpec.Format.DENSE;
      default ->
          throw new ModelBundleException(
              dir + ": head format '" + formatText + "' is not supported (torchscript or dense)");
    }
    String outputText = text(dir, head, "head.output");
    HeadSpec.Output output;
    switch (outputText) {
      case "probabilities" -> output = HeadSpec.Output.PROBABILITIES;
      case "logit" -> output = HeadSpec.Output.LOGIT;
      default ->
          throw new ModelBundleException(
              dir + ": head output '" + outputText + "' is not supported (probabilities or logit)");
    }
    List<HeadSpec.DenseLayer> layers = new ArrayList<>();
    if (format == HeadSpec.Format.DENSE) {
      JsonNode array = head.path("layers");
      if (!array.isArray() || array.isEmpty()) {
        throw new ModelBundleException(dir + ": a dense head needs 'head.layers'");
      }
      long floats = 0;
      int previousOut = -1;
      for (JsonNode layer : array) {
        HeadSpec.DenseLayer l;
        try {
          l =
              new HeadSpec.DenseLayer(
                  layer.path("in").asInt(0),
                  layer.path("out").asInt(0),
                  HeadSpec.Activation.valueOf(
                      layer.path("activation").asText("none").toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
          throw new ModelBundleException(dir + ": bad head layer " + layer + ": " + e.getMessage());
        }
        if (previousOut != -1 && l.in() != previousOut) {
          throw new ModelBundleException(
              dir + ": head layer takes " + l.in() + " inputs after a layer of " + previousOut);
        }
        previousOut = l.out();
        floats += (long) l.in() * l.out() + l.out();
        layers.add(l);
      }
      long size = size(file);
      if (size != floats * 4) {
        throw new ModelBundleException(
            dir
                + ": "
                + file.getFileName()
                + " has "
                + size
                + " bytes, but the layers in bundle.json need "
                + floats * 4
                + " (corrupt or from another model?)");
      }
    }
    return new HeadSpec(file, format, sha, output, layers);
  }

  /** Writes {@code bundle.json} into {@code dir}. */
  public static void writeJson(Path dir, ObjectNode json) throws IOException {
    Files.createDirectories(dir);
    Path tmp = dir.resolve(METADATA_FILE + ".tmp");
    Files.writeString(tmp, JSON.writeValueAsString(json) + "\n");
    Files.move(
        tmp,
        dir.resolve(METADATA_FILE),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  static ObjectNode readJson(Path dir) throws ModelBundleException {
    if (!Files.isDirectory(dir)) {
      throw new ModelBundleException(dir + " is not a folder (expected a model bundle folder)");
    }
    Path file = dir.resolve(METADATA_FILE);
    if (!Files.isRegularFile(file)) {
      throw new ModelBundleException(
          dir + " has no " + METADATA_FILE + ": not a model bundle (see models/README.md)");
    }
    JsonNode json;
    try {
      json = JSON.readTree(file.toFile());
    } catch (JsonProcessingException e) {
      throw new ModelBundleException(file + " is not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new ModelBundleException("cannot read " + file + ": " + e.getMessage(), e);
    }
    if (!(json instanceof ObjectNode object)) {
      throw new ModelBundleException(file + " must hold a JSON object");
    }
    String format = object.path("format").asText("");
    if (!format.equals(FORMAT)) {
      throw new ModelBundleException(
          file + ": format '" + format + "' is not supported (expected " + FORMAT + ")");
    }
    return object;
  }

  private static Path resolveFile(Path dir, String name) throws ModelBundleException {
    Path file = dir.resolve(name).normalize();
    if (!file.startsWith(dir.normalize())) {
      throw new ModelBundleException(dir + ": file '" + name + "' points outside the bundle");
    }
    if (!Files.isRegularFile(file)) {
      throw new ModelBundleException(dir + ": file " + name + " named in bundle.json is missing");
    }
    return file;
  }

  private static String verifySha(Path dir, Path file, String expected)
      throws ModelBundleException {
    String actual;
    try {
      actual = Sha256.ofFile(file);
    } catch (IOException e) {
      throw new ModelBundleException(dir + ": cannot read " + file.getFileName(), e);
    }
    if (!expected.isEmpty() && !expected.equalsIgnoreCase(actual)) {
      throw new ModelBundleException(
          dir
              + ": "
              + file.getFileName()
              + " is corrupt or was replaced: its sha256 is "
              + actual
              + ", bundle.json says "
              + expected);
    }
    return actual;
  }

  private static long size(Path file) throws ModelBundleException {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new ModelBundleException("cannot read " + file, e);
    }
  }

  private static JsonNode object(Path dir, JsonNode json, String field)
      throws ModelBundleException {
    JsonNode node = json.path(field);
    if (!node.isObject()) {
      throw new ModelBundleException(dir + ": bundle.json lacks the object '" + field + "'");
    }
    return node;
  }

  private static String text(Path dir, JsonNode json, String dotted) throws ModelBundleException {
    JsonNode node = json.path(last(dotted));
    if (!node.isTextual() || node.asText().isBlank()) {
      throw new ModelBundleException(dir + ": bundle.json lacks '" + dotted + "'");
    }
    return node.asText();
  }

  private static int integer(Path dir, JsonNode json, String dotted) throws ModelBundleException {
    JsonNode node = json.path(last(dotted));
    if (!node.canConvertToInt() || !node.isIntegralNumber()) {
      throw new ModelBundleException(dir + ": bundle.json lacks the integer '" + dotted + "'");
    }
    return node.asInt();
  }

  private static double number(Path dir, JsonNode json, String dotted) throws ModelBundleException {
    JsonNode node = json.path(last(dotted));
    if (!node.isNumber()) {
      throw new ModelBundleException(dir + ": bundle.json lacks the number '" + dotted + "'");
    }
    return node.asDouble();
  }

  private static float[] floats(Path dir, JsonNode json, String dotted)
      throws ModelBundleException {
    JsonNode node = json.path(last(dotted));
    if (!node.isArray()) {
      throw new ModelBundleException(dir + ": bundle.json lacks the array '" + dotted + "'");
    }
    float[] values = new float[node.size()];
    for (int i = 0; i < values.length; i++) {
      if (!node.get(i).isNumber()) {
        throw new ModelBundleException(dir + ": '" + dotted + "' must hold numbers");
      }
      values[i] = (float) node.get(i).asDouble();
    }
    return values;
  }

  private static List<String> strings(JsonNode node) {
    List<String> out = new ArrayList<>();
    node.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static String last(String dotted) {
    int dot = dotted.lastIndexOf('.');
    return dot < 0 ? dotted : dotted.substring(dot + 1);
  }
}
