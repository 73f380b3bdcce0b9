package dev.nichebot.crawl.download;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import okhttp3.Dns;

/**
 * Resolves through a delegate and refuses the host if any of its addresses is internal. All, not
 * just the first: a name that answers with a public and a private address is an attack, and OkHttp
 * would otherwise try the private one when the public one fails.
 */
final class GuardedDns implements Dns {
  private final Dns delegate;
  private final DownloaderConfig config;

  GuardedDns(Dns delegate, DownloaderConfig config) {
    this.delegate = delegate;
    this.config = config;
  }

  @Override
  public List<InetAddress> lookup(String hostname) throws UnknownHostException {
    List<InetAddress> addresses = delegate.lookup(hostname);
    if (config.isAllowListed(hostname)) {
      return addresses;
    }
    for (InetAddress address : addresses) {
      AddressCategory category = AddressClassifier.classify(address);
      if (!category.isPublic()) {
        throw new SsrfBlockedException(hostname, address, category);
      }
    }
    return addresses;
  }

  /**
   * The real resolver, minus names that never exist on the internet (RFC 2606/6761): no query
   * leaves the machine for them. Allow-listed names are still resolved.
   */
  static Dns skippingReserved(Dns delegate, DownloaderConfig config) {
    return hostname -> {
      if (!config.isAllowListed(hostname) && isReserved(hostname)) {
        throw new UnknownHostException(hostname + " is a reserved name that never resolves");
      }
      return delegate.lookup(hostname);
    };
  }

  /** {@code .example}, {@code .invalid}, {@code .test} and mDNS {@code .local} names. */
  static boolean isReserved(String hostname) {
    String h = hostname.toLowerCase(java.util.Locale.ROOT);
    if (h.endsWith(".")) {
      h = h.substring(0, h.length() - 1);
    }
    for (String tld : new String[] {"example", "invalid", "test", "local"}) {
      if (h.equals(tld) || h.endsWith("." + tld)) {
        return true;
      }
    }
    return false;
  }
}
