package dev.nichebot.web.review;

import dev.nichebot.domain.CandidateState;
import java.util.List;
import java.util.Locale;

/** The review page's HTML: server-rendered, readable without JavaScript, one form of filters. */
final class ReviewPage {
  private ReviewPage() {}

  static String page(
      ReviewQueries.Filter f,
      List<ReviewQueries.Item> items,
      long total,
      List<ReviewQueries.Source> sources,
      int offset,
      int limit,
      boolean discordMode) {
    StringBuilder h = new StringBuilder(8192);
    boolean label = f.mode() == ReviewQueries.Mode.LABEL;
    head(h, label ? "Label the backlog" : "Review");
    h.append("<header><h1>nichebot ")
        .append(label ? "backlog labelling" : "review")
        .append("</h1><nav aria-label=\"Mode\"><a href=\"/review?mode=review\"")
        .append(label ? "" : " aria-current=\"page\"")
        .append(">Waiting for review</a> <a href=\"/review?mode=label\"")
        .append(label ? " aria-current=\"page\"" : "")
        .append(">Backlog labelling</a></nav></header>\n<main>\n");
    h.append("<p class=\"help\">")
        .append(
            label
                ? "Images the pipeline scored but nobody reviewed. Your decisions become training"
                    + " labels (<code>train --from-reviews</code>); the images stay where they are."
                : "Candidates waiting for a decision, largest score first."
                    + (discordMode ? " Votes here count as in Discord." : ""))
        .append(
            " Keys: <kbd>A</kbd> approve, <kbd>R</kbd> reject, arrows move,"
                + " <kbd>U</kbd> undo your last decision, <kbd>Esc</kbd> from a field back to the"
                + " grid.</p>\n");
    filters(h, f, sources);
    h.append("<p id=\"summary\">")
        .append(total)
        .append(total == 1 ? " candidate" : " candidates")
        .append(items.isEmpty() ? "" : ", showing " + (offset + 1) + "–" + (offset + items.size()))
        .append("</p>\n<div id=\"status\" role=\"status\" aria-live=\"polite\"></div>\n");
    if (items.isEmpty()) {
      h.append("<p class=\"empty\">Nothing to ")
          .append(label ? "label" : "review")
          .append(" with these filters.</p>\n");
    }
    h.append("<ul id=\"grid\" class=\"grid\" aria-label=\"Candidates\">\n");
    boolean first = true;
    for (ReviewQueries.Item it : items) {
      card(h, it, label, first);
      first = false;
    }
    h.append("</ul>\n");
    if (offset + items.size() < total) {
      h.append("<p><a id=\"more\" href=\"")
          .append(esc(query(f, offset + limit)))
          .append("\">Next page</a></p>\n");
    }
    h.append("</main>\n</body>\n</html>\n");
    return h.toString();
  }

  private static void filters(
      StringBuilder h, ReviewQueries.Filter f, List<ReviewQueries.Source> sources) {
    boolean label = f.mode() == ReviewQueries.Mode.LABEL;
    h.append("<form id=\"filters\" method=\"get\" action=\"/review\">")
        .append("<input type=\"hidden\" name=\"mode\" value=\"")
        .append(f.mode().word())
        .append("\">");
    h.append("<label>Your name <input id=\"reviewer\" name=\"reviewer\" autocomplete=\"nickname\"")
        .append(" maxlength=\"40\"></label> ");
    h.append("<label>State <select name=\"state\"><option value=\"\">any</option>");
    for (CandidateState s : label ? ReviewQueries.BACKLOG : ReviewQueries.WAITING) {
      h.append("<option value=\"")
          .append(s.name())
          .append(s == f.state() ? "\" selected>" : "\">")
          .append(words(s))
          .append("</option>");
    }
    h.append("</select></label> ");
    h.append("<label>Score from <input name=\"min\" type=\"number\" step=\"0.01\" min=\"0\"")
        .append(" max=\"1\" value=\"")
        .append(f.minScore() == null ? "" : f.minScore())
        .append("\"></label> ");
    h.append("<label>to <input name=\"max\" type=\"number\" step=\"0.01\" min=\"0\" max=\"1\"")
        .append(" value=\"")
        .append(f.maxScore() == null ? "" : f.maxScore())
        .append("\"></label> ");
    h.append("<label>Source <select name=\"source\"><option value=\"\">any</option>");
    for (ReviewQueries.Source s : sources) {
      h.append("<option value=\"")
          .append(s.id())
          .append(Long.valueOf(s.id()).equals(f.sourceId()) ? "\" selected>" : "\">")
          .append(esc(s.label()))
          .append("</option>");
    }
    h.append("</select></label> <button type=\"submit\">Filter</button></form>\n");
  }

