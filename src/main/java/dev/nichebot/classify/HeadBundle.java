package dev.nichebot.classify;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;

/**
 * A classifier on top of a backbone: the NSFW gate ({@link Kind#NSFW}) or a niche's signal model
 * ({@link Kind#SIGNAL}).
 *
 * @param labels class names in output order; a signal head's are {@code [noise, signal]}
 * @param nsfwLabels for {@link Kind#NSFW}: the labels whose probabilities add up to the NSFW score
 * @param threshold the score at or above which an image counts as positive
 * @param metrics whatever evaluation the bundle's author recorded (printed, never interpreted)
 */
public record HeadBundle(
    Path dir,
    Kind kind,
    String version,
    String architecture,
    BackboneBundle backbone,
    HeadSpec head,
    List<String> labels,
    List<String> nsfwLabels,
    double threshold,
    JsonNode metrics) {

  public HeadBundle {
    labels = List.copyOf(labels);
    nsfwLabels = List.copyOf(nsfwLabels);
  }

  public enum Kind {
    NSFW,
    SIGNAL
  }
}
