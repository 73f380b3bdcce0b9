package dev.nichebot.domain;

import org.slf4j.MDC;

/** Puts the candidate being worked on into every log line written meanwhile. */
public final class Logs {
  private Logs() {}

  /** Use as {@code try (var ignored = Logs.candidate(id)) { ... }}. */
  public static MDC.MDCCloseable candidate(long candidateId) {
    return MDC.putCloseable("candidate", Long.toString(candidateId));
  }
}
