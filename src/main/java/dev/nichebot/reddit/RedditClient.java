package dev.nichebot.reddit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * nichebot's Reddit client: a script-app login, paced and retried requests, and the dozen endpoints
 * the bot uses. Callers should depend on the interface they need ({@link RedditPostSource}, {@link
 * RedditPoster}, {@link RedditInbox}), not on this class.
 *
 * <pre>{@code
 * RedditClient reddit = RedditClient.builder(settings).httpClient(sharedOkHttp).build();
 * ListingPage page = reddit.listing("earthporn", ListingSort.NEW, null, 100);
 * }</pre>
 *
 * <p>Thread-safe. All requests share one login and one rate-limit budget.
 */
public final class RedditClient
    implements RedditPostSource, RedditPoster, RedditInbox, AutoCloseable {
  private static final int RECENT_SUBMISSIONS = 25;

  private final RedditSettings settings;
  private final RedditHttp http;
  private final NativeImagePost imagePost;
  private final OkHttpClient ownedClient;

  private RedditClient(Builder builder) {
    this.settings = builder.settings;
    ObjectMapper mapper = new ObjectMapper();
    OkHttpClient base = builder.httpClient != null ? builder.httpClient : new OkHttpClient();
    this.ownedClient = builder.httpClient == null ? base : null;
    OkHttpClient.Builder common =
        base.newBuilder()
            .connectTimeout(settings.connectTimeout())
            .readTimeout(settings.readTimeout())
            .writeTimeout(settings.writeTimeout());
    UserAgentInterceptor userAgent = new UserAgentInterceptor(settings.userAgent());
    // Login, media upload and websocket: user agent and retries, no bearer, no pacing.
    OkHttpClient plain =
        common
            .build()
            .newBuilder()
            .addInterceptor(userAgent)
            .addInterceptor(new RetryInterceptor(settings, null))
            .build();
    RateLimiter limiter = new RateLimiter(settings.clock());
    AccessTokens tokens = new AccessTokens(plain, settings, mapper);
    // Order matters: each retry is paced, and each paced attempt carries a fresh token.
    OkHttpClient api =
        common
            .build()
            .newBuilder()
            .followRedirects(false)
            .followSslRedirects(false)
            .addInterceptor(userAgent)
            .addInterceptor(new RawJsonInterceptor())
            .addInterceptor(new RetryInterceptor(settings, limiter))
            .addInterceptor(
                new RateLimitInterceptor(limiter, settings.sleeper(), settings.maxPacingWait()))
            .addInterceptor(new AuthInterceptor(tokens, settings.apiUrl()))
            .build();
    this.http = new RedditHttp(api, settings, mapper);
    this.imagePost =
        new NativeImagePost(
            http,
            plain,
            settings,
            mapper,
            this::submitForm,
            user -> submitted(user, null, RECENT_SUBMISSIONS));
  }

  public static Builder builder(RedditSettings settings) {
    return new Builder(settings);
  }

  // ---- RedditPostSource -------------------------------------------------------------------

  @Override
  public ListingPage listing(String subreddit, ListingSort sort, String after, int limit) {
    Things.requireSubreddit(subreddit);
    Objects.requireNonNull(sort, "sort");
    HttpUrl.Builder url =
        http.url("r", subreddit, sort.path())
            .addQueryParameter("limit", String.valueOf(Things.requireLimit(limit)));
    sort.window().ifPresent(t -> url.addQueryParameter("t", t));
    if (after != null && !after.isBlank()) {
      url.addQueryParameter("after", Things.requireFullname(after, "t3_"));
    }
    return ThingParser.listing(
        http.get(url.build(), subreddit), "GET /r/" + subreddit + "/" + sort.path());
  }

  @Override
  public List<RedditPost> posts(Collection<String> fullnames) {
    if (fullnames.isEmpty()) {
      return List.of();
    }
    if (fullnames.size() > 100) {
      throw new IllegalArgumentException("at most 100 posts per call, got " + fullnames.size());
    }
    List<String> ids = new ArrayList<>();
    for (String fullname : fullnames) {
      ids.add(Things.requireFullname(fullname, "t3_"));
    }
    HttpUrl url = http.url("api", "info").addQueryParameter("id", String.join(",", ids)).build();
    return ThingParser.listing(http.get(url, null), "GET /api/info").posts();
  }

  // ---- RedditPoster -----------------------------------------------------------------------

  @Override
  public Account me() {
    return ThingParser.account(
        http.get(http.url("api", "v1", "me").build(), null), "GET /api/v1/me");
  }

  @Override
  public SubredditAbout about(String subreddit) {
    Things.requireSubreddit(subreddit);
    return ThingParser.about(
        http.get(http.url("r", subreddit, "about").build(), subreddit),
        "GET /r/" + subreddit + "/about");
  }

  @Override
  public SubmittedPost submit(Submission submission) {
    Objects.requireNonNull(submission, "submission");
    return switch (submission.kind()) {
      case LINK ->
          submitted(
              http.post(
                  http.url("api", "submit").build(),
                  submitForm(submission)
                      .add("kind", "link")
                      .add("url", submission.url().orElseThrow())
                      .build(),
                  submission.subreddit()));
      case CROSSPOST ->
          submitted(
              http.post(
                  http.url("api", "submit").build(),
                  submitForm(submission)
                      .add("kind", "crosspost")
                      .add("crosspost_fullname", submission.crosspostOf().orElseThrow())
                      .build(),
                  submission.subreddit()));
      case IMAGE -> imagePost.submit(submission);
    };
  }

  /** The fields every kind of submit shares. */
  private FormBody.Builder submitForm(Submission s) {
    FormBody.Builder form =
        new FormBody.Builder()
            .add("api_type", "json")
            .add("sr", s.subreddit())
            .add("title", s.title())
            .add("nsfw", String.valueOf(s.nsfw()))
            .add("spoiler", String.valueOf(s.spoiler()))
            .add("sendreplies", String.valueOf(s.sendReplies()))
            // resubmit: the same image may come back from another source; reposts are checked
            // by our own dedup, not by Reddit's URL match.
            .add("resubmit", "true")
            // Post requirements (title rules, flair required) come back as a 400 we can read.
            .add("validate_on_submit", "true");
    s.flairId().ifPresent(id -> form.add("flair_id", id));
    s.flairText().ifPresent(text -> form.add("flair_text", text));
    return form;
  }

  private static SubmittedPost submitted(JsonNode answer) {
    JsonNode data = answer.path("json").path("data");
    Optional<String> name =
        Json.nonBlank(data, "name")
            .or(() -> Json.nonBlank(data, "id").map(id -> id.startsWith("t3_") ? id : "t3_" + id));
    Optional<String> url = Json.nonBlank(data, "url");
    if (name.isEmpty() || url.isEmpty()) {
      throw new RedditProtocolException(
          "Reddit accepted POST /api/submit but its answer lacks the post's id or URL");
    }
    return new SubmittedPost(name.get(), url.get());
  }

  @Override
  public PostedComment comment(String parentFullname, String markdown) {
    Things.requireFullname(parentFullname, "t3_", "t1_");
    JsonNode thing =
        firstThing(postText("api/comment", parentFullname, markdown), "POST /api/comment");
    JsonNode data = thing.path("data");
    String fullname =
        Json.nonBlank(data, "name")
            .orElseThrow(
                () ->
                    new RedditProtocolException(
                        "Reddit's answer to POST /api/comment lacks the comment's name"));
    return new PostedComment(fullname, Json.nonBlank(data, "permalink"));
  }

  @Override
  public List<FlairChoice> flairChoices(String subreddit) {
    Things.requireSubreddit(subreddit);
    JsonNode answer =
        http.postIdempotent(
            http.url("r", subreddit, "api", "flairselector").build(),
            new FormBody.Builder().add("is_newlink", "true").build(),
            subreddit);
    return ThingParser.flairChoices(answer, "POST /r/" + subreddit + "/api/flairselector");
  }

  @Override
  public void selectFlair(String subreddit, String postFullname, String templateId, String text) {
    Things.requireSubreddit(subreddit);
    Things.requireFullname(postFullname, "t3_");
    Objects.requireNonNull(templateId, "templateId");
    FormBody.Builder form =
        new FormBody.Builder()
            .add("api_type", "json")
            .add("link", postFullname)
            .add("flair_template_id", templateId);
    if (text != null) {
      form.add("text", text);
    }
    http.postIdempotent(
        http.url("r", subreddit, "api", "selectflair").build(), form.build(), subreddit);
  }

  @Override
  public ListingPage submitted(String user, String after, int limit) {
    Things.requireUser(user);
    HttpUrl.Builder url =
        http.url("user", user, "submitted")
            .addQueryParameter("sort", "new")
            .addQueryParameter("limit", String.valueOf(Things.requireLimit(limit)));
    if (after != null && !after.isBlank()) {
      url.addQueryParameter("after", Things.requireFullname(after, "t3_"));
    }
    return ThingParser.listing(http.get(url.build(), null), "GET /user/" + user + "/submitted");
  }

  @Override
  public void delete(String fullname) {
    Things.requireFullname(fullname, "t3_", "t1_");
    http.postIdempotent(
        http.url("api", "del").build(), new FormBody.Builder().add("id", fullname).build(), null);
  }

  // ---- RedditInbox ------------------------------------------------------------------------

  @Override
  public List<InboxItem> unread(int limit) {
    HttpUrl url =
        http.url("message", "unread")
            .addQueryParameter("mark", "false")
            .addQueryParameter("limit", String.valueOf(Things.requireLimit(limit)))
            .build();
    return ThingParser.inbox(http.get(url, null), "GET /message/unread");
  }

  @Override
  public void markRead(Collection<String> fullnames) {
    List<String> ids = new ArrayList<>();
    for (String fullname : fullnames) {
      ids.add(Things.requireFullname(fullname, "t1_", "t4_"));
    }
    for (int from = 0; from < ids.size(); from += 100) {
      String batch = String.join(",", ids.subList(from, Math.min(ids.size(), from + 100)));
      http.postIdempotent(
          http.url("api", "read_message").build(),
          new FormBody.Builder().add("api_type", "json").add("id", batch).build(),
          null);
    }
  }

  @Override
  public InboxItem reply(String messageFullname, String markdown) {
    Things.requireFullname(messageFullname, "t4_");
    JsonNode thing =
        firstThing(postText("api/comment", messageFullname, markdown), "POST /api/comment");
    return ThingParser.inboxItem(thing)
        .orElseThrow(
            () -> new RedditProtocolException("Reddit's answer to the reply is not a message"));
  }

  @Override
  public void compose(String to, String subject, String markdown) {
    Things.requireUser(to);
    requireText(subject, "subject");
    requireText(markdown, "text");
    http.post(
        http.url("api", "compose").build(),
        new FormBody.Builder()
            .add("api_type", "json")
            .add("to", to)
            .add("subject", subject)
            .add("text", markdown)
            .build(),
        null);
  }

  @Override
  public List<Moderator> moderators(String subreddit) {
    Things.requireSubreddit(subreddit);
    return ThingParser.moderators(
        http.get(http.url("r", subreddit, "about", "moderators").build(), subreddit),
        "GET /r/" + subreddit + "/about/moderators");
  }

  @Override
  public Optional<Moderator> moderator(String subreddit, String user) {
    Things.requireSubreddit(subreddit);
    Things.requireUser(user);
    HttpUrl url =
        http.url("r", subreddit, "about", "moderators").addQueryParameter("user", user).build();
    // Usernames are case-insensitive; the filter echoes Reddit's spelling ("PyAPITestUser3").
    return ThingParser.moderators(
            http.get(url, subreddit), "GET /r/" + subreddit + "/about/moderators")
        .stream()
        .filter(m -> m.name().equalsIgnoreCase(user))
        .findFirst();
  }

  @Override
  public boolean isActiveAccount(String user) {
    Things.requireUser(user);
    JsonNode answer;
    try {
      answer = http.get(http.url("user", user, "about").build(), null);
    } catch (RedditApiException e) {
      if (e.httpStatus() == 404) {
        return false;
      }
      throw e;
    }
    // A suspended account's about page holds little more than its name and is_suspended.
    return !answer.path("data").path("is_suspended").asBoolean(false);
  }

  // ---- plumbing ---------------------------------------------------------------------------

  private JsonNode postText(String path, String thingId, String markdown) {
    requireText(markdown, "text");
    return http.post(
        http.url(path.split("/")).build(),
        new FormBody.Builder()
            .add("api_type", "json")
            .add("thing_id", thingId)
            .add("text", markdown)
            .build(),
        null);
  }

  private static JsonNode firstThing(JsonNode answer, String label) {
    JsonNode thing = answer.path("json").path("data").path("things").path(0);
    if (!thing.isObject()) {
      throw new RedditProtocolException("Reddit's answer to " + label + " has no json.data.things");
    }
    return thing;
  }

  private static void requireText(String text, String what) {
    Objects.requireNonNull(text, what);
    if (text.isBlank()) {
      throw new IllegalArgumentException("the " + what + " must not be blank");
    }
  }

  /** Releases the HTTP client only if this client created it; a shared one stays open. */
  @Override
  public void close() {
    if (ownedClient != null) {
      ownedClient.dispatcher().executorService().shutdown();
      ownedClient.connectionPool().evictAll();
    }
  }

  @Override
  public String toString() {
    return "RedditClient[u/" + settings.username() + " @ " + settings.apiUrl() + "]";
  }

  /** Builds a {@link RedditClient}. */
  public static final class Builder {
    private final RedditSettings settings;
    private OkHttpClient httpClient;

    private Builder(RedditSettings settings) {
      this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * The application's shared OkHttpClient: its connection pool and dispatcher are reused; the
     * Reddit interceptors are added to a derived client only, never to the shared one. Interceptors
     * already on the shared client run too: never share one that logs headers or bodies, or the
     * token and password would reach the log.
     */
    public Builder httpClient(OkHttpClient httpClient) {
      this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
      return this;
    }

    public RedditClient build() {
      return new RedditClient(this);
    }
  }
}
