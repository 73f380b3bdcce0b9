package dev.nichebot.publish;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * How publishing behaves: where and as whom it posts, when, what, and how hard it tries. Built by
 * the app from {@code publish.*} configuration; tests build it with {@link #builder}.
 *
 * @param subreddit the target, without {@code r/}
 * @param account the bot's Reddit user name, whose submissions are read to reconcile
 * @param jitter the longest random delay after a slot
 * @param minGap the least time between two posts
 * @param dailyMax the most scheduled posts per UTC day (0: none)
 * @param order which approved candidate goes first
 * @param dryRun write to the outbox instead of calling Reddit
 * @param upload how images are posted
 * @param crosspost crosspost candidates that came from a Reddit post
 * @param titleTemplate the title, with {@code {field}} and {@code {field|fallback}}
 * @param defaultTitle used when the title template renders to nothing
 * @param commentTemplate the credit comment; blank: none
 * @param flairId post flair template id; blank: none
 * @param flairText flair text (with an id: the editable text; alone: the template with this text)
 * @param nsfw mark posts NSFW
 * @param spoiler mark posts as spoilers
 * @param maxAttempts attempts before a candidate is FAILED
 * @param dedupDistance largest perceptual-hash distance that counts as a near duplicate
 * @param reconcileAfter how long an interrupted attempt may still appear in the account's
 *     submissions before "not found" is believed
 * @param retryBackoff wait before a failed candidate is tried again
 * @param imagesDir where stored images live (images.path is relative to it)
 * @param outboxDir where dry runs write
 */
public record PublishSettings(
    String subreddit,
    String account,
    Duration jitter,
    Duration minGap,
    int dailyMax,
    Order order,
    boolean dryRun,
    Upload upload,
    boolean crosspost,
    TitleTemplate titleTemplate,
    String defaultTitle,
    TitleTemplate commentTemplate,
    String flairId,
    String flairText,
    boolean nsfw,
    boolean spoiler,
    int maxAttempts,
    int dedupDistance,
    Duration reconcileAfter,
    Duration retryBackoff,
    Path imagesDir,
    Path outboxDir) {

  /** Which approved candidate is posted first. */
  public enum Order {
    /** The one approved longest ago. */
    OLDEST,
    /** The one the classifier scored highest. */
    SCORE;

    public static Order parse(String text) {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }
  }

  /** How an image is posted. */
  public enum Upload {
    /** Native upload for local files, a link to the image otherwise. */
    AUTO,
    /** Always a native image upload. */
    NATIVE,
    /** Always a link post (local files cannot be posted). */
    LINK;

    public static Upload parse(String text) {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }
  }

  public PublishSettings {
    Objects.requireNonNull(subreddit, "subreddit");
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(jitter, "jitter");
    Objects.requireNonNull(minGap, "minGap");
    Objects.requireNonNull(order, "order");
    Objects.requireNonNull(upload, "upload");
    Objects.requireNonNull(titleTemplate, "titleTemplate");
    Objects.requireNonNull(commentTemplate, "commentTemplate");
    Objects.requireNonNull(reconcileAfter, "reconcileAfter");
    Objects.requireNonNull(retryBackoff, "retryBackoff");
    Objects.requireNonNull(imagesDir, "imagesDir");
    Objects.requireNonNull(outboxDir, "outboxDir");
    flairId = flairId == null ? "" : flairId.strip();
    flairText = flairText == null ? "" : flairText.strip();
    if (defaultTitle == null || defaultTitle.isBlank()) {
      throw new IllegalArgumentException("the default title must not be blank");
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
    if (dailyMax < 0 || dedupDistance < 0) {
      throw new IllegalArgumentException("dailyMax and dedupDistance must not be negative");
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder()
        .subreddit(subreddit)
        .account(account)
        .jitter(jitter)
        .minGap(minGap)
        .dailyMax(dailyMax)
        .order(order)
        .dryRun(dryRun)
        .upload(upload)
        .crosspost(crosspost)
        .titleTemplate(titleTemplate.text())
        .defaultTitle(defaultTitle)
        .commentTemplate(commentTemplate.text())
        .flair(flairId, flairText)
        .nsfw(nsfw)
        .spoiler(spoiler)
        .maxAttempts(maxAttempts)
        .dedupDistance(dedupDistance)
        .reconcileAfter(reconcileAfter)
        .retryBackoff(retryBackoff)
        .imagesDir(imagesDir)
        .outboxDir(outboxDir);
  }

  /** Builds {@link PublishSettings}; every setting has the configuration's default. */
  public static final class Builder {
    private String subreddit = "";
    private String account = "";
    private Duration jitter = Duration.ofMinutes(15);
    private Duration minGap = Duration.ofHours(2);
    private int dailyMax = 4;
    private Order order = Order.OLDEST;
    private boolean dryRun;
    private Upload upload = Upload.AUTO;
    private boolean crosspost;
    private String titleTemplate = "{title}";
    private String defaultTitle = "Today's find";
    private String commentTemplate = "";
    private String flairId = "";
    private String flairText = "";
    private boolean nsfw;
    private boolean spoiler;
    private int maxAttempts = 3;
    private int dedupDistance = 8;
    private Duration reconcileAfter = Duration.ofMinutes(2);
    private Duration retryBackoff = Duration.ofMinutes(10);
    private Path imagesDir = Path.of("data", "images");
    private Path outboxDir = Path.of("data", "outbox");

    private Builder() {}

    public Builder subreddit(String subreddit) {
      this.subreddit = subreddit;
      return this;
    }

    public Builder account(String account) {
      this.account = account;
      return this;
    }

    public Builder jitter(Duration jitter) {
      this.jitter = jitter;
      return this;
    }

    public Builder minGap(Duration minGap) {
      this.minGap = minGap;
      return this;
    }

    public Builder dailyMax(int dailyMax) {
      this.dailyMax = dailyMax;
      return this;
    }

    public Builder order(Order order) {
      this.order = order;
      return this;
    }

    public Builder dryRun(boolean dryRun) {
      this.dryRun = dryRun;
      return this;
    }

    public Builder upload(Upload upload) {
      this.upload = upload;
      return this;
    }

    public Builder crosspost(boolean crosspost) {
      this.crosspost = crosspost;
      return this;
    }

    public Builder titleTemplate(String template) {
      this.titleTemplate = template;
      return this;
    }

    public Builder defaultTitle(String title) {
      this.defaultTitle = title;
      return this;
    }

    public Builder commentTemplate(String template) {
      this.commentTemplate = template;
      return this;
    }

    public Builder flair(String id, String text) {
      this.flairId = id;
      this.flairText = text;
      return this;
    }

    public Builder nsfw(boolean nsfw) {
      this.nsfw = nsfw;
      return this;
    }

    public Builder spoiler(boolean spoiler) {
      this.spoiler = spoiler;
      return this;
    }

    public Builder maxAttempts(int maxAttempts) {
      this.maxAttempts = maxAttempts;
      return this;
    }

    public Builder dedupDistance(int distance) {
      this.dedupDistance = distance;
      return this;
    }

    public Builder reconcileAfter(Duration reconcileAfter) {
      this.reconcileAfter = reconcileAfter;
      return this;
    }

    public Builder retryBackoff(Duration retryBackoff) {
      this.retryBackoff = retryBackoff;
      return this;
    }

    public Builder imagesDir(Path imagesDir) {
      this.imagesDir = imagesDir;
      return this;
    }

    public Builder outboxDir(Path outboxDir) {
      this.outboxDir = outboxDir;
      return this;
    }

    /**
     * @throws IllegalArgumentException for a template with an unknown field or a stray brace, or a
     *     blank default title
     */
    public PublishSettings build() {
      return new PublishSettings(
          subreddit,
          account,
          jitter,
          minGap,
          dailyMax,
          order,
          dryRun,
          upload,
          crosspost,
          TitleTemplate.parse(titleTemplate),
          defaultTitle,
          TitleTemplate.parse(commentTemplate),
          flairId,
          flairText,
          nsfw,
          spoiler,
          maxAttempts,
          dedupDistance,
          reconcileAfter,
          retryBackoff,
          imagesDir,
          outboxDir);
    }
  }
}
