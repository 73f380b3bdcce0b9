package dev.nichebot.crawl.download;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Thrown from inside OkHttp (DNS lookup, network interceptor) when a host resolves or connects to
 * an internal address. An {@link UnknownHostException} so OkHttp gives up the route at once instead
 * of trying the next address.
 */
final class SsrfBlockedException extends UnknownHostException {
  private static final long serialVersionUID = 1L;

  SsrfBlockedException(String host, InetAddress address, AddressCategory category) {
    super(
        "refused "
            + host
            + ": "
            + address.getHostAddress()
            + " is "
            + category.name().toLowerCase(java.util.Locale.ROOT));
  }
}
