package dev.nichebot.reddit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The endpoints moderation uses: inbox, replies, messages, moderator lists. */
class InboxTest {
  private final FakeReddit reddit = new FakeReddit();
  private final RedditClient client = reddit.client();

  @AfterEach
  void stop() {
    client.close();
    reddit.close();
  }

  @Test
  void unreadReadsMessagesRepliesAndModmailWithoutMarkingThem() {
    Fixtures.Recorded recorded = Fixtures.recorded("inbox_message_unread_2025_subset.json");
    reddit.answer(recorded.response());

    List<InboxItem> items = client.unread(64);

    RecordedRequest request = reddit.takeApi();
    FakeReddit.assertApiRequest(request, "GET", recorded.requestPath());
    assertThat(request.getUrl().queryParameter("mark")).isEqualToIgnoringCase("false");
    assertThat(request.getUrl().queryParameter("limit")).isEqualTo("64");
    assertThat(items)
        .extracting(InboxItem::fullname)
        .containsExactly(
            "t1_myngt77",
            "t4_2r17c8r",
            "t1_m30xcs6",
            "t4_2izsnl2",
            "t4_22ydkme",
            "t4_22ydk2c",
            "t4_22y94yp");
    assertThat(items).allMatch(InboxItem::unread);

    InboxItem commentReply = items.get(0);
    assertThat(commentReply.kind()).isEqualTo(InboxItem.Kind.COMMENT_REPLY);
    assertThat(commentReply.isPrivateMessage()).isFalse();
    assertThat(commentReply.context()).hasValueSatisfying(c -> assertThat(c).contains("/myngt77/"));

    InboxItem message = items.get(1);
    assertThat(message.isPrivateMessage()).isTrue();
    assertThat(message.author()).contains("Lil_SpazTest");
    assertThat(message.subject()).contains("Test message");
    assertThat(message.subreddit()).isEmpty();
    assertThat(message.created()).isPresent();

    InboxItem admin = items.get(3);
    assertThat(admin.distinguished()).contains("admin");

    InboxItem threadReply = items.get(4);
    assertThat(threadReply.parent()).contains("t4_22ydkji");
    assertThat(threadReply.firstMessage()).contains("t4_22ydk2c");

    InboxItem modmail = items.get(6);
    assertThat(modmail.author()).isEmpty();
    assertThat(modmail.subreddit()).contains("a:t5_4sdud0");
    assertThat(modmail.isFromSubreddit()).isTrue();
    assertThat(modmail.distinguished()).contains("moderator");
  }

  @Test
  void anEmptyInbox() {
    reddit.answer(Fixtures.recorded("inbox_message_unread_empty_2025.json").response());

    assertThat(client.unread(100)).isEmpty();
  }

  @Test
  void markReadSendsCommaSeparatedFullnamesAsPrawDid() {
    Fixtures.Recorded recorded = Fixtures.recorded("inbox_read_message_2025.json");
    reddit.answer(recorded.response());
    List<String> ids = List.of(recorded.requestForm().get("id").split(","));

    client.markRead(ids);

    RecordedRequest request = reddit.takeApi();
    FakeReddit.assertApiRequest(request, "POST", recorded.requestPath());
    assertThat(FakeReddit.form(request)).isEqualTo(recorded.requestForm());

    client.markRead(List.of());
    assertThat(reddit.api.getRequestCount()).isEqualTo(1);
  }

