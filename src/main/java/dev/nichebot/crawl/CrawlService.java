package dev.nichebot.crawl;

import dev.nichebot.crawl.source.Discovery;
import dev.nichebot.crawl.source.Found;
import dev.nichebot.crawl.source.ImageSource;
import dev.nichebot.crawl.source.SourceException;
import dev.nichebot.crawl.source.SourceFactory;
import dev.nichebot.domain.NewCandidate;
import dev.nichebot.store.CandidateStore;
import dev.nichebot.store.Database;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CRAWL stage: asks every enabled source for images and records each new one as a DISCOVERED
 * candidate, with its source and credit. An image URL already known is never recorded again; an
 * image from a blocked user or domain is not recorded at all. A source that cannot be read is
 * logged, counted and stored as its {@code last_error}; the others go on.
 */
public final class CrawlService {
  private static final Logger log = LoggerFactory.getLogger(CrawlService.class);

  /** What one crawl run did. */
  public record Report(int sources, int discovered, int known, int blocked, List<String> errors) {
    public Report {
      errors = List.copyOf(errors);
    }

    public String summary() {
      StringBuilder s =
          new StringBuilder()
              .append(discovered)
              .append(" new image(s) from ")
              .append(sources)
              .append(" source(s)");
      if (known > 0) {
        s.append(", ").append(known).append(" already known");
      }
      if (blocked > 0) {
        s.append(", ").append(blocked).append(" blocked");
      }
      if (!errors.isEmpty()) {
        s.append("; ")
            .append(errors.size())
            .append(" source(s) failed: ")
            .append(String.join("; ", errors));
      }
      return s.toString();
    }
  }

  private final Database db;
  private final CandidateStore candidates;
  private final SourceTable sources;
  private final SourceFactory factory;

  public CrawlService(
      Database db, CandidateStore candidates, SourceTable sources, SourceFactory factory) {
    this.db = db;
    this.candidates = candidates;
    this.sources = sources;
    this.factory = factory;
  }

  public Report run() throws InterruptedException {
    BlockRules blocks = BlockRules.read(db);
    int discovered = 0;
    int known = 0;
    int blocked = 0;
    List<SourceTable.Row> rows = sources.enabled();
    List<String> errors = new ArrayList<>();
    for (SourceTable.Row row : rows) {
      if (Thread.currentThread().isInterrupted()) {
        throw new InterruptedException(
            "crawl interrupted; the other sources wait for the next run");
      }
      try {
        ImageSource source = factory.create(row.spec());
        Discovery found = source.discover(sources.seen(row.id()));
        int before = discovered;
        for (Found f : found.found()) {
          Optional<String> block = blocks.blocks(f.author(), f.imageUrl(), f.pageUrl());
          if (block.isPresent()) {
            blocked++;
            continue;
          }
          Optional<Long> id =
              candidates.discover(
                  new NewCandidate(
                      row.id(), f.imageUrl(), f.pageUrl(), f.author(), f.title(), f.externalId()));
          if (id.isPresent()) {
            discovered++;
          } else {
            known++;
          }
        }
        // After the candidates: a crash in between re-reads these items, whose URLs are known.
        sources.markSeen(row.id(), found.newlySeen());
        sources.crawled(row.id(), null);
        if (discovered > before) {
          log.info("crawl: {} new image(s) from {}", discovered - before, row.spec());
        }
      } catch (SourceException | RuntimeException e) {
        String why = e.getMessage() == null ? e.toString() : e.getMessage();
        log.warn("crawl: source {} failed: {}", row.spec(), why);
        errors.add(row.spec() + ": " + why);
        try {
          sources.crawled(row.id(), why);
        } catch (RuntimeException again) {
          log.warn("crawl: could not record the failure of {}: {}", row.spec(), again.toString());
        }
      }
    }
    return new Report(rows.size(), discovered, known, blocked, errors);
  }
}
