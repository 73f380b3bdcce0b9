package dev.nichebot.crawl.download;

/** What kind of network an IP address belongs to; only {@link #PUBLIC} may be fetched from. */
public enum AddressCategory {
  PUBLIC,
  /** 127.0.0.0/8, ::1. */
  LOOPBACK,
  /** 10/8, 172.16/12, 192.168/16 and IPv6 unique-local fc00::/7 (where AWS puts fd00:ec2::254). */
  PRIVATE,
  /** 100.64/10, carrier-grade NAT: someone's internal network. */
  SHARED,
  /** 169.254/16 (cloud metadata lives at 169.254.169.254) and fe80::/10. */
  LINK_LOCAL,
  /** 224/4 and ff00::/8. */
  MULTICAST,
  /** 0.0.0.0/8 and :: (Linux connects 0.0.0.0 to the local host). */
  UNSPECIFIED,
  /** 255.255.255.255. */
  BROADCAST,
  /**
   * Documentation, benchmarking, future-use and tunnelling ranges (192.0.0/24, 192.0.2/24,
   * 198.18/15, 198.51.100/24, 203.0.113/24, 240/4, 2001:db8::/32, Teredo, deprecated site-local
   * fec0::/10, discard 100::/64): never an image host.
   */
  RESERVED;

  public boolean isPublic() {
    return this == PUBLIC;
  }
}
