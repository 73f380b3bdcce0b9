package dev.nichebot.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nichebot.classify.BinaryMetrics;

/** JSON forms shared by the classify commands. */
final class BenchJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private BenchJson() {}

  static ObjectNode metrics(BinaryMetrics b) {
    ObjectNode v = MAPPER.createObjectNode();
    v.put("images", b.count());
    v.put("signal", b.positives());
    v.put("threshold", b.threshold());
    v.put("precision", b.precision());
    v.put("recall", b.recall());
    v.put("f1", b.f1());
    v.put("balanced_accuracy", b.balancedAccuracy());
    v.put("roc_auc", b.rocAuc());
    v.put("pr_auc", b.prAuc());
    v.put("base_rate", b.baseRate());
    v.put("review_lift", b.lift());
    ObjectNode c = v.putObject("confusion");
    c.put("tp", b.confusion().truePositives());
    c.put("fp", b.confusion().falsePositives());
    c.put("tn", b.confusion().trueNegatives());
    c.put("fn", b.confusion().falseNegatives());
    return v;
  }
}
