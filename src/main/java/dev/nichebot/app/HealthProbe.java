package dev.nichebot.app;

import java.net.HttpURLConnection;
import java.net.URI;

/**
 * The container's HEALTHCHECK: exits 0 when {@code /healthz} answers 200. Plain JDK, no
 * dependencies, so the runtime image needs no curl.
 */
public final class HealthProbe {
  private HealthProbe() {}

  public static void main(String[] args) {
    String port = System.getenv().getOrDefault("NICHEBOT_WEB_PORT", "8080");
    try {
      HttpURLConnection c =
          (HttpURLConnection)
              URI.create("http://127.0.0.1:" + port + "/healthz").toURL().openConnection();
      c.setConnectTimeout(3000);
      c.setReadTimeout(3000);
      int status = c.getResponseCode();
      System.exit(status == 200 ? 0 : 1);
    } catch (Exception e) {
      System.exit(1);
    }
  }
}
