package dev.nichebot.crawl.download;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressClassifierTest {

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
    // IPv4
    "8.8.8.8, PUBLIC",
    "93.184.216.34, PUBLIC",
    "151.101.1.140, PUBLIC",
    "1.1.1.1, PUBLIC",
    "127.0.0.1, LOOPBACK",
    "127.255.255.254, LOOPBACK",
    "10.0.0.1, PRIVATE",
    "10.255.255.255, PRIVATE",
    "172.16.0.1, PRIVATE",
    "172.31.255.255, PRIVATE",
    "172.15.255.255, PUBLIC",
    "172.32.0.1, PUBLIC",
    "192.168.1.1, PRIVATE",
    "192.169.0.1, PUBLIC",
    "100.64.0.1, SHARED",
    "100.127.255.255, SHARED",
    "100.63.255.255, PUBLIC",
    "100.128.0.0, PUBLIC",
    "169.254.169.254, LINK_LOCAL",
    "169.254.0.1, LINK_LOCAL",
    "169.253.255.255, PUBLIC",
    "224.0.0.1, MULTICAST",
    "239.255.255.250, MULTICAST",
    "0.0.0.0, UNSPECIFIED",
    "0.1.2.3, UNSPECIFIED",
    "255.255.255.255, BROADCAST",
    "240.0.0.1, RESERVED",
    "192.0.2.10, RESERVED",
    "198.18.0.1, RESERVED",
    "198.51.100.7, RESERVED",
    "203.0.113.9, RESERVED",
    "192.0.0.170, RESERVED",
    // IPv6
    "2606:4700:4700::1111, PUBLIC",
    "2a00:1450:4001:82b::200e, PUBLIC",
    "::1, LOOPBACK",
    "::, UNSPECIFIED",
    "fc00::1, PRIVATE",
    "fd00:ec2::254, PRIVATE",
    "fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, PRIVATE",
    "fe80::1, LINK_LOCAL",
    "febf::1, LINK_LOCAL",
    "fec0::1, RESERVED",
    "ff02::1, MULTICAST",
    "ff05::1:3, MULTICAST",
    "2001:db8::1, RESERVED",
    "2001:0:4136:e378:8000:63bf:3fff:fdd2, RESERVED",
    "100::1, RESERVED",
    "4000::1, RESERVED",
    // IPv4 inside IPv6
    "::ffff:127.0.0.1, LOOPBACK",
    "::ffff:169.254.169.254, LINK_LOCAL",
    "::ffff:10.1.2.3, PRIVATE",
    "::ffff:8.8.8.8, PUBLIC",
    "::127.0.0.1, LOOPBACK",
    "::10.0.0.1, PRIVATE",
    "::169.254.169.254, LINK_LOCAL",
    "64:ff9b::a9fe:a9fe, LINK_LOCAL",
    "64:ff9b::7f00:1, LOOPBACK",
    "64:ff9b::808:808, PUBLIC",
    "64:ff9b:1::1, PRIVATE",
    "2002:7f00:1::1, LOOPBACK",
    "2002:a9fe:a9fe::1, LINK_LOCAL",
    "2002:c000:204::1, RESERVED",
    "2002:808:808::1, PUBLIC"
  })
  void classifiesAddresses(String literal, AddressCategory expected) throws UnknownHostException {
    assertThat(AddressClassifier.classify(InetAddress.getByName(literal))).isEqualTo(expected);
  }

  @Test
  void mappedAddressesBuiltAsIpv6AreJudgedByTheirIpv4Part() throws UnknownHostException {
    // Java turns "::ffff:a.b.c.d" text into an Inet4Address; built from bytes it stays IPv6.
    byte[] mapped = new byte[16];
    mapped[10] = (byte) 0xff;
    mapped[11] = (byte) 0xff;
    mapped[12] = (byte) 169;
    mapped[13] = (byte) 254;
    mapped[14] = (byte) 169;
    mapped[15] = (byte) 254;
    InetAddress address = Inet6Address.getByAddress(null, mapped, -1);

    assertThat(address).isInstanceOf(Inet6Address.class);
    assertThat(AddressClassifier.classify(address)).isEqualTo(AddressCategory.LINK_LOCAL);
  }

  @Test
  void onlyPublicIsPublic() throws UnknownHostException {
    assertThat(AddressClassifier.isPublic(InetAddress.getByName("8.8.4.4"))).isTrue();
    for (AddressCategory c : AddressCategory.values()) {
      assertThat(c.isPublic()).isEqualTo(c == AddressCategory.PUBLIC);
    }
  }
}
