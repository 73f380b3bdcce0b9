package dev.nichebot.web.review;

import dev.nichebot.config.Secret;
import dev.nichebot.review.ReviewPolicy;
import dev.nichebot.review.ReviewService;
import dev.nichebot.review.VoteStore;
import dev.nichebot.store.AuditLog;
import dev.nichebot.store.CandidateStore;
import dev.nichebot.store.Database;
import dev.nichebot.testing.TestCandidates;
import dev.nichebot.testing.TestDatabases;
import dev.nichebot.web.WebServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/** A review page on 127.0.0.1 over a fresh database, as the bot serves it. */
final class ReviewPageServer implements AutoCloseable {
  final Database db = TestDatabases.inMemory();
  final Clock clock = Clock.systemUTC();
  final CandidateStore candidates = new CandidateStore(db, clock);
  final AuditLog audit = new AuditLog(db, clock);
  final ReviewService review;
  final TestCandidates seed;
  final Path images;
  final WebServer web;

  ReviewPageServer(Path images, Secret token, String bindAddress) throws Exception {
    this.images = images;
    this.seed = new TestCandidates(db, candidates, images);
    this.review =
        new ReviewService(
            db,
            candidates,
            new VoteStore(db),
            audit,
            new ReviewPolicy(
                1, true, Duration.ofMinutes(10), 10, Duration.ofHours(12), Duration.ofDays(2)),
            clock);
    ReviewActions actions = new ReviewActions(db, candidates, review, audit, clock);
    web = WebServer.bind("127.0.0.1", 0);
    web.route(
        "/review",
        new ReviewHandler(new ReviewQueries(db, images), actions, token, bindAddress, false));
    web.start();
  }

  String base() {
    return "http://127.0.0.1:" + web.port();
  }

  @Override
  public void close() {
    web.close();
    db.close();
  }
}
