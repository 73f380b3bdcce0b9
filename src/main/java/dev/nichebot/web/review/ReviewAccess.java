package dev.nichebot.web.review;

import com.sun.net.httpserver.HttpExchange;
import dev.nichebot.config.Secret;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Who may use the review page. Anyone who reaches it can decide, so: with {@code web.review-token}
 * set, every request carries it (header {@code X-Review-Token}, or the session cookie a login
 * sets); without a token the page works on a loopback address only, and only for requests that name
 * a loopback host (so a web site cannot reach it through DNS rebinding). State changes must be
 * same-origin POSTs with a JSON body, which a foreign page cannot send without a CORS preflight
 * this server never grants.
 */
final class ReviewAccess {
  static final String HEADER = "X-Review-Token";
  static final String COOKIE = "nichebot_review";

  /** Whether the page may serve at all, and why not. */
  enum Availability {
    OPEN_ON_LOOPBACK,
    TOKEN_REQUIRED,
    DISABLED
  }

  private final Secret token;
  private final Availability availability;
  private final String sessionValue;

  ReviewAccess(Secret token, String bindAddress) {
    this.token = token;
    if (token.isPresent()) {
      availability = Availability.TOKEN_REQUIRED;
    } else {
      availability =
          isLoopback(bindAddress) ? Availability.OPEN_ON_LOOPBACK : Availability.DISABLED;
    }
    this.sessionValue = token.isPresent() ? hmac(token.reveal(), "nichebot review session") : "";
  }

  Availability availability() {
    return availability;
  }

  static boolean isLoopback(String bindAddress) {
    try {
      return InetAddress.getByName(bindAddress).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** True when the request may see and use the page. */
  boolean allows(HttpExchange ex) {
    return switch (availability) {
      case DISABLED -> false;
      case OPEN_ON_LOOPBACK -> loopbackHost(ex.getRequestHeaders().getFirst("Host"));
      case TOKEN_REQUIRED ->
          matches(ex.getRequestHeaders().getFirst(HEADER)) || sessionCookieValid(ex);
    };
  }

  /** Constant-time comparison of a presented token with the configured one. */
  boolean matches(String presented) {
    if (presented == null || token.isEmpty()) {
      return false;
    }
    return MessageDigest.isEqual(sha256(presented), sha256(token.reveal()));
  }

  /** The cookie a successful login sets: derived from the token, never the token itself. */
  String sessionCookie() {
    return COOKIE + "=" + sessionValue + "; Path=/review; HttpOnly; SameSite=Strict";
  }

  private boolean sessionCookieValid(HttpExchange ex) {
    for (String header : ex.getRequestHeaders().getOrDefault("Cookie", java.util.List.of())) {
      for (String part : header.split(";")) {
        String p = part.strip();
        if (p.startsWith(COOKIE + "=")) {
          byte[] presented = p.substring(COOKIE.length() + 1).getBytes(StandardCharsets.UTF_8);
          if (MessageDigest.isEqual(presented, sessionValue.getBytes(StandardCharsets.UTF_8))) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /**
   * A state change must come from the page itself: POST, a JSON body, and an Origin (when the
   * browser sends one) naming the host the request went to.
   */
  static Optional<String> sameOriginProblem(HttpExchange ex, boolean json) {
    if (!"POST".equals(ex.getRequestMethod())) {
      return Optional.of("use POST");
    }
    String type = ex.getRequestHeaders().getFirst("Content-Type");
    if (json && (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json"))) {
      return Optional.of("the body must be application/json");
    }
    String origin = ex.getRequestHeaders().getFirst("Origin");
    String host = ex.getRequestHeaders().getFirst("Host");
    if (origin != null) {
      try {
        URI o = URI.create(origin);
        String originHost = o.getHost() + (o.getPort() == -1 ? "" : ":" + o.getPort());
        if (host == null || !originHost.equalsIgnoreCase(host)) {
          return Optional.of("cross-origin request refused");
        }
      } catch (IllegalArgumentException e) {
        return Optional.of("cross-origin request refused");
      }
    }
    String site = ex.getRequestHeaders().getFirst("Sec-Fetch-Site");
    if (site != null && !site.equals("same-origin") && !site.equals("none")) {
      return Optional.of("cross-site request refused");
    }
    return Optional.empty();
  }

  static boolean loopbackHost(String hostHeader) {
    if (hostHeader == null) {
      return false;
    }
    String h = hostHeader.strip().toLowerCase(Locale.ROOT);
    if (h.startsWith("[")) {
      int end = h.indexOf(']');
      h = end < 0 ? h : h.substring(1, end);
    } else if (h.indexOf(':') >= 0) {
      h = h.substring(0, h.indexOf(':'));
    }
    if (h.equals("localhost")) {
      return true;
    }
    // Only literal addresses: a name is never resolved here.
    if (!h.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}")
        && !(h.contains(":") && h.matches("[0-9a-f:]+"))) {
      return false;
    }
    try {
      return InetAddress.getByName(h).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String hmac(String key, String message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }
}
