package dev.nichebot.app;

import dev.nichebot.config.BotConfig;
import dev.nichebot.reddit.Credential;
import dev.nichebot.reddit.RedditClient;
import dev.nichebot.reddit.RedditSettings;
import java.time.Clock;
import java.util.Optional;
import okhttp3.OkHttpClient;

/** Maps {@code reddit.*} configuration onto the Reddit client. One client per bot. */
final class RedditClients {
  private RedditClients() {}

  /** The logged-in client, or empty when no Reddit credentials are configured. */
  static Optional<RedditClient> create(BotConfig.Reddit r, OkHttpClient http, Clock clock) {
    if (!r.hasCredentials()) {
      return Optional.empty();
    }
    RedditSettings.Builder settings =
        RedditSettings.builder()
            .authUrl(r.authUrl().toString())
            .apiUrl(r.apiUrl().toString())
            .clientId(Credential.of(r.clientId()))
            .clientSecret(Credential.of(r.clientSecret().reveal()))
            .username(r.username())
            .password(Credential.of(r.password().reveal()))
            .connectTimeout(r.connectTimeout())
            .readTimeout(r.readTimeout())
            // The configuration counts retries; the client counts attempts.
            .maxAttempts(r.maxRetries() + 1)
            .maxRetryTime(r.maxRetryTime())
            .clock(clock);
    if (!r.userAgent().isBlank()) {
      settings.userAgent(r.userAgent());
    } else {
      settings.userAgent(r.owner(), "nichebot", Version.get());
    }
    return Optional.of(RedditClient.builder(settings.build()).httpClient(http).build());
  }
}
