package dev.nichebot.reddit;

import java.io.IOException;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Adds {@code raw_json=1} to every API request. Without it Reddit HTML-escapes {@code &} in URLs
 * ({@code &amp;}), which breaks the signatures of preview image URLs.
 */
final class RawJsonInterceptor implements Interceptor {
  @Override
  public Response intercept(Chain chain) throws IOException {
    HttpUrl url = chain.request().url();
    if (!"1".equals(url.queryParameter("raw_json"))) {
      url =
          url.newBuilder()
              .removeAllQueryParameters("raw_json")
              .addQueryParameter("raw_json", "1")
              .build();
    }
    return chain.proceed(chain.request().newBuilder().url(url).build());
  }
}
