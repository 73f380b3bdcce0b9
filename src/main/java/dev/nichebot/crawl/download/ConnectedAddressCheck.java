package dev.nichebot.crawl.download;

import java.io.IOException;
import java.net.InetAddress;
import okhttp3.Connection;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Last line of defence: before a request is written, look at the address the socket is really
 * connected to. Catches what the DNS check cannot see: IP literals (OkHttp does not ask the DNS for
 * them), pooled or coalesced HTTP/2 connections, and a resolver that lied.
 */
final class ConnectedAddressCheck implements Interceptor {
  private final DownloaderConfig config;

  ConnectedAddressCheck(DownloaderConfig config) {
    this.config = config;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    String host = chain.request().url().host();
    Connection connection = chain.connection();
    if (connection != null && !config.isAllowListed(host)) {
      InetAddress address = connection.route().socketAddress().getAddress();
      AddressCategory category = AddressClassifier.classify(address);
      if (!category.isPublic()) {
        throw new SsrfBlockedException(host, address, category);
      }
    }
    return chain.proceed(chain.request());
  }
}
