package dev.nichebot.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nichebot.domain.AuditEntry;
import dev.nichebot.domain.CandidateState;
import dev.nichebot.domain.PauseSwitch;
import dev.nichebot.testing.RedditInboxPeer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command end to end: a moderator's private message on the Reddit peer, one run of the inbox
 * job, then what changed in the database, the reply Reddit received and the audit entry.
 */
class CommandsTest {
  @TempDir Path images;
  private ModerationKit k;

  @BeforeEach
  void open() {
    k = new ModerationKit(images);
  }

  @AfterEach
  void close() {
    // Null when the kit's assumption skipped the test (no shared fixtures).
    if (k != null) {
      k.close();
    }
  }

  private AuditEntry lastAudit(String action) {
    List<AuditEntry> entries = k.audited(action);
    assertThat(entries).as("audit entries " + action).isNotEmpty();
    return entries.get(entries.size() - 1);
  }

  // ---- help and anything else -------------------------------------------------------------

  @Test
  void helpListsEveryCommandAndAnythingElseGetsTheHelpText() {
    String help = k.command("help");
    assertThat(help)
        .startsWith("Commands (in the subject or the first line")
        .contains("`status`", "`pause [crawl|review|publish|all]`", "`post now`", "`queue`")
        .contains("`skip <candidate id>`", "`remove <post id>`", "`threshold <0..1>`")
        .contains("`source add|remove <source>`", "`block user|domain <name>`", "`undo`");

    String unknown = k.command("frobnicate the bot");
    assertThat(unknown).startsWith("I do not know `frobnicate`. Commands (in the subject");
    assertThat(lastAudit("unknown.refused").actor()).isEqualTo(ModerationKit.MOD);
    assertThat(k.botState.all()).isEmpty();
  }

  @Test
  void theCommandMayBeInTheBodysFirstLineWithABangInAnyCase() {
    k.reddit.unread(
        RedditInboxPeer.message("body1", ModerationKit.MOD, "hi bot", "\n  !PAUSE Crawl\nthanks"));
    k.run();
    assertThat(k.reddit.replyTo("t4_body1")).startsWith("Paused crawl.");
    assertThat(k.botState.isPaused(PauseSwitch.CRAWL)).isTrue();
  }

  // ---- status and queue -------------------------------------------------------------------

  @Test
  void statusReportsCountsNextPostSwitchesThresholdModelAndErrors() {
    k.candidate(CandidateState.APPROVED);
    k.candidate(CandidateState.APPROVED);
    k.candidate(CandidateState.QUEUED_FOR_REVIEW);
    k.botState.setPaused(PauseSwitch.REVIEW, true, "test");
    k.botState.put("classify.threshold", "0.7", "test");

    String status = k.command("status");

    assertThat(status)
        .contains("- Candidates: QUEUED_FOR_REVIEW 1, APPROVED 2")
        .contains("- Next post: 2025-06-02 14:00 UTC")
        .contains("- Switches: crawl running, review **paused**, publish running")
        .contains("- Threshold: 0.7")
        .contains("- Model: `signal-2025.05`")
        .contains("crawl failed at 2025-06-02 09:15 UTC: feed answered 503");
    assertThat(lastAudit("status").actor()).isEqualTo(ModerationKit.MOD);
  }

  @Test
  void queueListsTheApprovedCandidatesWithTheirIds() {
    assertThat(k.command("queue"))
        .isEqualTo("Nothing is approved and waiting. 0 waiting for review.");

    long first = k.candidate(CandidateState.APPROVED);
    long second = k.candidate(CandidateState.APPROVED);
    k.candidate(CandidateState.IN_REVIEW);
    k.candidate(CandidateState.PUBLISHED);

    String queue = k.command("queue");

    assertThat(queue)
        .startsWith("2 approved candidates wait (id, title, score):")
        .contains("- `" + first + "` “Title ", "- `" + second + "` “Title ", ", 0.90")
        .contains("1 waiting for review. `skip <id>` takes one out.");
  }

  // ---- pause and resume -------------------------------------------------------------------

