package dev.nichebot.app;

import dev.nichebot.domain.CandidateState;
import dev.nichebot.store.CandidateStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Gauges over the database: candidates per state and failures per reason. Counts are read at most
 * every few seconds, however often Prometheus scrapes.
 */
final class PipelineMetrics {
  private static final Duration MAX_AGE = Duration.ofSeconds(5);

  private final CandidateStore candidates;
  private final Clock clock;
  private Map<CandidateState, Long> counts = new EnumMap<>(CandidateState.class);
  private Instant countsAt = Instant.EPOCH;
  private final MultiGauge failures;
  private JvmGcMetrics gc;

  PipelineMetrics(MeterRegistry registry, CandidateStore candidates, Clock clock) {
    this.candidates = candidates;
    this.clock = clock;
    for (CandidateState s : CandidateState.values()) {
      Gauge.builder("nichebot.candidates", this, m -> m.count(s))
          .tag("state", s.name())
          .description("candidates per state")
          .register(registry);
    }
    failures =
        MultiGauge.builder("nichebot.candidates.failed")
            .description("FAILED candidates per reason")
            .register(registry);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    gc = new JvmGcMetrics();
    gc.bindTo(registry);
  }

  private synchronized double count(CandidateState state) {
    Instant now = clock.instant();
    if (Duration.between(countsAt, now).compareTo(MAX_AGE) > 0) {
      try {
        counts = candidates.countByState();
        Map<String, Long> byReason = candidates.failuresByReason();
        failures.register(
            byReason.entrySet().stream()
                .map(e -> MultiGauge.Row.of(Tags.of("reason", e.getKey()), e.getValue()))
                .collect(Collectors.toList()),
            true);
        countsAt = now;
      } catch (RuntimeException e) {
        return Double.NaN;
      }
    }
    return counts.getOrDefault(state, 0L);
  }

  void close() {
    gc.close();
  }
}
