package dev.nichebot.testing;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Form-encoded request bodies, as the loopback Reddit peers receive them. */
public final class Forms {
  private Forms() {}

  /** Parses {@code a=1&b=two}; an empty or missing body is an empty form. */
  public static Map<String, String> parse(String body) {
    Map<String, String> form = new LinkedHashMap<>();
    if (body == null || body.isEmpty()) {
      return form;
    }
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value =
          eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      form.put(key, value);
    }
    return form;
  }
}