  @Test
  void pauseAndResumeSetTheStageSwitchesAndSayWhatChanged() {
    assertThat(k.command("pause publish"))
        .isEqualTo("Paused publish. Now: crawl running, review running, publish **paused**.");
    assertThat(k.botState.pauseFlags())
        .isEqualTo(
            Map.of(PauseSwitch.CRAWL, false, PauseSwitch.REVIEW, false, PauseSwitch.PUBLISH, true));

    assertThat(k.command("pause publish"))
        .isEqualTo(
            "Nothing changed: publish was already paused. Now: crawl running, review running,"
                + " publish **paused**.");

    assertThat(k.command("pause all"))
        .isEqualTo(
            "Paused crawl, review. Now: crawl **paused**, review **paused**, publish **paused**.");
    AuditEntry all = lastAudit("pause");
    assertThat(all.target()).isEqualTo("crawl,review,publish");
    assertThat(all.before()).isEqualTo("crawl=running,review=running,publish=paused");
    assertThat(all.after()).isEqualTo("crawl=paused,review=paused,publish=paused");

    assertThat(k.command("resume crawl"))
        .isEqualTo("Resumed crawl. Now: crawl running, review **paused**, publish **paused**.");
    assertThat(k.command("resume"))
        .isEqualTo("Resumed review, publish. Now: crawl running, review running, publish running.");
    assertThat(k.botState.pauseFlags()).doesNotContainValue(true);
  }

  @Test
  void pauseOfSomethingUnknownChangesNothing() {
    String reply = k.command("pause everything");
    assertThat(reply)
        .startsWith(
            "Nothing changed: say `pause` followed by `crawl`, `review`, `publish` or `all`")
        .contains("`everything` is not one of them");
    assertThat(k.botState.all()).isEmpty();
    assertThat(lastAudit("pause.refused").detail()).startsWith("unknown switch");
  }

  // ---- post now ---------------------------------------------------------------------------

  @Test
  void postNowFiresThePublishStageOnlyWhenItCanPost() {
    assertThat(k.command("post now")).startsWith("Nothing posted: no approved image is waiting");
    assertThat(k.publishTriggers).hasValue(0);

    k.candidate(CandidateState.APPROVED);
    k.botState.setPaused(PauseSwitch.PUBLISH, true, "test");
    assertThat(k.command("post now"))
        .isEqualTo("Nothing posted: publishing is paused. Say `resume publish` first.");
    assertThat(k.publishTriggers).hasValue(0);

    k.botState.setPaused(PauseSwitch.PUBLISH, false, "test");
    k.schedulerRunning = false;
    assertThat(k.command("post now"))
        .startsWith("Nothing posted: publishing cannot start now (the scheduler is not running");
    assertThat(k.publishTriggers).hasValue(0);

    k.schedulerRunning = true;
    assertThat(k.command("post now"))
        .startsWith("Publishing runs now: it posts the next of 1 approved image");
    assertThat(k.publishTriggers).hasValue(1);
    assertThat(lastAudit("post.now").target()).isEqualTo("publish");
    assertThat(k.audited("post.now.refused")).hasSize(3);

    assertThat(k.command("post later")).isEqualTo("Nothing done: say `post now`.");
    assertThat(k.publishTriggers).hasValue(1);
  }

  // ---- skip -------------------------------------------------------------------------------

  @Test
  void skipTakesAWaitingCandidateOutOfTheQueue() {
    long approved = k.candidate(CandidateState.APPROVED);

    assertThat(k.command("skip " + approved))
        .startsWith("Skipped candidate " + approved + " (“Title ")
        .endsWith(", was APPROVED). It will not be reviewed or posted.");
    assertThat(k.state(approved)).isEqualTo(CandidateState.SKIPPED);
    AuditEntry entry = lastAudit("skip");
    assertThat(entry.target()).isEqualTo("candidate:" + approved);
    assertThat(entry.before()).isEqualTo("APPROVED");
    assertThat(entry.after()).isEqualTo("SKIPPED");
    assertThat(k.candidates.find(approved).orElseThrow().reason())
        .isEqualTo("skipped by u/" + ModerationKit.MOD);
  }

  @Test
  void skipRefusesBadIdsAndCandidatesThatAreNotWaiting() {
    long published = k.candidate(CandidateState.PUBLISHED);

    assertThat(k.command("skip abc")).startsWith("Nothing changed: say `skip` and a candidate id");
    assertThat(k.command("skip 999999"))
        .isEqualTo("Nothing changed: there is no candidate 999999.");
    assertThat(k.command("skip " + published))
        .startsWith("Nothing changed: candidate " + published + " is PUBLISHED; only a waiting");
    assertThat(k.state(published)).isEqualTo(CandidateState.PUBLISHED);
    assertThat(k.audited("skip.refused")).hasSize(3);
    assertThat(k.audited("skip")).isEmpty();
  }

  // ---- remove -----------------------------------------------------------------------------

  private long botPost(long candidateId, String redditId) {
    return k.db.insert(
        "INSERT INTO posts (candidate_id, reddit_id, title, kind, posted_at, dry_run)"
            + " VALUES (?, ?, ?, 'link', ?, FALSE)",
        candidateId,
        redditId,
        "A fine picture",
        Instant.parse("2025-06-01T12:00:00Z"));
  }

