package dev.nichebot.reddit;

/**
 * Reddit accepted a native image post but never said where it is: the websocket stayed silent and
 * the post was not (yet) among the account's recent submissions. The post probably exists;
 * reconcile later with {@link RedditPoster#submitted} (match {@link #assetId()} in the post URL)
 * instead of posting again.
 */
public class SubmissionUnconfirmedException extends RedditException {
  private static final long serialVersionUID = 1L;

  private final String assetId;
  private final String title;

  public SubmissionUnconfirmedException(String message, String assetId, String title) {
    super(message);
    this.assetId = assetId;
    this.title = title;
  }

  /** Reddit's media asset id; the post's image URL is {@code https://i.redd.it/<assetId>.<ext>}. */
  public String assetId() {
    return assetId;
  }

  public String title() {
    return title;
  }
}
