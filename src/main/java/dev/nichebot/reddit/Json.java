package dev.nichebot.reddit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.time.Instant;
import java.util.Optional;

/** Lenient reads from Reddit's JSON: a missing, null or oddly typed field reads as absent. */
final class Json {
  private Json() {}

  static JsonNode at(JsonNode node, String... path) {
    JsonNode current = node == null ? MissingNode.getInstance() : node;
    for (String field : path) {
      current = current.path(field);
    }
    return current;
  }

  static Optional<String> text(JsonNode node, String field) {
    JsonNode value = at(node, field);
    return value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
  }

  /** Text that is also not blank (Reddit often sends {@code ""} for "none"). */
  static Optional<String> nonBlank(JsonNode node, String field) {
    return text(node, field).filter(s -> !s.isBlank());
  }

  static boolean flag(JsonNode node, String field) {
    return bool(node, field).orElse(false);
  }

  static Optional<Boolean> bool(JsonNode node, String field) {
    JsonNode value = at(node, field);
    return value.isBoolean() ? Optional.of(value.booleanValue()) : Optional.empty();
  }

  static Optional<Integer> integer(JsonNode node, String field) {
    JsonNode value = at(node, field);
    return value.isNumber() && value.canConvertToInt()
        ? Optional.of(value.intValue())
        : Optional.empty();
  }

  /** Reddit sends times as epoch seconds, usually as a float like {@code 1552433444.0}. */
  static Optional<Instant> epochSeconds(JsonNode node, String field) {
    JsonNode value = at(node, field);
    if (!value.isNumber()) {
      return Optional.empty();
    }
    double seconds = value.doubleValue();
    if (!Double.isFinite(seconds) || seconds < 0 || seconds > 1e11) {
      return Optional.empty();
    }
    return Optional.of(Instant.ofEpochMilli(Math.round(seconds * 1000)));
  }
}
