package dev.nichebot.app.bench;

import java.util.Arrays;

/** Percentiles of a sample of durations in nanoseconds. */
public record Stats(
    int count, double medianMs, double p90Ms, double p99Ms, double maxMs, double meanMs) {
  public static Stats of(long[] nanos) {
    if (nanos.length == 0) {
      return new Stats(0, 0, 0, 0, 0, 0);
    }
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    double sum = 0;
    for (long n : sorted) {
      sum += n;
    }
    return new Stats(
        sorted.length,
        ms(percentile(sorted, 0.5)),
        ms(percentile(sorted, 0.9)),
        ms(percentile(sorted, 0.99)),
        ms(sorted[sorted.length - 1]),
        ms(sum / sorted.length));
  }

  private static double percentile(long[] sorted, double p) {
    double rank = p * (sorted.length - 1);
    int lo = (int) Math.floor(rank);
    int hi = (int) Math.ceil(rank);
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
  }

  private static double ms(double nanos) {
    return nanos / 1_000_000.0;
  }
}
