package dev.nichebot.reddit;

/**
 * Request tag: this POST may be repeated safely (marking read, deleting, uploading to a lease,
 * logging in). Untagged POSTs (submit, comment, compose) are not repeated after they may have
 * reached Reddit, so a flaky network never double-posts.
 */
final class Idempotent {
  static final Idempotent INSTANCE = new Idempotent();

  private Idempotent() {}
}
