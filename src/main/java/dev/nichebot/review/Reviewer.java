package dev.nichebot.review;

import java.util.Objects;

/**
 * Someone who votes: {@code id} is stable and unique across channels ({@code discord:1234}, {@code
 * web:alice}); {@code name} is for people to read.
 */
public record Reviewer(String id, String name, String channel) {
  public Reviewer {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(channel, "channel");
    name = name == null || name.isBlank() ? id : name;
  }

  public static Reviewer discord(long userId) {
    return new Reviewer("discord:" + userId, null, "discord");
  }

  public static Reviewer web(String name) {
    String clean = name == null ? "" : name.strip().replaceAll("[^\\p{L}\\p{N}_.-]", "");
    if (clean.isEmpty()) {
      clean = "anonymous";
    }
    if (clean.length() > 40) {
      clean = clean.substring(0, 40);
    }
    return new Reviewer("web:" + clean, clean, "web");
  }
}
