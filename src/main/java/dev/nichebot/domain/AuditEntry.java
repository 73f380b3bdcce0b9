package dev.nichebot.domain;

import java.time.Instant;

/**
 * One action taken by a person, or by the bot on a person's command: who, through which channel
 * (reddit, discord, web, cli), what, on what, and the value before and after.
 */
public record AuditEntry(
    long id,
    Instant at,
    String actor,
    String channel,
    String action,
    String target,
    String before,
    String after,
    String detail) {}
