package dev.nichebot.store;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Columns set in the same guarded UPDATE as a state change, so the new state and what it means (a
 * reason, scores, a review message id) are recorded together or not at all.
 */
public final class CandidateChanges {
  private static final Pattern COLUMN = Pattern.compile("[a-z_]{1,40}");
  private static final java.util.Set<String> MANAGED =
      java.util.Set.of("id", "state", "updated_at", "state_changed_at", "created_at");

  private final Map<String, Object> columns = new LinkedHashMap<>();

  public static CandidateChanges none() {
    return new CandidateChanges();
  }

  public static CandidateChanges reason(String reason) {
    return new CandidateChanges().set("reason", reason);
  }

  /** Any candidates column, for stages whose own migrations add columns. */
  public CandidateChanges set(String column, Object value) {
    if (!COLUMN.matcher(column).matches() || MANAGED.contains(column)) {
      throw new IllegalArgumentException("not a settable candidate column: " + column);
    }
    columns.put(column, value);
    return this;
  }

  public CandidateChanges withReason(String reason) {
    return set("reason", reason);
  }

  public CandidateChanges imageId(long imageId) {
    return set("image_id", imageId);
  }

  public CandidateChanges scores(double signal, Double nsfw, String modelVersion) {
    return set("signal_score", signal).set("nsfw_score", nsfw).set("model_version", modelVersion);
  }

  public CandidateChanges duplicateOf(long imageId, int distance) {
    return set("duplicate_of_image_id", imageId).set("duplicate_distance", distance);
  }

  public CandidateChanges reviewMessage(String messageId, Instant postedAt) {
    return set("review_message_id", messageId).set("review_posted_at", postedAt);
  }

  public CandidateChanges attempts(int attempts, Instant nextAttemptAt) {
    return set("attempts", attempts).set("next_attempt_at", nextAttemptAt);
  }

  Map<String, Object> columns() {
    return Collections.unmodifiableMap(columns);
  }
}
