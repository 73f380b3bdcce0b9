package dev.nichebot.publish;

import java.time.Instant;

/**
 * One post the bot made (or, in a dry run, would have made).
 *
 * @param id the row's id
 * @param candidateId the candidate it posted
 * @param redditId the post's fullname ({@code t3_...}); null for a dry run
 * @param url where to see it: the post on Reddit, or the outbox file of a dry run
 * @param permalink the path of the post's comments page, when known
 * @param title the title as posted
 * @param subreddit where it went
 * @param kind {@code link}, {@code image} or {@code crosspost}
 * @param postedAt when
 * @param dryRun written to the outbox instead of Reddit
 * @param removedAt when a moderator removed it, if so
 * @param commentId the credit comment's fullname, if one was posted
 * @param sourceUrl the candidate's image address
 * @param pageUrl the page the image came from, if known
 */
public record Post(
    long id,
    long candidateId,
    String redditId,
    String url,
    String permalink,
    String title,
    String subreddit,
    String kind,
    Instant postedAt,
    boolean dryRun,
    Instant removedAt,
    String commentId,
    String sourceUrl,
    String pageUrl) {}
