package dev.nichebot.reddit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Subreddit listings and {@code /api/info}: requests, paging and parsing. */
class ListingTest {
  private final FakeReddit reddit = new FakeReddit();
  private final RedditClient client = reddit.client();

  @AfterEach
  void stop() {
    client.close();
    reddit.close();
  }

  @Test
  void newListingPagesByAfterAndParsesTheRecordedPosts() throws Exception {
    Fixtures.Recorded recorded = Fixtures.recorded("listing_r_all_new_2021_subset.json");
    reddit.answer(recorded.response());

    ListingPage page = client.listing("all", ListingSort.NEW, null, 100);

    RecordedRequest request = reddit.takeApi();
    FakeReddit.assertApiRequest(request, "GET", "/r/all/new");
    assertThat(request.getUrl().queryParameter("limit")).isEqualTo("100");
    assertThat(request.getUrl().queryParameter("after")).isNull();
    assertThat(page.posts()).hasSize(9);
    assertThat(page.after()).contains("t3_kzj64n");
    RedditPost first = page.posts().get(0);
    assertThat(first.fullname()).isEqualTo("t3_kzj68i");
    assertThat(first.id()).isEqualTo("kzj68i");
    assertThat(first.subreddit()).contains("Amd");
    assertThat(first.self()).isTrue();
    assertThat(first.over18()).contains(false);
    assertThat(first.created()).isPresent();
    assertThat(first.title()).isPresent();
    assertThat(first.permalink())
        .hasValueSatisfying(p -> assertThat(p).startsWith("/r/Amd/comments/kzj68i/"));

    // The next page asks with the previous page's "after".
    reddit.answer(Fixtures.json(Fixtures.recorded("inbox_message_unread_empty_2025.json").body()));
    ListingPage last = client.listing("all", ListingSort.NEW, page.after().orElseThrow(), 100);
    assertThat(reddit.takeApi().getUrl().queryParameter("after")).isEqualTo("t3_kzj64n");
    assertThat(last.posts()).isEmpty();
    assertThat(last.after()).isEmpty();
  }

  @Test
  void hotAndTopAskTheirPathsAndTopItsWindow() {
    Fixtures.Recorded recorded = Fixtures.recorded("listing_multireddit_new_2020_subset.json");
    reddit.answer(recorded.response());
    reddit.answer(recorded.response());

    assertThat(client.listing("EarthPorn", ListingSort.HOT, null, 25).posts()).hasSize(5);
    RecordedRequest hot = reddit.takeApi();
    FakeReddit.assertApiRequest(hot, "GET", "/r/EarthPorn/hot");
    assertThat(hot.getUrl().queryParameter("limit")).isEqualTo("25");
    assertThat(hot.getUrl().queryParameter("t")).isNull();

    ListingPage top = client.listing("EarthPorn", ListingSort.TOP_WEEK, "t3_hmgucg", 50);
    RecordedRequest topRequest = reddit.takeApi();
    FakeReddit.assertApiRequest(topRequest, "GET", "/r/EarthPorn/top");
    assertThat(topRequest.getUrl().queryParameter("t")).isEqualTo("week");
    assertThat(topRequest.getUrl().queryParameter("after")).isEqualTo("t3_hmgucg");
    assertThat(top.after()).contains("t3_hmgucg");
  }

  @Test
  void itemsLackingEveryOptionalFieldParseAndBrokenItemsAreSkipped() {
    reddit.answer(Fixtures.json(Fixtures.local("listing_minimal_items.json")));

    ListingPage page = client.listing("nichebot_test", ListingSort.NEW, null, 100);

    assertThat(page.posts())
        .extracting(RedditPost::fullname)
        .containsExactly("t3_aaa111", "t3_bbb222");
    for (RedditPost post : page.posts()) {
      assertThat(post.subreddit()).isEmpty();
      assertThat(post.author()).isEmpty();
      assertThat(post.title()).isEmpty();
      assertThat(post.url()).isEmpty();
      assertThat(post.created()).isEmpty();
      assertThat(post.over18()).isEmpty();
      assertThat(post.score()).isEmpty();
      assertThat(post.crosspostParent()).isEmpty();
      assertThat(post.self()).isFalse();
      assertThat(post.images()).isEmpty();
    }
    assertThat(page.after()).isEmpty();
  }

  @Test
  void postsByFullnameUseApiInfo() {
    reddit.answer(Fixtures.json(Fixtures.local("info_two_posts.json")));

    List<RedditPost> posts = client.posts(List.of("t3_hmfcwn", "t3_kzj68i"));

    RecordedRequest request = reddit.takeApi();
    FakeReddit.assertApiRequest(request, "GET", "/api/info");
    assertThat(request.getUrl().queryParameter("id")).isEqualTo("t3_hmfcwn,t3_kzj68i");
    assertThat(posts).extracting(RedditPost::fullname).containsExactly("t3_hmfcwn", "t3_kzj68i");
    assertThat(posts.get(0).images())
        .singleElement()
        .satisfies(i -> assertThat(i.url()).isEqualTo("https://i.redd.it/ejjexgcjma951.jpg"));
    assertThat(client.posts(List.of())).isEmpty();
  }

  @Test
  void hostileNamesNeverReachTheUrl() {
    assertThatThrownBy(() -> client.listing("../api/v1/me", ListingSort.NEW, null, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a subreddit name");
    assertThatThrownBy(() -> client.listing("pics", ListingSort.NEW, "t3_x&limit=1000", 10))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> client.listing("pics", ListingSort.NEW, null, 1000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1..100");
    assertThatThrownBy(() -> client.posts(List.of("t1_abc")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(reddit.api.getRequestCount()).isZero();
  }
}