  @Test
  void removeDeletesTheBotsPostAndBansItsImage() {
    long published = k.candidate(CandidateState.PUBLISHED);
    long postId = botPost(published, "1abc2de");

    String reply = k.command("remove https://www.reddit.com/r/nichebot_test/comments/1abc2de/x/");

    assertThat(reply)
        .isEqualTo(
            "Removed my post `1abc2de` (“A fine picture”, candidate "
                + published
                + "). Its image will never be posted again. This cannot be undone.");
    assertThat(k.reddit.requests("POST", "/api/del"))
        .singleElement()
        .satisfies(r -> assertThat(r.form()).containsEntry("id", "t3_1abc2de"));
    assertThat(k.state(published)).isEqualTo(CandidateState.REMOVED);
    assertThat(
            k.db.queryLong(
                "SELECT COUNT(*) FROM posts WHERE id = ? AND removed_at IS NOT NULL"
                    + " AND removed_by = 'u/Mod_Alice'",
                postId))
        .isEqualTo(1);
    long imageId = k.candidates.find(published).orElseThrow().imageId();
    assertThat(
            k.db.queryOne(
                "SELECT banned FROM images WHERE id = ?", rs -> rs.getBoolean(1), imageId))
        .contains(true);
    assertThat(lastAudit("remove").target()).isEqualTo("post:t3_1abc2de");

    assertThat(k.command("undo")).isEqualTo("Your last command, `remove`, cannot be undone.");
    assertThat(k.state(published)).isEqualTo(CandidateState.REMOVED);
  }

  @Test
  void removeNeverTouchesAPostTheBotDidNotMake() {
    assertThat(k.command("remove t3_zz9top"))
        .isEqualTo("Nothing changed: `zz9top` is not one of my posts, so I will not touch it.");
    assertThat(k.command("remove")).startsWith("Nothing changed: say `remove` and the id");
    assertThat(k.reddit.requests("POST", "/api/del")).isEmpty();
  }

  @Test
  void removeThatRedditRefusesChangesNothing() {
    long published = k.candidate(CandidateState.PUBLISHED);
    botPost(published, "1abc2de");
    k.reddit.nextDeleteAnswers(
        RedditInboxPeer.json(403, "{\"message\": \"Forbidden\", \"error\": 403}"));

    assertThat(k.command("remove 1abc2de")).startsWith("Nothing changed: Reddit");
    assertThat(k.state(published)).isEqualTo(CandidateState.PUBLISHED);
    assertThat(k.db.queryLong("SELECT COUNT(*) FROM posts WHERE removed_at IS NOT NULL")).isZero();
  }

  // ---- threshold --------------------------------------------------------------------------

  @Test
  void thresholdOutsideZeroToOneOrNotANumberGetsAClearErrorAndChangesNothing() {
    k.botState.put("classify.threshold", "0.6", "test");

    assertThat(k.command("threshold 1.7"))
        .isEqualTo(
            "Nothing changed: `1.7` is outside 0 to 1. The threshold is a number from 0 to 1,"
                + " like `threshold 0.75`; it stays 0.6.");
    assertThat(k.command("threshold abc"))
        .isEqualTo(
            "Nothing changed: `abc` is not a number. The threshold is a number from 0 to 1, like"
                + " `threshold 0.75`; it stays 0.6.");
    assertThat(k.command("threshold NaN")).startsWith("Nothing changed: `NaN` is not a number.");
    assertThat(k.command("threshold -0.1")).contains("is outside 0 to 1");

    assertThat(k.threshold()).contains("0.6");
    assertThat(k.audited("threshold.refused")).hasSize(4);
    assertThat(k.audited("threshold")).isEmpty();
  }

  @Test
  void thresholdIsStoredWhereTheClassifyStageReadsIt() {
    assertThat(k.command("threshold 0.80"))
        .isEqualTo(
            "Threshold set to 0.8 (was the model's own threshold). The classifier uses it from its"
                + " next run.");
    assertThat(k.botState.get("classify.threshold")).contains("0.8");
    AuditEntry entry = lastAudit("threshold");
    assertThat(entry.target()).isEqualTo("classify.threshold");
    assertThat(entry.before()).isNull();
    assertThat(entry.after()).isEqualTo("0.8");

    assertThat(k.command("threshold default"))
        .startsWith("Threshold set to the model's own threshold (was 0.8).");
    assertThat(k.threshold()).isEmpty();
  }

