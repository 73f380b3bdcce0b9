package dev.nichebot.schedule;

/** What one run of a stage did: how many items it handled, and a short human summary. */
public record StageResult(int items, String summary) {
  public static StageResult of(int items, String summary) {
    return new StageResult(items, summary);
  }

  public static StageResult idle() {
    return new StageResult(0, "nothing to do");
  }
}
