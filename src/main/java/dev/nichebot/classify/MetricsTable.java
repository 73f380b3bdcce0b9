package dev.nichebot.classify;

import java.util.List;
import java.util.Locale;

/** Prints metrics side by side, one column per operating point. */
public final class MetricsTable {
  private MetricsTable() {}

  public static String format(List<String> headers, List<BinaryMetrics> columns) {
    StringBuilder sb = new StringBuilder();
    BinaryMetrics first = columns.get(0);
    sb.append(
        String.format(
            Locale.ROOT,
            "images %d (signal %d, base rate %.4f = 1:%.1f)   ROC-AUC %.4f   PR-AUC %.4f%n",
            first.count(),
            first.positives(),
            first.baseRate(),
            (1 - first.baseRate()) / first.baseRate(),
            first.rocAuc(),
            first.prAuc()));
    row(sb, "", headers.toArray(String[]::new));
    row(sb, "threshold", columns.stream().map(m -> fmt(m.threshold())).toArray(String[]::new));
    row(sb, "precision", columns.stream().map(m -> fmt(m.precision())).toArray(String[]::new));
    row(sb, "recall", columns.stream().map(m -> fmt(m.recall())).toArray(String[]::new));
    row(sb, "F1", columns.stream().map(m -> fmt(m.f1())).toArray(String[]::new));
    row(
        sb,
        "balanced accuracy",
        columns.stream().map(m -> fmt(m.balancedAccuracy())).toArray(String[]::new));
    row(
        sb,
        "review lift",
        columns.stream()
            .map(m -> String.format(Locale.ROOT, "%.2fx", m.lift()))
            .toArray(String[]::new));
    row(
        sb,
        "TP / FP",
        columns.stream()
            .map(m -> m.confusion().truePositives() + " / " + m.confusion().falsePositives())
            .toArray(String[]::new));
    row(
        sb,
        "FN / TN",
        columns.stream()
            .map(m -> m.confusion().falseNegatives() + " / " + m.confusion().trueNegatives())
            .toArray(String[]::new));
    return sb.toString();
  }

  private static void row(StringBuilder sb, String name, String[] cells) {
    sb.append(String.format(Locale.ROOT, "%-18s", name));
    for (String c : cells) {
      sb.append(String.format(Locale.ROOT, " | %-18s", c));
    }
    sb.append(System.lineSeparator());
  }

  private static String fmt(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.4f", v);
  }
}
