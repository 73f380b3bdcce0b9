package dev.nichebot.reddit;

import java.util.Objects;
import java.util.Optional;

/**
 * A post to make: a link, a crosspost or a native image. Start with {@link #link}, {@link
 * #crosspost} or {@link #image}, then refine with the {@code with...} methods (each returns a new
 * value).
 *
 * <pre>{@code
 * Submission.image("earthporn", "Dawn over the fjord", file).withFlair(flairId, null).withNsfw(false)
 * }</pre>
 *
 * @param kind which of the three
 * @param subreddit where to post, without {@code r/}
 * @param title the title
 * @param url the link, for {@link Kind#LINK}
 * @param crosspostOf the original's fullname, for {@link Kind#CROSSPOST}
 * @param image the file, for {@link Kind#IMAGE}
 * @param nsfw mark as NSFW
 * @param spoiler mark as spoiler
 * @param sendReplies send comment replies to the bot's inbox
 * @param flairId post flair template to apply
 * @param flairText custom flair text (only for editable templates)
 */
public record Submission(
    Kind kind,
    String subreddit,
    String title,
    Optional<String> url,
    Optional<String> crosspostOf,
    Optional<ImageFile> image,
    boolean nsfw,
    boolean spoiler,
    boolean sendReplies,
    Optional<String> flairId,
    Optional<String> flairText) {

  /** What kind of post. */
  public enum Kind {
    LINK,
    CROSSPOST,
    IMAGE
  }

  public Submission {
    Objects.requireNonNull(kind, "kind");
    Things.requireSubreddit(subreddit);
    Objects.requireNonNull(title, "title");
    if (title.isBlank()) {
      throw new IllegalArgumentException("a post needs a title");
    }
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(crosspostOf, "crosspostOf");
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(flairId, "flairId");
    Objects.requireNonNull(flairText, "flairText");
    switch (kind) {
      case LINK -> require(url.isPresent(), "a link post needs a URL");
      case CROSSPOST -> require(crosspostOf.isPresent(), "a crosspost needs the original");
      case IMAGE -> require(image.isPresent(), "an image post needs an image");
    }
    crosspostOf.ifPresent(id -> Things.requireFullname(id, "t3_"));
    if (flairText.isPresent() && flairId.isEmpty()) {
      throw new IllegalArgumentException("flair text needs a flair template id");
    }
  }

  public static Submission link(String subreddit, String title, String url) {
    Objects.requireNonNull(url, "url");
    return new Submission(
        Kind.LINK,
        subreddit,
        title,
        Optional.of(url),
        Optional.empty(),
        Optional.empty(),
        false,
        false,
        true,
        Optional.empty(),
        Optional.empty());
  }

  public static Submission crosspost(String subreddit, String title, String originalFullname) {
    Objects.requireNonNull(originalFullname, "originalFullname");
    return new Submission(
        Kind.CROSSPOST,
        subreddit,
        title,
        Optional.empty(),
        Optional.of(originalFullname),
        Optional.empty(),
        false,
        false,
        true,
        Optional.empty(),
        Optional.empty());
  }

  public static Submission image(String subreddit, String title, ImageFile image) {
    Objects.requireNonNull(image, "image");
    return new Submission(
        Kind.IMAGE,
        subreddit,
        title,
        Optional.empty(),
        Optional.empty(),
        Optional.of(image),
        false,
        false,
        true,
        Optional.empty(),
        Optional.empty());
  }

  public Submission withNsfw(boolean nsfw) {
    return new Submission(
        kind,
        subreddit,
        title,
        url,
        crosspostOf,
        image,
        nsfw,
        spoiler,
        sendReplies,
        flairId,
        flairText);
  }

  public Submission withSpoiler(boolean spoiler) {
    return new Submission(
        kind,
        subreddit,
        title,
        url,
        crosspostOf,
        image,
        nsfw,
        spoiler,
        sendReplies,
        flairId,
        flairText);
  }

  public Submission withSendReplies(boolean sendReplies) {
    return new Submission(
        kind,
        subreddit,
        title,
        url,
        crosspostOf,
        image,
        nsfw,
        spoiler,
        sendReplies,
        flairId,
        flairText);
  }

  /** Applies a flair template; {@code text} (nullable) only for templates with editable text. */
  public Submission withFlair(String templateId, String text) {
    Objects.requireNonNull(templateId, "templateId");
    return new Submission(
        kind,
        subreddit,
        title,
        url,
        crosspostOf,
        image,
        nsfw,
        spoiler,
        sendReplies,
        Optional.of(templateId),
        Optional.ofNullable(text));
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }
}
