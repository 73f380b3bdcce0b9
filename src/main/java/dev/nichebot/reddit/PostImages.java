package dev.nichebot.reddit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import okhttp3.HttpUrl;

/**
 * Finds the ordered images of a post in its JSON ({@code data} of a {@code t3}). Every field is
 * treated as optional; anything unexpected yields fewer images, never an exception.
 */
final class PostImages {
  private static final Set<String> IMAGE_EXTENSIONS = Set.of("jpg", "jpeg", "png", "gif", "webp");
  private static final Set<String> IMGUR_PAGES =
      Set.of("imgur.com", "www.imgur.com", "m.imgur.com");
  private static final int MAX_CROSSPOST_DEPTH = 3;

  private PostImages() {}

  static List<PostImage> of(JsonNode post) {
    return of(post, 0);
  }

  private static List<PostImage> of(JsonNode post, int depth) {
    if (post == null || !post.isObject()) {
      return List.of();
    }
    // A crosspost's own fields describe the link to the original; the original has the media.
    JsonNode parents = post.path("crosspost_parent_list");
    if (parents.isArray() && parents.size() > 0 && depth < MAX_CROSSPOST_DEPTH) {
      return of(parents.get(0), depth + 1);
    }
    if (Json.flag(post, "is_self") || Json.flag(post, "is_video")) {
      return List.of();
    }
    String hint = Json.text(post, "post_hint").orElse("");
    if (hint.endsWith(":video")) { // hosted:video, rich:video
      return List.of();
    }
    if (Json.flag(post, "is_gallery")) {
      return gallery(post);
    }
    // Keep Reddit's exact string: preview URLs are signed, and re-encoding could break them.
    Optional<String> link =
        Json.text(post, "url_overridden_by_dest").or(() -> Json.text(post, "url"));
    HttpUrl url = link.map(HttpUrl::parse).orElse(null);
    if (url != null) {
      String host = url.host().toLowerCase(Locale.ROOT);
      if (IMGUR_PAGES.contains(host)) {
        return List.of(); // an imgur page (or album) is HTML, not an image
      }
      boolean imageFile = IMAGE_EXTENSIONS.contains(extension(url));
      if (host.equals("i.redd.it")
          || (imageFile && (host.equals("i.imgur.com") || hint.equals("image")))) {
        JsonNode source = previewSource(post);
        return List.of(
            new PostImage(
                link.get(),
                dimension(source, "width"),
                dimension(source, "height"),
                PostImage.Source.DIRECT));
      }
      if (host.equals("i.imgur.com")) {
        return List.of(); // .gifv / .mp4 on imgur are videos
      }
    }
    return preview(post);
  }

  private static List<PostImage> gallery(JsonNode post) {
    JsonNode metadata = post.path("media_metadata");
    if (!metadata.isObject()) {
      return List.of();
    }
    List<JsonNode> ordered = new ArrayList<>();
    JsonNode items = Json.at(post, "gallery_data", "items");
    if (items.isArray()) {
      for (JsonNode item : items) {
        Json.text(item, "media_id").map(metadata::get).ifPresent(ordered::add);
      }
    } else {
      // Fresh galleries come with gallery_data null: the metadata's own order is all there is.
      for (Iterator<Map.Entry<String, JsonNode>> it = metadata.fields(); it.hasNext(); ) {
        ordered.add(it.next().getValue());
      }
    }
    List<PostImage> images = new ArrayList<>();
    for (JsonNode media : ordered) {
      if (!"valid".equals(Json.text(media, "status").orElse(null))) {
        continue; // failed or unprocessed: there is no file to fetch yet
      }
      String type = Json.text(media, "e").orElse("");
      JsonNode source = media.path("s");
      Optional<String> file =
          switch (type) {
            case "Image" -> Json.text(source, "u");
            case "AnimatedImage" -> Json.text(source, "gif");
            default -> Optional.empty(); // RedditVideo and unknown types are not images
          };
      file.flatMap(PostImages::httpUrl)
          .ifPresent(
              url ->
                  images.add(
                      new PostImage(
                          url,
                          dimension(source, "x"),
                          dimension(source, "y"),
                          PostImage.Source.GALLERY)));
    }
    return List.copyOf(images);
  }

  private static List<PostImage> preview(JsonNode post) {
    JsonNode source = previewSource(post);
    return Json.text(source, "url")
        .flatMap(PostImages::httpUrl)
        .map(
            url ->
                List.of(
                    new PostImage(
                        url,
                        dimension(source, "width"),
                        dimension(source, "height"),
                        PostImage.Source.PREVIEW)))
        .orElse(List.of());
  }

  private static JsonNode previewSource(JsonNode post) {
    return post.path("preview").path("images").path(0).path("source");
  }

  private static OptionalInt dimension(JsonNode node, String field) {
    return Json.integer(node, field)
        .filter(v -> v > 0)
        .map(OptionalInt::of)
        .orElse(OptionalInt.empty());
  }

  private static Optional<String> httpUrl(String s) {
    return HttpUrl.parse(s) == null ? Optional.empty() : Optional.of(s);
  }

  private static String extension(HttpUrl url) {
    List<String> segments = url.pathSegments();
    String last = segments.isEmpty() ? "" : segments.get(segments.size() - 1);
    int dot = last.lastIndexOf('.');
    return dot < 0 ? "" : last.substring(dot + 1).toLowerCase(Locale.ROOT);
  }
}