  private static void card(StringBuilder h, ReviewQueries.Item it, boolean label, boolean first) {
    String title = it.title() == null || it.title().isBlank() ? "Untitled" : it.title();
    h.append("<li class=\"card\" tabindex=\"")
        .append(first ? "0" : "-1")
        .append("\" data-id=\"")
        .append(it.id())
        .append("\" id=\"c")
        .append(it.id())
        .append("\" aria-labelledby=\"t")
        .append(it.id())
        .append("\">");
    h.append("<img src=\"/review/image/")
        .append(it.id())
        .append("\" alt=\"")
        .append(esc(title))
        .append("\" loading=\"lazy\">");
    h.append("<h2 id=\"t").append(it.id()).append("\">#").append(it.id()).append(' ');
    h.append(esc(title)).append("</h2><dl>");
    dt(h, "Signal", it.signalScore() == null ? "not scored" : pct(it.signalScore()));
    dt(h, "NSFW", it.nsfwScore() == null ? "not scored" : pct(it.nsfwScore()));
    dt(h, "State", words(it.state()));
    h.append("<dt>Source</dt><dd>").append(esc(it.source())).append("</dd>");
    h.append("<dt>Credit</dt><dd>");
    String by = it.author() == null ? "unknown" : "u/" + it.author();
    if (it.pageUrl() != null && it.pageUrl().matches("(?i)https?://.*")) {
      h.append("<a href=\"")
          .append(esc(it.pageUrl()))
          .append("\" rel=\"noopener noreferrer\" target=\"_blank\">")
          .append(esc(by))
          .append("</a>");
    } else {
      h.append(esc(by));
    }
    h.append("</dd><dt>Nearest</dt><dd>");
    if (it.nearestImageId() == null) {
      h.append("no close image");
    } else {
      h.append(
              it.nearestCandidateId() == null
                  ? "image #" + it.nearestImageId()
                  : "candidate #" + it.nearestCandidateId())
          .append(", distance ")
          .append(it.nearestDistance());
    }
    h.append("</dd>");
    if (it.activeVotes() > 0) {
      dt(h, "Votes", Integer.toString(it.activeVotes()));
    }
    h.append("</dl><div class=\"actions\">");
    String verb = label ? "Label " : "";
    h.append("<button type=\"button\" class=\"approve\" data-vote=\"approve\">")
        .append(verb)
        .append(label ? "signal" : "Approve")
        .append(" <kbd>A</kbd></button>");
    h.append("<button type=\"button\" class=\"reject\" data-vote=\"reject\">")
        .append(verb)
        .append(label ? "noise" : "Reject")
        .append(" <kbd>R</kbd></button>");
    h.append("</div></li>\n");
  }

  static String message(int status, String title, String text) {
    StringBuilder h = new StringBuilder();
    head(h, title);
    h.append("<main><h1>")
        .append(esc(title))
        .append("</h1><p>")
        .append(esc(text))
        .append("</p></main></body></html>\n");
    return h.toString();
  }

  static String login(boolean failed) {
    StringBuilder h = new StringBuilder();
    head(h, "Sign in");
    h.append("<main><h1>nichebot review</h1>");
    if (failed) {
      h.append("<p role=\"alert\">That token is not right.</p>");
    }
    h.append("<form method=\"post\" action=\"/review/login\">")
        .append("<label>Review token (web.review-token) ")
        .append("<input name=\"token\" type=\"password\" autocomplete=\"current-password\"")
        .append(" required autofocus></label> <button type=\"submit\">Sign in</button></form>")
        .append("</main></body></html>\n");
    return h.toString();
  }

  private static void head(StringBuilder h, String title) {
    h.append("<!doctype html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>")
        .append(esc(title))
        .append(" – nichebot</title>")
        .append("<link rel=\"stylesheet\" href=\"/review/static/review.css\">")
        .append("<script src=\"/review/static/review.js\" defer></script></head>\n<body>\n");
  }

  private static void dt(StringBuilder h, String term, String value) {
    h.append("<dt>").append(term).append("</dt><dd>").append(esc(value)).append("</dd>");
  }

  private static String pct(double v) {
    return String.format(Locale.ROOT, "%.0f%%", Math.max(0, Math.min(1, v)) * 100);
  }

  private static String words(CandidateState s) {
    return s.name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  static String query(ReviewQueries.Filter f, int offset) {
    StringBuilder q = new StringBuilder("/review?mode=").append(f.mode().word());
    if (f.state() != null) {
      q.append("&state=").append(f.state().name());
    }
    if (f.minScore() != null) {
      q.append("&min=").append(f.minScore());
    }
    if (f.maxScore() != null) {
      q.append("&max=").append(f.maxScore());
    }
    if (f.sourceId() != null) {
      q.append("&source=").append(f.sourceId());
    }
    return q.append("&offset=").append(offset).toString();
  }

  static String esc(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