  // ---- sources ----------------------------------------------------------------------------

  private Map<String, Boolean> sources() {
    Map<String, Boolean> out = new java.util.TreeMap<>();
    k.db
        .query(
            "SELECT spec, enabled FROM sources", rs -> Map.entry(rs.getString(1), rs.getBoolean(2)))
        .forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  @Test
  void sourceAddRemoveAndListChangeTheSourcesTheCrawlerReads() {
    assertThat(k.command("source list")).isEqualTo("There are no sources yet.");

    assertThat(k.command("source add reddit:EarthPorn/top"))
        .isEqualTo("Added source `reddit:earthporn/top`. It is crawled from the next crawl run.");
    assertThat(k.command("source add feed:https://example.org/images.rss"))
        .startsWith("Added source `feed:https://example.org/images.rss`.");
    assertThat(sources())
        .isEqualTo(
            Map.of("reddit:earthporn/top", true, "feed:https://example.org/images.rss", true));
    assertThat(
            k.db.queryOne(
                "SELECT kind FROM sources WHERE spec = 'reddit:earthporn/top'",
                rs -> rs.getString(1)))
        .contains("reddit");

    assertThat(k.command("source add reddit:earthporn/top"))
        .isEqualTo("Nothing changed: `reddit:earthporn/top` already is a source.");

    assertThat(k.command("source list"))
        .contains("- `reddit:earthporn/top`, from moderator")
        .contains("- `feed:https://example.org/images.rss`, from moderator");

    assertThat(k.command("source remove reddit:earthporn/top"))
        .startsWith("Removed source `reddit:earthporn/top`. It is not crawled any more");
    assertThat(sources()).containsEntry("reddit:earthporn/top", false);
    AuditEntry removed = lastAudit("source.remove");
    assertThat(removed.before()).isEqualTo("enabled");
    assertThat(removed.after()).isEqualTo("disabled");
    assertThat(k.command("source list")).contains("- `reddit:earthporn/top` (removed)");
  }

  @Test
  void sourcesThatReadTheBotsOwnDiskOrAreNotSourcesAreRefused() {
    assertThat(k.command("source add folder:/etc"))
        .startsWith("Nothing changed: `folder:` sources read files on the bot's machine");
    assertThat(k.command("source add urls:/home/bot/list.txt"))
        .startsWith("Nothing changed: `urls:` sources read files on the bot's machine");
    assertThat(k.command("source add r/pics"))
        .startsWith("Nothing changed: `r/pics` is not a source.");
    assertThat(k.command("source add")).startsWith("Nothing changed: no source given.");
    assertThat(k.command("source frob")).startsWith("Nothing changed: say `source add <source>`");
    assertThat(sources()).isEmpty();
    assertThat(k.audited("source.add.refused")).hasSize(4);
  }

  // ---- block ------------------------------------------------------------------------------

  @Test
  void blockUserAddsToTheBlocklistAndTakesTheirWaitingCandidatesOutOfTheQueue() {
    long approved = k.candidate(CandidateState.APPROVED);
    String author = k.candidates.find(approved).orElseThrow().author();
    long inReview = k.candidate(CandidateState.QUEUED_FOR_REVIEW);
    long published = k.candidate(CandidateState.PUBLISHED);
    long other = k.candidate(CandidateState.APPROVED);
    k.db.update("UPDATE candidates SET author = ? WHERE id IN (?, ?)", author, inReview, published);

    String reply = k.command("block user u/" + author.toUpperCase(java.util.Locale.ROOT));

    assertThat(reply)
        .isEqualTo(
            "Blocked `user:"
                + author
                + "`: nothing is crawled from them again. 2 waiting candidates left the queue: "
                + approved
                + ", "
                + inReview
                + ".");
    assertThat(k.state(approved)).isEqualTo(CandidateState.SKIPPED);
    assertThat(k.state(inReview)).isEqualTo(CandidateState.SKIPPED);
    assertThat(k.state(published)).isEqualTo(CandidateState.PUBLISHED);
    assertThat(k.state(other)).isEqualTo(CandidateState.APPROVED);
    assertThat(
            k.db.query(
                "SELECT kind, block_value FROM blocklist",
                rs -> rs.getString(1) + ":" + rs.getString(2)))
        .containsExactly("USER:" + author);
    AuditEntry entry = lastAudit("block");
    assertThat(entry.target()).isEqualTo("user:" + author);
    assertThat(entry.before()).isEqualTo("not blocked");
    assertThat(entry.after()).isEqualTo("blocked");

    assertThat(k.command("block user " + author))
        .isEqualTo("Nothing changed: `user:" + author + "` already is blocked.");
  }

  @Test
  void blockDomainTakesCandidatesFromThatHostOrItsSubdomains() {
    long fromHost = k.candidate(CandidateState.APPROVED); // https://i.example/N.png
    long elsewhere = k.candidate(CandidateState.APPROVED);
    k.db.update(
        "UPDATE candidates SET source_url = 'https://cdn.other.test/a.png',"
            + " page_url = 'https://other.test/p' WHERE id = ?",
        elsewhere);

    assertThat(k.command("block domain https://I.Example/some/page"))
        .startsWith("Blocked `domain:i.example`: nothing is crawled from it again. 1 waiting");
    assertThat(k.state(fromHost)).isEqualTo(CandidateState.SKIPPED);
    assertThat(k.state(elsewhere)).isEqualTo(CandidateState.APPROVED);

    assertThat(k.command("block domain not_a_domain"))
        .isEqualTo("Nothing changed: `not_a_domain` is not a domain name like `example.com`.");
    assertThat(k.command("block ip 1.2.3.4"))
        .isEqualTo("Nothing changed: say `block user <name>` or `block domain <domain>`.");
    assertThat(k.db.queryLong("SELECT COUNT(*) FROM blocklist")).isEqualTo(1);
  }

  // ---- undo -------------------------------------------------------------------------------

  @Test
  void undoRestoresThePreviousThreshold() {
    k.command("threshold 0.8");
    k.command("threshold 0.65");
    k.command("status"); // reports only: not a command undo reverts

    assertThat(k.command("undo")).isEqualTo("Undid your `threshold`: it is 0.8 again (was 0.65).");
    assertThat(k.threshold()).contains("0.8");
    AuditEntry undo = lastAudit("undo");
    assertThat(undo.before()).isEqualTo("0.65");
    assertThat(undo.after()).isEqualTo("0.8");
    assertThat(undo.target()).startsWith("audit:");

    // Repeated, undo walks further back.
    assertThat(k.command("undo"))
        .isEqualTo("Undid your `threshold`: it is the model's own threshold again (was 0.8).");
    assertThat(k.threshold()).isEmpty();
    assertThat(k.command("undo")).isEqualTo("Nothing to undo: you have no command left to revert.");
  }

  @Test
  void undoRevertsPauseSkipSourceAndBlock() {
    k.command("pause publish");
    assertThat(k.command("undo")).startsWith("Undid your `pause publish`. Now:");
    assertThat(k.botState.isPaused(PauseSwitch.PUBLISH)).isFalse();

    long approved = k.candidate(CandidateState.APPROVED);
    k.command("skip " + approved);
    assertThat(k.command("undo"))
        .isEqualTo(
            "Undid your `skip " + approved + "`: candidate " + approved + " is APPROVED again.");
    assertThat(k.state(approved)).isEqualTo(CandidateState.APPROVED);

    k.command("source add reddit:pics");
    k.command("undo");
    assertThat(sources()).isEmpty();

    String author = k.candidates.find(approved).orElseThrow().author();
    k.command("block user " + author);
    assertThat(k.state(approved)).isEqualTo(CandidateState.SKIPPED);
    assertThat(k.command("undo"))
        .contains("is not blocked any more. Back in the queue: " + approved + ".");
    assertThat(k.state(approved)).isEqualTo(CandidateState.APPROVED);
    assertThat(k.db.queryLong("SELECT COUNT(*) FROM blocklist")).isZero();
  }

  @Test
  void undoRevertsOnlyTheSendersOwnCommandAndNotWhatOthersChangedSince() {
    k.reddit.moderators(ModerationKit.MOD, "Mod_Carol");
    k.command("threshold 0.8");
    k.send("Mod_Carol", "threshold 0.5");
    k.run();

    assertThat(k.command("undo"))
        .isEqualTo("Not undone: the threshold has been changed since, to 0.5.");
    assertThat(k.threshold()).contains("0.5");

    String carolsUndo = k.send("Mod_Carol", "undo");
    k.run();
    assertThat(k.reddit.replyTo(carolsUndo))
        .isEqualTo("Undid your `threshold`: it is 0.8 again (was 0.5).");
  }

  @Test
  void postNowIsTheLastCommandAndCannotBeUndone() {
    k.command("pause crawl");
    k.candidate(CandidateState.APPROVED);
    k.command("post now");

    assertThat(k.command("undo")).isEqualTo("Your last command, `post.now`, cannot be undone.");
    assertThat(k.botState.isPaused(PauseSwitch.CRAWL)).isTrue();
  }
}
