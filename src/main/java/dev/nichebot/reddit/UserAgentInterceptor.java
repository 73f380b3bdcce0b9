package dev.nichebot.reddit;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Response;

/** Sends Reddit's required User-Agent on every request (API, login, media upload, websocket). */
final class UserAgentInterceptor implements Interceptor {
  private final String userAgent;

  UserAgentInterceptor(String userAgent) {
    this.userAgent = userAgent;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    return chain.proceed(chain.request().newBuilder().header("User-Agent", userAgent).build());
  }
}
