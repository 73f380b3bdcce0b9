package dev.nichebot.reddit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The endpoints publishing uses, and the business errors it must act on. */
class PublishTest {
  private final FakeReddit reddit = new FakeReddit();
  private final RedditClient client = reddit.client();

  @AfterEach
  void stop() {
    client.close();
    reddit.close();
  }

  @Test
  void aboutSaysWhatTheSubredditAllows() {
    Fixtures.Recorded recorded = Fixtures.recorded("subreddit_about_2023.json");
    reddit.answer(recorded.response());

    SubredditAbout about = client.about("nichebot_test");

    FakeReddit.assertApiRequest(reddit.takeApi(), "GET", "/r/nichebot_test/about");
    assertThat(about.name()).isEqualTo("<TEST_SUBREDDIT>");
    assertThat(about.fullname()).contains("t5_29ey0j");
    assertThat(about.over18()).contains(false);
    assertThat(about.submissionType()).contains("any");
    assertThat(about.allowImages()).contains(true);
    assertThat(about.allowGalleries()).contains(false);
    assertThat(about.allowVideos()).contains(true);
    assertThat(about.linkFlairEnabled()).contains(true);
    assertThat(about.subredditType()).contains("public");
    assertThat(about.subscribers()).contains(7);
    assertThat(about.userIsModerator()).isTrue();
    assertThat(about.userIsBanned()).isFalse();
    assertThat(about.quarantined()).isFalse();
    assertThat(about.allowsLinks()).isTrue();
    assertThat(about.allowsImages()).isTrue();
  }

  @Test
  void aboutAnUnknownSubreddit() {
    reddit.answer(Fixtures.recorded("error_404_not_found_2020.json").response());
    reddit.answer(
        new mockwebserver3.MockResponse.Builder()
            .code(302)
            .setHeader("location", "https://oauth.reddit.com/subreddits/search.json?q=nosuchsub")
            .build());
    reddit.answer(Fixtures.recorded("error_403_quarantined_2020.json").response());

    assertThatThrownBy(() -> client.about("nosuchsub"))
        .isInstanceOf(SubredditNotFoundException.class)
        .hasMessageContaining("r/nosuchsub was not found");
    assertThatThrownBy(() -> client.listing("nosuchsub", ListingSort.NEW, null, 10))
        .isInstanceOf(SubredditNotFoundException.class)
        .hasMessageContaining("redirected to search");
    assertThatThrownBy(() -> client.listing("tiananmenaquarefalse", ListingSort.NEW, null, 100))
        .isInstanceOfSatisfying(
            NotAllowedException.class, e -> assertThat(e.code()).isEqualTo("quarantined"))
        .hasMessageContaining("high degree of misinformation");
  }

  @Test
  void submitLinkSendsWhatRedditExpectsAndReturnsThePost() {
    Fixtures.Recorded recorded = Fixtures.recorded("submit_link_2025.json");
    reddit.answer(recorded.response());

    SubmittedPost post =
        client.submit(
            Submission.link(
                "nichebot_test", "Test Title", "https://praw.readthedocs.org/en/stable/"));

    RecordedRequest request = reddit.takeApi();
    FakeReddit.assertApiRequest(request, "POST", recorded.requestPath());
    assertThat(request.getHeaders().get("Content-Type"))
        .startsWith("application/x-www-form-urlencoded");
    Map<String, String> form = FakeReddit.form(request);
    Map<String, String> praw = recorded.requestForm();
    for (String key :
        List.of(
            "api_type",
            "kind",
            "title",
            "url",
            "resubmit",
            "sendreplies",
            "nsfw",
            "spoiler",
            "validate_on_submit")) {
      assertThat(form.get(key)).as(key).isEqualToIgnoringCase(praw.get(key));
    }
    assertThat(form).containsEntry("sr", "nichebot_test").doesNotContainKey("flair_id");
    assertThat(post.fullname()).isEqualTo("t3_1kh35wk");
    assertThat(post.id()).isEqualTo("1kh35wk");
    assertThat(post.url()).endsWith("/comments/1kh35wk/<TEST_SUBREDDIT>_title/");
  }

