package dev.nichebot.domain;

/** A reviewer's verdict on a candidate. */
public enum Vote {
  APPROVE,
  REJECT
}
