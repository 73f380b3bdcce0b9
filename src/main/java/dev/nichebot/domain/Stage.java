package dev.nichebot.domain;

import java.util.Locale;

/** The pipeline's stages, each run by its own scheduled job, and the pause switch that stops it. */
public enum Stage {
  CRAWL(PauseSwitch.CRAWL),
  DOWNLOAD(PauseSwitch.CRAWL),
  CLASSIFY(PauseSwitch.CRAWL),
  REVIEW(PauseSwitch.REVIEW),
  PUBLISH(PauseSwitch.PUBLISH),
  INBOX(null);

  private final PauseSwitch pauseSwitch;

  Stage(PauseSwitch pauseSwitch) {
    this.pauseSwitch = pauseSwitch;
  }

  /** The switch that pauses this stage; the inbox is never paused, or nobody could resume. */
  public PauseSwitch pauseSwitch() {
    return pauseSwitch;
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
