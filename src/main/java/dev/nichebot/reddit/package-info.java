/**
 * nichebot's own Reddit API client (OkHttp + Jackson), an adapter that uses no other package of
 * nichebot.
 *
 * <p>Other packages depend on one of three small interfaces: {@link
 * dev.nichebot.reddit.RedditPostSource} (crawl: listings, posts by id; every {@link
 * dev.nichebot.reddit.RedditPost} carries its ordered {@link dev.nichebot.reddit.PostImage}s),
 * {@link dev.nichebot.reddit.RedditPoster} (publish: about, submit link/crosspost/native image,
 * comment, flair, submitted, delete, me) and {@link dev.nichebot.reddit.RedditInbox} (moderation:
 * unread, mark read, reply, compose, moderators). {@link dev.nichebot.reddit.RedditClient}
 * implements all three; build one per application from {@link dev.nichebot.reddit.RedditSettings}
 * and share it, so that every caller shares one login and one rate-limit budget.
 *
 * <p>Cross-cutting behaviour lives in OkHttp interceptors on the client's own derived OkHttpClient:
 * user agent, {@code raw_json=1}, retries with backoff (bounded in attempts and time), pacing from
 * {@code x-ratelimit-*}, and the bearer token (renewed early, and once on a 401). Everything that
 * goes wrong surfaces as a {@link dev.nichebot.reddit.RedditException} subtype that says what to do
 * about it.
 */
package dev.nichebot.reddit;
