package dev.nichebot.web;

/** One thing /healthz checks: its name and whether it is up. */
public interface HealthCheck {
  String name();

  boolean isUp();
}
