package dev.nichebot.reddit;

import java.util.Objects;
import java.util.Optional;

/**
 * What a subreddit allows, as seen by the logged-in account ({@code GET /r/<sub>/about}).
 *
 * @param name display name without {@code r/}
 * @param fullname {@code t5_<id>}
 * @param title the subreddit's title
 * @param over18 NSFW subreddit, when known
 * @param submissionType {@code any}, {@code link} or {@code self}
 * @param allowImages native image posts allowed
 * @param allowGalleries gallery posts allowed
 * @param allowVideos video posts allowed
 * @param linkFlairEnabled post flair in use
 * @param subredditType {@code public}, {@code restricted}, {@code private}, ...
 * @param subscribers subscriber count
 * @param quarantined quarantined subreddit
 * @param userIsModerator the bot account moderates it
 * @param userIsBanned the bot account is banned there
 * @param userIsContributor the bot account is an approved user there
 */
public record SubredditAbout(
    String name,
    Optional<String> fullname,
    Optional<String> title,
    Optional<Boolean> over18,
    Optional<String> submissionType,
    Optional<Boolean> allowImages,
    Optional<Boolean> allowGalleries,
    Optional<Boolean> allowVideos,
    Optional<Boolean> linkFlairEnabled,
    Optional<String> subredditType,
    Optional<Integer> subscribers,
    boolean quarantined,
    boolean userIsModerator,
    boolean userIsBanned,
    boolean userIsContributor) {

  public SubredditAbout {
    Objects.requireNonNull(name, "name");
  }

  /** Link posts (and crossposts) are accepted: the submission type is not text-only. */
  public boolean allowsLinks() {
    return !submissionType.map("self"::equalsIgnoreCase).orElse(false);
  }

  /** Native image posts are accepted: links allowed and images explicitly allowed. */
  public boolean allowsImages() {
    return allowsLinks() && allowImages.orElse(false);
  }
}
