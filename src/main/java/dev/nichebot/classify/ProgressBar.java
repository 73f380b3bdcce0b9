package dev.nichebot.classify;

import java.io.PrintStream;
import java.util.Locale;

/** A one-line text progress bar with rate and time left, redrawn at most five times a second. */
public final class ProgressBar {
  private static final int WIDTH = 30;
  private final String label;
  private final long total;
  private final PrintStream out;
  private final long started = System.nanoTime();
  private long lastDraw;

  public ProgressBar(String label, long total, PrintStream out) {
    this.label = label;
    this.total = Math.max(1, total);
    this.out = out;
  }

  /** A bar that prints nothing. */
  public static ProgressBar silent() {
    return new ProgressBar("", 1, null);
  }

  public synchronized void update(long done) {
    if (out == null) {
      return;
    }
    long now = System.nanoTime();
    if (done < total && now - lastDraw < 200_000_000L) {
      return;
    }
    lastDraw = now;
    double seconds = (now - started) / 1e9;
    double rate = seconds > 0 ? done / seconds : 0;
    long left = rate > 0 ? Math.round((total - done) / rate) : 0;
    int filled = (int) (WIDTH * Math.min(done, total) / total);
    out.printf(
        Locale.ROOT,
        "\r%-22s [%s%s] %3d%% %d/%d  %.1f/s  %s left ",
        label,
        "#".repeat(filled),
        ".".repeat(WIDTH - filled),
        100 * Math.min(done, total) / total,
        done,
        total,
        rate,
        duration(left));
    if (done >= total) {
      out.printf(Locale.ROOT, "%n");
    }
    out.flush();
  }

  static String duration(long seconds) {
    return String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
  }
}
