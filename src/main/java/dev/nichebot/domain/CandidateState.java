package dev.nichebot.domain;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where a candidate image is in the pipeline. The allowed moves between states are declared here,
 * in one place; {@code store.CandidateStore} refuses any other.
 *
 * <pre>
 * DISCOVERED → DOWNLOADED → CLASSIFIED ─┬─► QUEUED_FOR_REVIEW → IN_REVIEW ─┬─► APPROVED → PUBLISHING → PUBLISHED
 *      │            │            │      ├─► BELOW_THRESHOLD                 └─► REJECTED
 *      │            │            │      └─► HELD_NSFW
 *      └────────────┴────────────┴──► DUPLICATE / FAILED (with reason)
 * </pre>
 *
 * Beyond the architecture sketch: HELD_NSFW (the NSFW gate holds it back, with its score), SKIPPED
 * (a moderator or a block took it out of the queue) and REMOVED (its post was deleted on a
 * moderator's command; the image is never posted again).
 */
public enum CandidateState {
  DISCOVERED,
  DOWNLOADED,
  CLASSIFIED,
  QUEUED_FOR_REVIEW,
  IN_REVIEW,
  BELOW_THRESHOLD,
  HELD_NSFW,
  APPROVED,
  REJECTED,
  PUBLISHING,
  PUBLISHED,
  DUPLICATE,
  FAILED,
  SKIPPED,
  REMOVED;

  private static final Map<CandidateState, Set<CandidateState>> NEXT =
      new EnumMap<>(CandidateState.class);

  static {
    allow(DISCOVERED, DOWNLOADED, DUPLICATE, FAILED, SKIPPED);
    allow(DOWNLOADED, CLASSIFIED, DUPLICATE, FAILED, SKIPPED);
    allow(CLASSIFIED, QUEUED_FOR_REVIEW, BELOW_THRESHOLD, HELD_NSFW, DUPLICATE, FAILED);
    // A threshold lowered at run time, or a reviewer's pick from the backlog, rescues these.
    allow(BELOW_THRESHOLD, QUEUED_FOR_REVIEW, SKIPPED);
    // Released by a moderator, or the target subreddit is NSFW after all.
    allow(HELD_NSFW, QUEUED_FOR_REVIEW, SKIPPED);
    // Decided straight from the queue on the web review page; FAILED when its image is gone.
    allow(QUEUED_FOR_REVIEW, IN_REVIEW, APPROVED, REJECTED, SKIPPED, DUPLICATE, FAILED);
    // Back to the queue when a review message expires or its posting is recovered after a crash.
    allow(IN_REVIEW, APPROVED, REJECTED, QUEUED_FOR_REVIEW, SKIPPED);
    // A vote withdrawn within the undo window reopens the review.
    allow(APPROVED, PUBLISHING, IN_REVIEW, DUPLICATE, SKIPPED, FAILED);
    allow(REJECTED, IN_REVIEW);
    // PUBLISHING is reconciled against Reddit: found → PUBLISHED, not found → APPROVED.
    allow(PUBLISHING, PUBLISHED, APPROVED, FAILED);
    allow(PUBLISHED, REMOVED);
    // A moderator's undo of a skip.
    allow(SKIPPED, QUEUED_FOR_REVIEW, APPROVED);
    allow(FAILED);
    allow(DUPLICATE);
    allow(REMOVED);
  }

  private static void allow(CandidateState from, CandidateState... to) {
    Set<CandidateState> set = EnumSet.noneOf(CandidateState.class);
    Collections.addAll(set, to);
    NEXT.put(from, Collections.unmodifiableSet(set));
  }

  /** The states this one may move to. */
  public Set<CandidateState> next() {
    return NEXT.get(this);
  }

  public boolean canMoveTo(CandidateState target) {
    return NEXT.get(this).contains(target);
  }

  /** No move leads out of this state. */
  public boolean isTerminal() {
    return NEXT.get(this).isEmpty();
  }

  /**
   * A state a crash can leave a candidate in while an outside call was under way: it must be
   * reconciled at start-up before any retry.
   */
  public boolean isTransient() {
    return this == PUBLISHING;
  }
}
