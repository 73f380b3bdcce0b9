package dev.nichebot.publish;

import dev.nichebot.domain.Candidate;
import dev.nichebot.reddit.Submission.Kind;
import dev.nichebot.reddit.SubredditAbout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Decides how a candidate is posted (link, native image or crosspost), fills in title and comment,
 * and checks that the post fits what the target allows, refusing with a reason a person can act on
 * when it does not.
 */
final class PostPlanner {
  private static final Pattern POST_FULLNAME = Pattern.compile("t3_[a-z0-9]{1,13}");

  /** A plan, or the reason this candidate cannot be posted there. */
  record Result(PostPlan plan, String refusal) {
    static Result of(PostPlan plan) {
      return new Result(plan, null);
    }

    static Result refused(String reason) {
      return new Result(null, reason);
    }

    boolean isRefused() {
      return refusal != null;
    }
  }

  private final PublishSettings settings;

  PostPlanner(PublishSettings settings) {
    this.settings = settings;
  }

  /**
   * Why nothing at all can be posted to the target, whatever the candidate; empty when posting is
   * possible. Checked once per run, before any candidate is touched.
   */
  Optional<String> refuseTarget(SubredditAbout about) {
    String sub = "r/" + settings.subreddit();
    if (about.userIsBanned()) {
      return Optional.of("the bot's account is banned from " + sub);
    }
    if (!about.allowsLinks()) {
      return Optional.of(sub + " takes text posts only: it allows neither link nor image posts");
    }
    if (settings.nsfw() && about.over18().map(o -> !o).orElse(false)) {
      return Optional.of(
          "publish.nsfw=true marks every post NSFW, but "
              + sub
              + " is not an NSFW subreddit; set publish.nsfw=false or post elsewhere");
    }
    if (settings.upload() == PublishSettings.Upload.NATIVE && !about.allowsImages()) {
      return Optional.of(
          sub + " does not allow image posts, and publish.upload=native posts nothing else");
    }
    if (about.subredditType().map(t -> t.equals("private")).orElse(false)
        && !about.userIsContributor()
        && !about.userIsModerator()) {
      return Optional.of(sub + " is private and the bot's account is not an approved user there");
    }
    return Optional.empty();
  }

  /**
   * @param about what the target allows; empty in a dry run (nothing is asked of Reddit)
   */
  Result plan(Candidate c, StoredImage image, Optional<SubredditAbout> about, LocalDate date) {
    Path file = imageFile(image).orElseThrow(() -> new IllegalStateException("no image file"));
    String mime = mimeType(image.format());
    boolean local = c.sourceUrl().regionMatches(true, 0, "file:", 0, 5);
    boolean web = isWeb(c.sourceUrl());
    String sub = "r/" + settings.subreddit();
    boolean imagesAllowed = about.map(SubredditAbout::allowsImages).orElse(true);

    Kind kind;
    if (settings.crosspost()
        && c.externalId() != null
        && POST_FULLNAME.matcher(c.externalId()).matches()) {
      kind = Kind.CROSSPOST;
    } else if (settings.upload() == PublishSettings.Upload.NATIVE
        || settings.upload() == PublishSettings.Upload.AUTO && !web) {
      kind = Kind.IMAGE;
    } else {
      kind = Kind.LINK;
    }
    if (kind == Kind.IMAGE) {
      if (!local && !web) {
        return Result.refused(
            "REFUSED: the image address '"
                + c.sourceUrl()
                + "' is neither a web address nor a file");
      }
      if (mime == null) {
        if (web && settings.upload() == PublishSettings.Upload.AUTO) {
          kind = Kind.LINK;
        } else {
          return Result.refused(
              "REFUSED: Reddit image uploads take JPEG, PNG or GIF, not "
                  + image.format()
                  + (web ? "; publish.upload=auto would link it instead" : ""));
        }
      } else if (!imagesAllowed) {
        return Result.refused(
            "REFUSED: "
                + sub
                + " does not allow image posts, and this image"
                + (local
                    ? " is a local file with no web address to link to"
                    : " must be uploaded"));
      }
    }
    if (kind == Kind.LINK && !web) {
      return Result.refused(
          "REFUSED: a local file has no web address for a link post; set publish.upload=auto to"
              + " upload it");
    }

    var fields = PostFields.of(c, date);
    String title = settings.titleTemplate().title(fields, settings.defaultTitle());
    String comment =
        settings.commentTemplate().isBlank() ? "" : settings.commentTemplate().comment(fields);
    boolean nsfw = settings.nsfw() || about.flatMap(SubredditAbout::over18).orElse(false);
    return Result.of(
        new PostPlan(
            c.id(),
            kind,
            settings.subreddit(),
            title,
            web ? Optional.of(c.sourceUrl().strip()) : Optional.empty(),
            kind == Kind.CROSSPOST ? Optional.of(c.externalId()) : Optional.empty(),
            file,
            mime == null ? "application/octet-stream" : mime,
            settings.flairId().isEmpty() ? Optional.empty() : Optional.of(settings.flairId()),
            settings.flairText().isEmpty() ? Optional.empty() : Optional.of(settings.flairText()),
            nsfw,
            settings.spoiler(),
            comment,
            c.sourceUrl(),
            c.pageUrl()));
  }

  /** The image's file, when it is where it should be (inside the images directory). */
  Optional<Path> imageFile(StoredImage image) {
    Path root = settings.imagesDir().toAbsolutePath().normalize();
    Path file = root.resolve(image.path()).normalize();
    return file.startsWith(root) && Files.isRegularFile(file)
        ? Optional.of(file)
        : Optional.empty();
  }

  /** What Reddit's native upload accepts; null for anything else. */
  static String mimeType(String format) {
    if (format == null) {
      return null;
    }
    return switch (format.toLowerCase(Locale.ROOT)) {
      case "png" -> "image/png";
      case "jpeg", "jpg" -> "image/jpeg";
      case "gif" -> "image/gif";
      default -> null;
    };
  }

  private static boolean isWeb(String url) {
    String lower = url.strip().toLowerCase(Locale.ROOT);
    return lower.startsWith("https://") || lower.startsWith("http://");
  }
}
