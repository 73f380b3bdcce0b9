package dev.nichebot.app;

import dev.nichebot.domain.Stage;
import dev.nichebot.moderation.BotStatus;
import dev.nichebot.moderation.StatusSource;
import dev.nichebot.store.Database;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The moderators' {@code status}, from the same {@link StatusReport} as {@code nichebot status}.
 */
final class ModerationStatus implements StatusSource {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private final Database db;
  private final Clock clock;

  ModerationStatus(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  @Override
  public BotStatus current() {
    StatusReport report = StatusReport.read(db, clock);
    Optional<StatusReport.JobStatus> publish =
        report.jobs().stream().filter(j -> j.stage() == Stage.PUBLISH).findFirst();
    return new BotStatus(
        report.candidates(),
        publish.map(StatusReport.JobStatus::nextRun),
        report.paused(),
        modelVersion(),
        lastErrors(report));
  }

  /** The model that scored the newest classified candidate. */
  private Optional<String> modelVersion() {
    return db.queryOne(
        "SELECT model_version FROM candidates WHERE model_version IS NOT NULL"
            + " ORDER BY updated_at DESC, id DESC FETCH FIRST 1 ROWS ONLY",
        rs -> rs.getString(1));
  }

  private static List<String> lastErrors(StatusReport report) {
    List<StatusReport.JobStatus> failed = new ArrayList<>();
    for (StatusReport.JobStatus j : report.jobs()) {
      if ("FAILED".equals(j.lastOutcome())) {
        failed.add(j);
      }
    }
    failed.sort(
        Comparator.comparing(
                StatusReport.JobStatus::lastStarted,
                Comparator.nullsLast(Comparator.naturalOrder()))
            .reversed());
    List<String> out = new ArrayList<>();
    for (StatusReport.JobStatus j : failed) {
      out.add(
          j.stage().id()
              + " failed"
              + (j.lastStarted() == null ? "" : " at " + TIME.format(j.lastStarted()))
              + ": "
              + j.lastDetail());
    }
    if (!report.failures().isEmpty()) {
      List<String> reasons = new ArrayList<>();
      report.failures().entrySet().stream()
          .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
          .limit(5)
          .forEach(e -> reasons.add(e.getKey() + " " + e.getValue()));
      out.add("failed candidates by reason: " + String.join(", ", reasons));
    }
    return out;
  }
}