  @Test
  void markReadSplitsLongListsIntoBatchesOf100() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      ids.add("t4_m" + i);
    }
    reddit.answer(Fixtures.json("{}"));
    reddit.answer(Fixtures.json("{}"));

    client.markRead(ids);

    assertThat(FakeReddit.form(reddit.takeApi()).get("id").split(",")).hasSize(100);
    assertThat(FakeReddit.form(reddit.takeApi()).get("id").split(",")).hasSize(50);
  }

  @Test
  void replyToAPrivateMessage() {
    Fixtures.Recorded recorded = Fixtures.recorded("inbox_message_reply_2025.json");
    reddit.answer(recorded.response());

    InboxItem reply = client.reply("t4_2r1s1k2", "Message reply");

    RecordedRequest request = reddit.takeApi();
    FakeReddit.assertApiRequest(request, "POST", recorded.requestPath());
    assertThat(FakeReddit.form(request)).isEqualTo(recorded.requestForm());
    assertThat(reply.fullname()).isEqualTo("t4_zzzzzzzzzzzz");
    assertThat(reply.subject()).contains("re: test message");
    assertThat(reply.parent()).contains("t4_2r1s1k2");
    assertThat(reply.firstMessage()).contains("t4_2r1s1k2");
    assertThat(reply.body()).contains("Message reply");
    assertThatThrownBy(() -> client.reply("t3_abc", "x"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void composeSendsApiTypeJsonAsPrawDid() {
    Fixtures.Recorded recorded = Fixtures.recorded("compose_message_2016.json");
    reddit.answer(recorded.response());

    client.compose("subreddit_stats", "PRAW test", "This is a test from PRAW");

    RecordedRequest request = reddit.takeApi();
    FakeReddit.assertApiRequest(request, "POST", recorded.requestPath());
    assertThat(FakeReddit.form(request)).isEqualTo(recorded.requestForm());
    assertThatThrownBy(() -> client.compose("someone", " ", "x"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void moderatorsInBothRecordedShapes() {
    Fixtures.Recorded older = Fixtures.recorded("moderators_2017.json");
    reddit.answer(older.response());
    reddit.answer(Fixtures.recorded("moderators_2020.json").response());

    List<Moderator> moderators = client.moderators("nichebot_test");
    FakeReddit.assertApiRequest(reddit.takeApi(), "GET", "/r/nichebot_test/about/moderators");
    assertThat(moderators).extracting(Moderator::name).containsExactly("bboe_dev", "<USERNAME>");
    assertThat(moderators.get(0).fullname()).contains("t2_7s22u");
    assertThat(moderators.get(0).permissions()).containsExactly("all");
    assertThat(moderators.get(0).can("mail")).isTrue();
    assertThat(moderators.get(0).since()).isPresent();

    List<Moderator> newer = client.moderators("nichebot_test");
    assertThat(newer).singleElement().satisfies(m -> assertThat(m.name()).isEqualTo("<USERNAME>"));
  }

  @Test
  void oneModeratorByName() {
    Fixtures.Recorded recorded = Fixtures.recorded("moderators_user_filter_2017.json");
    reddit.answer(recorded.response());
    reddit.answer(Fixtures.json("{\"kind\": \"UserList\", \"data\": {\"children\": []}}"));

    Moderator moderator = client.moderator("nichebot_test", "pyapitestuser3").orElseThrow();

    RecordedRequest request = reddit.takeApi();
    FakeReddit.assertApiRequest(request, "GET", "/r/nichebot_test/about/moderators");
    assertThat(request.getUrl().queryParameter("user"))
        .isEqualTo(recorded.requestUrl().queryParameter("user"));
    assertThat(moderator.name()).isEqualTo("PyAPITestUser3");
    assertThat(moderator.can("config")).isTrue();
    assertThat(moderator.can("mail")).isFalse();

    assertThat(client.moderator("nichebot_test", "stranger")).isEmpty();
  }

  @Test
  void anAccountIsActiveUnlessRedditSaysSuspendedOrDoesNotKnowIt() {
    reddit.answer(Fixtures.json(Fixtures.local("user_about_active.json")));
    reddit.answer(Fixtures.json(Fixtures.local("user_about_suspended.json")));
    reddit.answer(Fixtures.recorded("error_404_not_found_2020.json").response());

    assertThat(client.isActiveAccount("Mod_Alice")).isTrue();
    assertThat(client.isActiveAccount("Mod_Dave")).isFalse();
    assertThat(client.isActiveAccount("gone_user")).isFalse();

    FakeReddit.assertApiRequest(reddit.takeApi(), "GET", "/user/Mod_Alice/about");
    FakeReddit.assertApiRequest(reddit.takeApi(), "GET", "/user/Mod_Dave/about");
    FakeReddit.assertApiRequest(reddit.takeApi(), "GET", "/user/gone_user/about");
    assertThatThrownBy(() -> client.isActiveAccount("../api/v1/me"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void recorded403OnAMessageIsNotAllowed() {
    reddit.answer(Fixtures.recorded("error_403_forbidden_message_2025.json").response());

    assertThatThrownBy(() -> client.unread(10))
        .isInstanceOfSatisfying(
            NotAllowedException.class, e -> assertThat(e.httpStatus()).isEqualTo(403))
        .hasMessageContaining("Forbidden");
  }
}
