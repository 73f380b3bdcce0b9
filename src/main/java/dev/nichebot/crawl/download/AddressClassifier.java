package dev.nichebot.crawl.download;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Sorts IP addresses into {@link AddressCategory categories} so the downloader can refuse internal
 * targets (server-side request forgery).
 *
 * <p>IPv6 forms that carry an IPv4 address (IPv4-mapped {@code ::ffff:a.b.c.d}, the deprecated
 * IPv4-compatible {@code ::a.b.c.d}, NAT64 {@code 64:ff9b::/96} and 6to4 {@code 2002::/16}) are
 * judged by the IPv4 address inside, because that is where the packets end up.
 */
public final class AddressClassifier {

  private AddressClassifier() {}

  public static AddressCategory classify(InetAddress address) {
    byte[] b = address.getAddress();
    if (address instanceof Inet4Address || b.length == 4) {
      return classifyV4(b[0] & 0xff, b[1] & 0xff, b[2] & 0xff, b[3] & 0xff);
    }
    if (address instanceof Inet6Address || b.length == 16) {
      return classifyV6(b);
    }
    return AddressCategory.RESERVED;
  }

  public static boolean isPublic(InetAddress address) {
    return classify(address).isPublic();
  }

  static AddressCategory classifyV4(int a, int b, int c, int d) {
    if (a == 0) {
      return AddressCategory.UNSPECIFIED;
    }
    if (a == 127) {
      return AddressCategory.LOOPBACK;
    }
    if (a == 10 || (a == 172 && (b & 0xf0) == 16) || (a == 192 && b == 168)) {
      return AddressCategory.PRIVATE;
    }
    if (a == 100 && (b & 0xc0) == 64) {
      return AddressCategory.SHARED;
    }
    if (a == 169 && b == 254) {
      return AddressCategory.LINK_LOCAL;
    }
    if (a >= 224 && a <= 239) {
      return AddressCategory.MULTICAST;
    }
    if (a == 255 && b == 255 && c == 255 && d == 255) {
      return AddressCategory.BROADCAST;
    }
    if (a >= 240
        || (a == 192 && b == 0 && (c == 0 || c == 2))
        || (a == 198 && (b == 18 || b == 19))
        || (a == 198 && b == 51 && c == 100)
        || (a == 203 && b == 0 && c == 113)) {
      return AddressCategory.RESERVED;
    }
    return AddressCategory.PUBLIC;
  }

  private static AddressCategory classifyV6(byte[] b) {
    int first = ((b[0] & 0xff) << 8) | (b[1] & 0xff);
    if (allZero(b, 0, 10)) {
      int w5 = ((b[10] & 0xff) << 8) | (b[11] & 0xff);
      if (w5 == 0xffff) { // IPv4-mapped ::ffff:a.b.c.d
        return embeddedV4(b, 12);
      }
      if (w5 == 0) {
        if (allZero(b, 12, 15)) {
          int last = b[15] & 0xff;
          if (last == 0) {
            return AddressCategory.UNSPECIFIED;
          }
          if (last == 1) {
            return AddressCategory.LOOPBACK;
          }
        }
        return embeddedV4(b, 12); // deprecated IPv4-compatible ::a.b.c.d
      }
    }
    if (first == 0x0064 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) {
      // NAT64: the well-known prefix 64:ff9b::/96 embeds the target; 64:ff9b:1::/48 is local use.
      return allZero(b, 4, 12) ? embeddedV4(b, 12) : AddressCategory.PRIVATE;
    }
    if (first == 0x2002) { // 6to4 embeds the IPv4 gateway in bits 16-47
      return embeddedV4(b, 2);
    }
    if ((first & 0xfe00) == 0xfc00) {
      return AddressCategory.PRIVATE;
    }
    if ((first & 0xffc0) == 0xfe80) {
      return AddressCategory.LINK_LOCAL;
    }
    if ((first & 0xffc0) == 0xfec0) {
      return AddressCategory.RESERVED;
    }
    if ((first & 0xff00) == 0xff00) {
      return AddressCategory.MULTICAST;
    }
    int second = ((b[2] & 0xff) << 8) | (b[3] & 0xff);
    if (first == 0x2001 && (second == 0x0db8 || second == 0x0000)) { // documentation, Teredo
      return AddressCategory.RESERVED;
    }
    if (first == 0x0100 && allZero(b, 2, 8)) { // discard-only 100::/64
      return AddressCategory.RESERVED;
    }
    if ((first & 0xe000) != 0x2000) { // only 2000::/3 is allocated as global unicast
      return AddressCategory.RESERVED;
    }
    return AddressCategory.PUBLIC;
  }

  private static AddressCategory embeddedV4(byte[] b, int offset) {
    return classifyV4(
        b[offset] & 0xff, b[offset + 1] & 0xff, b[offset + 2] & 0xff, b[offset + 3] & 0xff);
  }

  private static boolean allZero(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return true;
  }
}
