package dev.nichebot.reddit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns Reddit's JSON into this package's records. Lenient: every field is optional. */
final class ThingParser {
  private static final Logger log = LoggerFactory.getLogger(ThingParser.class);
  private static final Pattern FULLNAME = Pattern.compile("t[1-6]_[a-z0-9]{1,13}");

  private ThingParser() {}

  /** A {@code Listing} of {@code t3}; other kinds and items without a fullname are skipped. */
  static ListingPage listing(JsonNode body, String request) {
    JsonNode data = requireListing(body, request);
    List<RedditPost> posts = new ArrayList<>();
    for (JsonNode child : data.path("children")) {
      post(child, request).ifPresent(posts::add);
    }
    return new ListingPage(posts, Json.nonBlank(data, "after"));
  }

  static Optional<RedditPost> post(JsonNode child, String request) {
    String kind = Json.text(child, "kind").orElse("");
    JsonNode data = child.path("data");
    Optional<String> fullname = fullname(data, "t3_");
    if (!kind.equals("t3") || fullname.isEmpty()) {
      log.warn(
          "Skipped a listing item from {} that is not a post with a fullname (kind '{}')",
          request,
          Things.printable(kind));
      return Optional.empty();
    }
    return Optional.of(
        new RedditPost(
            fullname.get(),
            Json.nonBlank(data, "subreddit"),
            Json.nonBlank(data, "author").filter(a -> !a.equals("[deleted]")),
            Json.text(data, "title"),
            Json.nonBlank(data, "url"),
            Json.nonBlank(data, "permalink"),
            Json.nonBlank(data, "domain"),
            Json.epochSeconds(data, "created_utc"),
            Json.bool(data, "over_18"),
            Json.flag(data, "spoiler"),
            Json.flag(data, "is_self"),
            Json.flag(data, "is_video"),
            Json.flag(data, "is_gallery"),
            Json.nonBlank(data, "post_hint"),
            Json.integer(data, "score"),
            Json.nonBlank(data, "link_flair_text"),
            Json.nonBlank(data, "crosspost_parent"),
            PostImages.of(data)));
  }

  static List<InboxItem> inbox(JsonNode body, String request) {
    JsonNode data = requireListing(body, request);
    List<InboxItem> items = new ArrayList<>();
    for (JsonNode child : data.path("children")) {
      inboxItem(child)
          .ifPresentOrElse(
              items::add,
              () -> log.warn("Skipped an inbox item from {} without a usable fullname", request));
    }
    return items;
  }

  static Optional<InboxItem> inboxItem(JsonNode child) {
    String kind = Json.text(child, "kind").orElse("");
    JsonNode data = child.path("data");
    InboxItem.Kind type =
        switch (kind) {
          case "t4" -> InboxItem.Kind.MESSAGE;
          case "t1" -> InboxItem.Kind.COMMENT_REPLY;
          default -> null;
        };
    Optional<String> fullname = fullname(data, kind + "_");
    if (type == null || fullname.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new InboxItem(
            fullname.get(),
            type,
            Json.nonBlank(data, "author"),
            Json.nonBlank(data, "subreddit"),
            Json.text(data, "subject"),
            Json.text(data, "body"),
            Json.epochSeconds(data, "created_utc"),
            Json.flag(data, "new"),
            Json.nonBlank(data, "parent_id"),
            Json.nonBlank(data, "first_message_name"),
            Json.nonBlank(data, "distinguished"),
            Json.nonBlank(data, "context")));
  }

  static List<Moderator> moderators(JsonNode body, String request) {
    JsonNode children = body.path("data").path("children");
    if (!children.isArray()) {
      throw new RedditProtocolException(
          "expected a UserList from " + request + " but the answer has no data.children");
    }
    List<Moderator> moderators = new ArrayList<>();
    for (JsonNode child : children) {
      Optional<String> name = Json.nonBlank(child, "name");
      if (name.isEmpty()) {
        log.warn("Skipped a moderator entry from {} without a name", request);
        continue;
      }
      List<String> permissions = new ArrayList<>();
      for (JsonNode permission : child.path("mod_permissions")) {
        if (permission.isTextual()) {
          permissions.add(permission.asText());
        }
      }
      moderators.add(
          new Moderator(
              name.get(),
              Json.nonBlank(child, "id"),
              permissions,
              Json.epochSeconds(child, "date")));
    }
    return moderators;
  }

  static SubredditAbout about(JsonNode body, String request) {
    JsonNode data = body.path("data");
    Optional<String> name = Json.nonBlank(data, "display_name");
    if (!"t5".equals(Json.text(body, "kind").orElse("")) || name.isEmpty()) {
      throw new RedditProtocolException(
          "expected a subreddit (t5) from " + request + " but got something else");
    }
    return new SubredditAbout(
        name.get(),
        Json.nonBlank(data, "name"),
        Json.text(data, "title"),
        Json.bool(data, "over18"),
        Json.nonBlank(data, "submission_type"),
        Json.bool(data, "allow_images"),
        Json.bool(data, "allow_galleries"),
        Json.bool(data, "allow_videos"),
        Json.bool(data, "link_flair_enabled"),
        Json.nonBlank(data, "subreddit_type"),
        Json.integer(data, "subscribers"),
        Json.flag(data, "quarantine"),
        Json.flag(data, "user_is_moderator"),
        Json.flag(data, "user_is_banned"),
        Json.flag(data, "user_is_contributor"));
  }

  static Account account(JsonNode body, String request) {
    Optional<String> name = Json.nonBlank(body, "name");
    if (name.isEmpty()) {
      throw new RedditProtocolException("expected an account from " + request + " without a name");
    }
    return new Account(
        name.get(),
        Json.nonBlank(body, "id").map(id -> "t2_" + id),
        Json.epochSeconds(body, "created_utc"),
        Json.integer(body, "link_karma"),
        Json.integer(body, "comment_karma"),
        Json.integer(body, "inbox_count"),
        Json.flag(body, "has_mail"),
        Json.flag(body, "is_mod"),
        Json.flag(body, "is_suspended"));
  }

  static List<FlairChoice> flairChoices(JsonNode body, String request) {
    JsonNode choices = body.path("choices");
    if (!choices.isArray()) {
      throw new RedditProtocolException(
          "expected flair choices from " + request + " but the answer has no 'choices'");
    }
    List<FlairChoice> result = new ArrayList<>();
    for (JsonNode choice : choices) {
      Json.nonBlank(choice, "flair_template_id")
          .ifPresent(
              id ->
                  result.add(
                      new FlairChoice(
                          id,
                          Json.nonBlank(choice, "flair_text"),
                          Json.flag(choice, "flair_text_editable"),
                          Json.nonBlank(choice, "flair_css_class"))));
    }
    return result;
  }

  private static JsonNode requireListing(JsonNode body, String request) {
    JsonNode data = body.path("data");
    if (!"Listing".equals(Json.text(body, "kind").orElse(null))
        || !data.path("children").isArray()) {
      throw new RedditProtocolException(
          "expected a Listing from " + request + " but the answer has no data.children");
    }
    return data;
  }

  private static Optional<String> fullname(JsonNode data, String prefix) {
    return Json.text(data, "name")
        .filter(name -> name.startsWith(prefix) && FULLNAME.matcher(name).matches());
  }
}
