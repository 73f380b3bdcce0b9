package dev.nichebot.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.nichebot.app.StatusReport;
import dev.nichebot.config.LoadedConfig;
import dev.nichebot.domain.CandidateState;
import dev.nichebot.store.Database;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "status",
    description = "Candidates per state, paused switches, last and next run of each job.")
public final class StatusCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--json", description = "Print one JSON object, for scripts.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    LoadedConfig config = CliSupport.config(spec);
    try (Database db = CliSupport.database(config)) {
      StatusReport report = StatusReport.read(db, Clock.systemUTC());
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        out.println(
            new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .writeValueAsString(report));
      } else {
        print(report, out);
      }
      out.flush();
    }
    return 0;
  }

  static void print(StatusReport r, PrintWriter out) {
    out.printf("nichebot %s, database %s%n%n", r.version(), r.database());
    out.println("Candidates");
    long total = 0;
    for (Map.Entry<CandidateState, Long> e : r.candidates().entrySet()) {
      total += e.getValue();
      if (e.getValue() > 0) {
        out.printf("  %-18s %8d%n", e.getKey(), e.getValue());
      }
    }
    out.printf("  %-18s %8d%n", "total", total);
    if (!r.failures().isEmpty()) {
      out.println("\nFailures by reason");
      r.failures().forEach((k, v) -> out.printf("  %-24s %6d%n", k, v));
    }
    out.println("\nPaused");
    r.paused().forEach((k, v) -> out.printf("  %-8s %s%n", k.id(), v ? "PAUSED" : "running"));
    out.println("\nJobs                 last run                    outcome      items  next run");
    for (StatusReport.JobStatus j : r.jobs()) {
      out.printf(
          "  %-18s %-27s %-12s %5s  %s%n",
          j.stage().id(),
          show(j.lastStarted()),
          j.lastOutcome() == null ? "-" : j.lastOutcome(),
          j.lastItems() == null ? "-" : j.lastItems().toString(),
          j.nextRun() == null ? "not scheduled" : j.nextRun().toString());
      if ("FAILED".equals(j.lastOutcome()) && j.lastDetail() != null) {
        out.printf("      last error: %s%n", j.lastDetail());
      }
    }
    if (!r.settings().isEmpty()) {
      out.println("\nRun-time settings");
      r.settings().forEach((k, v) -> out.printf("  %s = %s%n", k, v));
    }
    out.printf(
        "%nPosts: %d%s%n", r.posts(), r.lastPostAt() == null ? "" : ", last at " + r.lastPostAt());
  }

  private static String show(Instant t) {
    return t == null ? "never" : t.toString();
  }
}
