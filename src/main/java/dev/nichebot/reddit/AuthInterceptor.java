package dev.nichebot.reddit;

import java.io.IOException;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the bearer token on API requests, and on a 401 renews it once and repeats the request. Only
 * requests to the API origin get the token, so it can never leak to another host.
 */
final class AuthInterceptor implements Interceptor {
  private static final Logger log = LoggerFactory.getLogger(AuthInterceptor.class);

  private final AccessTokens tokens;
  private final HttpUrl api;

  AuthInterceptor(AccessTokens tokens, HttpUrl api) {
    this.tokens = tokens;
    this.api = api;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    HttpUrl url = request.url();
    if (!url.scheme().equals(api.scheme())
        || !url.host().equals(api.host())
        || url.port() != api.port()) {
      return chain.proceed(request);
    }
    AccessTokens.Token token = tokens.current();
    Response response = chain.proceed(withBearer(request, token));
    if (response.code() != 401) {
      return response;
    }
    // Expired or revoked early (www-authenticate: Bearer ... error="invalid_token"): renew once.
    log.info(
        "Reddit rejected the access token for {} {} ({}); renewing it once",
        request.method(),
        url.encodedPath(),
        response.header("www-authenticate", "no challenge"));
    response.close();
    tokens.invalidate(token);
    return chain.proceed(withBearer(request, tokens.current()));
  }

  private static Request withBearer(Request request, AccessTokens.Token token) {
    return request.newBuilder().header("Authorization", "bearer " + token.value()).build();
  }
}
