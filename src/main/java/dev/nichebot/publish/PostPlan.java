package dev.nichebot.publish;

import dev.nichebot.reddit.ImageFile;
import dev.nichebot.reddit.Submission;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * What will be posted for one candidate: kind, target, title, what it links to or uploads, flair,
 * flags and credit comment. The same plan is sent to Reddit or written to the outbox.
 *
 * @param candidateId the candidate
 * @param kind link, crosspost or native image
 * @param subreddit the target
 * @param title the title, already trimmed to Reddit's limit
 * @param url the image address, for a link post
 * @param crosspostOf the original post's fullname, for a crosspost
 * @param imageFile the stored image file (always present: the outbox copies it)
 * @param mimeType the image's type
 * @param flairId post flair template id
 * @param flairText flair text
 * @param nsfw marked NSFW
 * @param spoiler marked as spoiler
 * @param comment the credit comment; empty for none
 * @param sourceUrl the candidate's image address
 * @param pageUrl the page it came from, if known
 */
public record PostPlan(
    long candidateId,
    Submission.Kind kind,
    String subreddit,
    String title,
    Optional<String> url,
    Optional<String> crosspostOf,
    Path imageFile,
    String mimeType,
    Optional<String> flairId,
    Optional<String> flairText,
    boolean nsfw,
    boolean spoiler,
    String comment,
    String sourceUrl,
    String pageUrl) {

  /** {@code link}, {@code crosspost} or {@code image}: as stored in {@code posts.kind}. */
  public String kindName() {
    return kind.name().toLowerCase(Locale.ROOT);
  }

  public PostPlan withKind(Submission.Kind newKind) {
    return new PostPlan(
        candidateId,
        newKind,
        subreddit,
        title,
        url,
        crosspostOf,
        imageFile,
        mimeType,
        flairId,
        flairText,
        nsfw,
        spoiler,
        comment,
        sourceUrl,
        pageUrl);
  }

  public PostPlan withFlair(Optional<String> id, Optional<String> text) {
    return new PostPlan(
        candidateId,
        kind,
        subreddit,
        title,
        url,
        crosspostOf,
        imageFile,
        mimeType,
        id,
        text,
        nsfw,
        spoiler,
        comment,
        sourceUrl,
        pageUrl);
  }

  /** The Reddit submission; reads the image file for a native upload. */
  Submission toSubmission() {
    Submission s =
        switch (kind) {
          case LINK -> Submission.link(subreddit, title, url.orElseThrow());
          case CROSSPOST -> Submission.crosspost(subreddit, title, crosspostOf.orElseThrow());
          case IMAGE -> Submission.image(subreddit, title, imageUpload());
        };
    s = s.withNsfw(nsfw).withSpoiler(spoiler);
    if (flairId.isPresent()) {
      s = s.withFlair(flairId.get(), flairText.orElse(null));
    }
    return s;
  }

  private ImageFile imageUpload() {
    try {
      return new ImageFile(
          "candidate-" + candidateId + extension(mimeType),
          mimeType,
          Files.readAllBytes(imageFile));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the image file " + imageFile.getFileName(), e);
    }
  }

  static String extension(String mimeType) {
    return switch (mimeType) {
      case "image/png" -> ".png";
      case "image/gif" -> ".gif";
      case "image/webp" -> ".webp";
      default -> ".jpg";
    };
  }
}
