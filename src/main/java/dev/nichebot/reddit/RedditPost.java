package dev.nichebot.reddit;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A submission ({@code t3}) as a listing returns it. Reddit may leave out or null any field but the
 * fullname: text, numbers and times are therefore {@link Optional}; flags are {@code false} when
 * absent, except {@link #over18()}, where "unknown" must not read as "safe".
 *
 * @param fullname {@code t3_<id>}
 * @param subreddit display name without {@code r/}
 * @param author username, empty for deleted accounts
 * @param title the title as posted
 * @param url what the post links to (its own permalink for self posts)
 * @param permalink path of the comments page, like {@code /r/pics/comments/abc/title/}
 * @param domain {@code i.redd.it}, {@code self.pics}, {@code youtu.be}, ...
 * @param created when it was posted
 * @param over18 the NSFW flag, when known
 * @param spoiler marked as spoiler
 * @param self a text post
 * @param video a Reddit-hosted video
 * @param gallery a Reddit gallery
 * @param postHint Reddit's guess at the content ({@code image}, {@code link}, {@code rich:video},
 *     ...)
 * @param score votes at listing time
 * @param linkFlairText the post flair's text
 * @param crosspostParent fullname of the original, for a crosspost
 * @param images the post's images in display order (see {@link #images()})
 */
public record RedditPost(
    String fullname,
    Optional<String> subreddit,
    Optional<String> author,
    Optional<String> title,
    Optional<String> url,
    Optional<String> permalink,
    Optional<String> domain,
    Optional<Instant> created,
    Optional<Boolean> over18,
    boolean spoiler,
    boolean self,
    boolean video,
    boolean gallery,
    Optional<String> postHint,
    Optional<Integer> score,
    Optional<String> linkFlairText,
    Optional<String> crosspostParent,
    List<PostImage> images) {

  public RedditPost {
    Objects.requireNonNull(fullname, "fullname");
    images = List.copyOf(images);
  }

  /** The base-36 id, {@code fullname} without {@code t3_}. */
  public String id() {
    return Things.stripKind(fullname);
  }

  /**
   * The ordered images of this post: the direct {@code i.redd.it}/{@code i.imgur.com} file; a
   * gallery's valid items in gallery order (animated ones as gif); a crosspost's original; the
   * preview image for a link that is not an image; nothing for videos, text posts and {@code
   * imgur.com} pages. Width and height are given when Reddit knows them.
   */
  @Override
  public List<PostImage> images() {
    return images;
  }
}
