package dev.nichebot.domain;

import java.time.Instant;

/**
 * One image on its way through the pipeline: where it was found, what became of it. Fields that a
 * stage has not filled yet are null.
 *
 * @param sourceUrl the image's URL (or {@code file:} URI for folder sources); unique
 * @param pageUrl the page it came from (a Reddit permalink, a feed item's link), for credit
 * @param externalId the source's own id for the item (a Reddit fullname), if any
 * @param imageId the stored image once downloaded
 * @param duplicateOfImageId for DUPLICATE: the image it duplicates
 * @param reviewMessageId the review message (Discord) that carries it, while in review
 */
public record Candidate(
    long id,
    CandidateState state,
    String reason,
    Long sourceId,
    String sourceUrl,
    String pageUrl,
    String author,
    String title,
    String externalId,
    Long imageId,
    Double signalScore,
    Double nsfwScore,
    String modelVersion,
    Long duplicateOfImageId,
    Integer duplicateDistance,
    int attempts,
    Instant nextAttemptAt,
    String reviewMessageId,
    Instant createdAt,
    Instant stateChangedAt) {}
