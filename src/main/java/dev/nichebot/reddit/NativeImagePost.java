package dev.nichebot.reddit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A native image post: lease an upload slot ({@code POST /api/media/asset.json}), upload the file
 * to the leased S3 form, submit {@code kind=image}, then learn the post's URL from Reddit's
 * websocket, or, if it stays silent, from the account's recent submissions.
 */
final class NativeImagePost {
  private static final Logger log = LoggerFactory.getLogger(NativeImagePost.class);
  private static final Pattern POST_ID = Pattern.compile("/comments/([a-z0-9]{1,13})(?:/|$)");
  private static final long MAX_UPLOAD_ANSWER = 64 * 1024;

  private final RedditHttp http;
  private final OkHttpClient plain;
  private final RedditSettings settings;
  private final ObjectMapper mapper;
  private final Function<Submission, FormBody.Builder> submitForm;
  private final Function<String, ListingPage> recentSubmissions;

  NativeImagePost(
      RedditHttp http,
      OkHttpClient plain,
      RedditSettings settings,
      ObjectMapper mapper,
      Function<Submission, FormBody.Builder> submitForm,
      Function<String, ListingPage> recentSubmissions) {
    this.http = http;
    this.plain = plain;
    this.settings = settings;
    this.mapper = mapper;
    this.submitForm = submitForm;
    this.recentSubmissions = recentSubmissions;
  }

  SubmittedPost submit(Submission submission) {
    ImageFile image = submission.image().orElseThrow();
    Lease lease = lease(image);
    String uploaded = upload(lease, image);
    Instant submittedAt = settings.clock().instant();
    Optional<MediaPostSocket> socket =
        lease
            .websocketUrl()
            .flatMap(url -> MediaPostSocket.open(plain, url, mapper, settings.connectTimeout()));
    try {
      JsonNode answer =
          http.post(
              http.url("api", "submit").build(),
              submitForm.apply(submission).add("kind", "image").add("url", uploaded).build(),
              submission.subreddit());
      if (socket.isEmpty()) {
        socket =
            Json.nonBlank(answer.path("json").path("data"), "websocket_url")
                .flatMap(
                    url -> MediaPostSocket.open(plain, url, mapper, settings.connectTimeout()));
      }
      log.info(
          "Submitted image post '{}' to r/{} (asset {}); waiting for its URL",
          submission.title(),
          submission.subreddit(),
          lease.assetId());
      Optional<SubmittedPost> announced =
          socket
              .flatMap(s -> s.awaitPostUrl(settings.mediaPostTimeout(), "POST /api/submit"))
              .flatMap(NativeImagePost::fromUrl);
      if (announced.isPresent()) {
        return announced.get();
      }
    } finally {
      socket.ifPresent(MediaPostSocket::close);
    }
    return lookUp(submission, lease.assetId(), submittedAt);
  }

  private record Lease(
      HttpUrl action, Map<String, String> fields, String assetId, Optional<String> websocketUrl) {}

  private Lease lease(ImageFile image) {
    JsonNode answer =
        http.postIdempotent(
            http.url("api", "media", "asset.json").build(),
            new FormBody.Builder()
                .add("api_type", "json")
                .add("filepath", image.fileName())
                .add("mimetype", image.mimeType())
                .build(),
            null);
    JsonNode args = answer.path("args");
    String action = Json.nonBlank(args, "action").orElse(null);
    Map<String, String> fields = new LinkedHashMap<>();
    for (JsonNode field : args.path("fields")) {
      Optional<String> name = Json.nonBlank(field, "name");
      Optional<String> value = Json.text(field, "value");
      if (name.isPresent() && value.isPresent()) {
        fields.put(name.get(), value.get());
      }
    }
    Optional<String> assetId = Json.nonBlank(answer.path("asset"), "asset_id");
    HttpUrl actionUrl = action == null ? null : resolve(action);
    if (actionUrl == null || !fields.containsKey("key") || assetId.isEmpty()) {
      throw new RedditProtocolException(
          "Reddit's media lease (POST /api/media/asset.json) lacks the upload URL, key or asset id");
    }
    return new Lease(
        actionUrl, fields, assetId.get(), Json.nonBlank(answer.path("asset"), "websocket_url"));
  }