  @Test
  void crosspostWithFlairSendsTheOriginalAndTheFlair() {
    Fixtures.Recorded recorded = Fixtures.recorded("submit_crosspost_2019.json");
    reddit.answer(recorded.response());

    SubmittedPost post =
        client.submit(
            Submission.crosspost("nichebot_test", "Test Title", "t3_6vx01b")
                .withFlair("2d2321ca-9205-11e9-a847-0e9f3cfadcac", "Test flair text"));

    Map<String, String> form = FakeReddit.form(reddit.takeApi());
    Map<String, String> praw = recorded.requestForm();
    for (String key :
        List.of(
            "api_type",
            "kind",
            "crosspost_fullname",
            "flair_id",
            "flair_text",
            "title",
            "nsfw",
            "spoiler",
            "sendreplies")) {
      assertThat(form.get(key)).as(key).isEqualToIgnoringCase(praw.get(key));
    }
    assertThat(post.fullname()).isEqualTo("t3_c27k6l");
  }

  @Test
  void businessErrorsBecomeTypedExceptions() {
    reddit.answer(Fixtures.recorded("synthetic/ratelimit_minutes.json").response());
    reddit.answer(Fixtures.recorded("synthetic/ratelimit_seconds.json").response());
    reddit.answer(Fixtures.recorded("synthetic/subreddit_noexist.json").response());
    reddit.answer(Fixtures.recorded("synthetic/subreddit_notallowed.json").response());
    reddit.answer(Fixtures.recorded("synthetic/no_links.json").response());
    reddit.answer(Fixtures.recorded("error_400_submit_validation_2020.json").response());
    reddit.answer(
        Fixtures.recorded("error_200_json_errors_galleries_disabled_2020.json").response());
    reddit.answer(
        Fixtures.json(
            "{\"json\": {\"errors\": [[\"NO_TEXT\", \"we need something here\", \"title\"]]}}"));
    Submission link = Submission.link("nichebot_test", "dfgfdgfdgdf", "https://www.google.com");

    assertThatThrownBy(() -> client.submit(link))
        .isInstanceOfSatisfying(
            RateLimitedException.class,
            e -> {
              assertThat(e.retryAfter()).isEqualTo(Duration.ofMinutes(9));
              assertThat(e.code()).isEqualTo("RATELIMIT");
              assertThat(e.field()).contains("ratelimit");
            })
        .hasMessageContaining("Try again in 9 minutes");
    assertThatThrownBy(() -> client.submit(link))
        .isInstanceOfSatisfying(
            RateLimitedException.class,
            e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(6)));
    assertThatThrownBy(() -> client.submit(link))
        .isInstanceOf(SubredditNotFoundException.class)
        .hasMessageContaining("SUBREDDIT_NOEXIST: that subreddit doesn't exist (field sr)");
    assertThatThrownBy(() -> client.submit(link))
        .isInstanceOf(NotAllowedException.class)
        .hasMessageContaining("SUBREDDIT_NOTALLOWED");
    assertThatThrownBy(() -> client.submit(link))
        .isInstanceOf(NoLinksException.class)
        .hasMessageContaining("only allows text posts");
    assertThatThrownBy(() -> client.submit(link))
        .isInstanceOfSatisfying(
            TitleRejectedException.class,
            e -> {
              assertThat(e.code()).isEqualTo("SUBMIT_VALIDATION_TITLE_BLACKLISTED_STRING");
              assertThat(e.httpStatus()).isEqualTo(400);
              assertThat(e.field()).contains("title");
            })
        .hasMessageContaining("You may not have \"dfgfdgfdgdf\" in your title");
    assertThatThrownBy(() -> client.submit(link))
        .isExactlyInstanceOf(RedditApiException.class)
        .hasMessageContaining("GALLERIES_DISABLED: Gallery posts aren't allowed in this subreddit");
    assertThatThrownBy(() -> client.submit(link)).isInstanceOf(TitleRejectedException.class);
  }

  @Test
  void commentOnAPostReturnsTheNewComment() {
    reddit.answer(Fixtures.json(Fixtures.local("comment_on_post.json")));

    PostedComment comment = client.comment("t3_1kh35wk", "Photo by u/photog, from r/EarthPorn.");

    RecordedRequest request = reddit.takeApi();
    FakeReddit.assertApiRequest(request, "POST", "/api/comment");
    assertThat(FakeReddit.form(request))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "api_type", "json",
                "thing_id", "t3_1kh35wk",
                "text", "Photo by u/photog, from r/EarthPorn."));
    assertThat(comment.fullname()).isEqualTo("t1_n1x2y3z");
    assertThat(comment.permalink())
        .contains("/r/nichebot_test/comments/1kh35wk/test_title/n1x2y3z/");
    assertThatThrownBy(() -> client.comment("t4_abc", "x"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void flairChoicesAndSelection() {
    reddit.answer(Fixtures.json(Fixtures.local("flair_choices.json")));
    reddit.answer(Fixtures.json(Fixtures.local("json_errors_none.json")));

    List<FlairChoice> choices = client.flairChoices("nichebot_test");

    RecordedRequest ask = reddit.takeApi();
    FakeReddit.assertApiRequest(ask, "POST", "/r/nichebot_test/api/flairselector");
    assertThat(FakeReddit.form(ask)).containsExactlyEntriesOf(Map.of("is_newlink", "true"));
    assertThat(choices)
        .extracting(FlairChoice::templateId)
        .containsExactly(
            "5668d204-9388-11e3-8109-080027a38559",
            "58e34d7a-9388-11e3-ab01-080027a38559",
            "fb01cc04-9391-11e3-b1d6-080027a38559");
    assertThat(choices.get(0).text()).contains("Landscape");
    assertThat(choices.get(0).textEditable()).isFalse();
    assertThat(choices.get(1).textEditable()).isTrue();
    assertThat(choices.get(1).cssClass()).isEmpty();
    assertThat(choices.get(2).text()).isEmpty();

    client.selectFlair(
        "nichebot_test", "t3_1kh35wk", "58e34d7a-9388-11e3-ab01-080027a38559", "OC by u/photog");

    RecordedRequest select = reddit.takeApi();
    FakeReddit.assertApiRequest(select, "POST", "/r/nichebot_test/api/selectflair");
    assertThat(FakeReddit.form(select))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "api_type", "json",
                "link", "t3_1kh35wk",
                "flair_template_id", "58e34d7a-9388-11e3-ab01-080027a38559",
                "text", "OC by u/photog"));
  }

  @Test
  void submittedListsTheAccountsPostsForReconciliation() {
    reddit.answer(Fixtures.json(Fixtures.local("user_submitted_image.json")));

    ListingPage page = client.submitted(FakeReddit.USERNAME, null, 25);

    RecordedRequest request = reddit.takeApi();
    FakeReddit.assertApiRequest(request, "GET", "/user/nichebot_test_bot/submitted");
    assertThat(request.getUrl().queryParameter("sort")).isEqualTo("new");
    assertThat(request.getUrl().queryParameter("limit")).isEqualTo("25");
    assertThat(page.posts())
        .extracting(RedditPost::fullname)
        .containsExactly("t3_16xb01r", "t3_16wz9aa");
    assertThat(page.posts().get(0).url()).contains("https://i.redd.it/8xjguc40cnrb1.png");
    assertThatThrownBy(() -> client.submitted("../me", null, 25))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void deleteOwnPost() {
    reddit.answer(Fixtures.json("{}"));

    client.delete("t3_1kh35wk");

    RecordedRequest request = reddit.takeApi();
    FakeReddit.assertApiRequest(request, "POST", "/api/del");
    assertThat(FakeReddit.form(request)).containsExactlyEntriesOf(Map.of("id", "t3_1kh35wk"));
  }

  @Test
  void meOnTheRecordedInsufficientScopeIsNotAllowed() {
    reddit.answer(Fixtures.recorded("error_403_insufficient_scope_2016.json").response());

    assertThatThrownBy(client::me)
        .isInstanceOfSatisfying(
            NotAllowedException.class, e -> assertThat(e.code()).isEqualTo("insufficient_scope"));
  }

  @Test
  void otherJsonErrorsKeepTheirCodeAndAMissingField() {
    reddit.answer(Fixtures.recorded("error_200_json_errors_user_required_2016.json").response());

    assertThatThrownBy(() -> client.delete("t3_4b536h"))
        .isExactlyInstanceOf(RedditApiException.class)
        .satisfies(
            e -> {
              RedditApiException api = (RedditApiException) e;
              assertThat(api.code()).isEqualTo("USER_REQUIRED");
              assertThat(api.reason()).isEqualTo("Please log in to do that.");
              assertThat(api.field()).isEmpty();
              assertThat(api.httpStatus()).isEqualTo(200);
            });
  }
}