  /** Reddit gives the S3 action protocol-relative ({@code //bucket.host}); use the API's scheme. */
  private HttpUrl resolve(String action) {
    String absolute = action.startsWith("//") ? settings.apiUrl().scheme() + ":" + action : action;
    return HttpUrl.parse(absolute);
  }

  private String upload(Lease lease, ImageFile image) {
    MultipartBody.Builder form = new MultipartBody.Builder().setType(MultipartBody.FORM);
    lease.fields().forEach(form::addFormDataPart);
    form.addFormDataPart(
        "file",
        image.fileName(),
        RequestBody.create(image.bytes(), MediaType.get(image.mimeType())));
    String label = "POST " + lease.action().host() + lease.action().encodedPath();
    Request request =
        new Request.Builder()
            .url(lease.action())
            .post(form.build())
            .tag(Idempotent.class, Idempotent.INSTANCE)
            .build();
    try (Response response = plain.newCall(request).execute()) {
      byte[] body = Bodies.read(response, MAX_UPLOAD_ANSWER, label);
      if (!response.isSuccessful()) {
        String xml = new String(body, StandardCharsets.UTF_8);
        throw new RedditApiException(
            label,
            xmlElement(xml, "Code").orElse(String.valueOf(response.code())),
            xmlElement(xml, "Message").orElse("the media upload was refused"),
            null,
            response.code());
      }
    } catch (GaveUpException e) {
      throw RedditHttp.gaveUp(e, label);
    } catch (IOException e) {
      throw new RedditUnavailableException(
          "Could not upload the image to Reddit's media store: " + e.getClass().getSimpleName(),
          1,
          e);
    }
    String base = lease.action().toString();
    return (base.endsWith("/") ? base : base + "/") + lease.fields().get("key");
  }

  private SubmittedPost lookUp(Submission submission, String assetId, Instant submittedAt) {
    for (int look = 1; look <= settings.mediaPostLookups(); look++) {
      if (look > 1) {
        try {
          settings.sleeper().sleep(settings.mediaPostLookupDelay());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      for (RedditPost post : recentSubmissions.apply(settings.username()).posts()) {
        if (isTheOne(post, submission, assetId, submittedAt)) {
          log.info(
              "Found the image post {} among u/{}'s submissions",
              post.fullname(),
              settings.username());
          String url =
              post.permalink().map(p -> "https://www.reddit.com" + p).or(post::url).orElse("");
          return new SubmittedPost(post.fullname(), url);
        }
      }
    }
    throw new SubmissionUnconfirmedException(
        "Reddit accepted the image post '"
            + submission.title()
            + "' to r/"
            + submission.subreddit()
            + " but did not say where it is: no websocket answer within "
            + settings.mediaPostTimeout().toSeconds()
            + " s and not among u/"
            + settings.username()
            + "'s recent submissions after "
            + settings.mediaPostLookups()
            + " looks. Reconcile later (asset "
            + assetId
            + ") instead of posting again",
        assetId,
        submission.title());
  }

  private static boolean isTheOne(
      RedditPost post, Submission submission, String assetId, Instant submittedAt) {
    // The image's URL is https://i.redd.it/<asset id>.<ext>: a sure match.
    boolean sameAsset =
        post.url()
            .map(u -> u.contains("/" + assetId + ".") || u.endsWith("/" + assetId))
            .orElse(false);
    boolean sameTitleSinceSubmit =
        post.title().map(submission.title()::equals).orElse(false)
            && post.subreddit().map(submission.subreddit()::equalsIgnoreCase).orElse(false)
            && post.created().map(c -> !c.isBefore(submittedAt.minusSeconds(120))).orElse(false);
    return sameAsset || sameTitleSinceSubmit;
  }

  private static Optional<SubmittedPost> fromUrl(String url) {
    Matcher m = POST_ID.matcher(url);
    if (!m.find()) {
      log.warn("Reddit's websocket announced a URL without a post id; will look the post up");
      return Optional.empty();
    }
    return Optional.of(new SubmittedPost("t3_" + m.group(1), url));
  }

  private static Optional<String> xmlElement(String xml, String name) {
    Matcher m = Pattern.compile("<" + name + ">([^<]{0,300})</" + name + ">").matcher(xml);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }
}
