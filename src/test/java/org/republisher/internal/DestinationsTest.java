package org.republisher.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.republisher.InvalidValueException;

/** The guard against server-side request forgery: which addresses a source may reach. */
class DestinationsTest {

  private static InetAddress ip(String literal) {
    InetAddress address = Destinations.literal(literal);
    assertThat(address).as(literal).isNotNull();
    return address;
  }

  @ParameterizedTest
  @CsvSource(
      nullValues = "public",
      value = {
        "127.0.0.1, loopback",
        "127.255.0.9, loopback",
        "::1, loopback",
        "10.0.0.1, private",
        "172.16.0.1, private",
        "172.31.255.255, private",
        "192.168.1.1, private",
        "fd00::1, private",
        "fc12:3456::1, private",
        "fec0::1, private",
        "100.64.0.1, shared",
        "100.100.100.200, shared",
        "169.254.169.254, link-local",
        "fe80::1, link-local",
        "224.0.0.1, multicast",
        "ff02::1, multicast",
        "255.255.255.255, broadcast",
        "0.0.0.0, unspecified",
        "0.1.2.3, unspecified",
        "::, unspecified",
        "::ffff:127.0.0.1, loopback",
        "::ffff:10.1.2.3, private",
        "::127.0.0.1, loopback",
        "64:ff9b::a9fe:a9fe, link-local",
        "8.8.8.8, public",
        "172.32.0.1, public",
        "100.128.0.1, public",
        "192.169.0.1, public",
        "2001:4860:4860::8888, public",
      })
  void everyKindOfNonPublicAddressIsNamed(String address, String kind) {
    assertThat(Destinations.kind(ip(address))).isEqualTo(kind);
  }

  @Test
  void nothingButPublicAddressesByDefault() {
    Destinations rules = Destinations.PUBLIC_ONLY;
    assertThat(rules.refusal("feed.example", ip("93.184.216.34"), 80)).isNull();
    assertThat(rules.refusal("feed.example", ip("127.0.0.1"), 80)).isEqualTo("loopback");
    assertThat(rules.refusal("169.254.169.254", ip("169.254.169.254"), 80)).isEqualTo("link-local");
  }

  @Test
  void aConfiguredLiteralAllowsThatAddressAndPortOnly() {
    Destinations rules =
        Destinations.of(URI.create("http://127.0.0.1:8080/feed.xml"), "allowPrivate", List.of());
    assertThat(rules.refusal("127.0.0.1", ip("127.0.0.1"), 8080)).isNull();
    assertThat(rules.refusal("localhost", ip("127.0.0.1"), 8080)).isNull(); // the same service
    assertThat(rules.refusal("127.0.0.1", ip("127.0.0.1"), 6379)).isEqualTo("loopback");
    assertThat(rules.refusal("127.0.0.2", ip("127.0.0.2"), 8080)).isEqualTo("loopback");
    assertThat(rules.refusal("10.0.0.1", ip("10.0.0.1"), 8080)).isEqualTo("private");

    Destinations v6 =
        Destinations.of(URI.create("https://[fd00::5]/rss"), "allowPrivate", List.of());
    assertThat(v6.refusal("[fd00::5]", ip("fd00::5"), 443)).isNull();
    assertThat(v6.refusal("[fd00::5]", ip("fd00::5"), 80)).isEqualTo("private");
  }

  @Test
  void aConfiguredLocalhostAllowsLoopbackOnThatPortOnly() {
    Destinations rules =
        Destinations.of(URI.create("http://localhost:8080/feed.xml"), "allowPrivate", List.of());
    assertThat(rules.refusal("localhost", ip("127.0.0.1"), 8080)).isNull();
    assertThat(rules.refusal("localhost", ip("::1"), 8080)).isNull();
    assertThat(rules.refusal("localhost", ip("127.0.0.1"), 80)).isEqualTo("loopback");
    assertThat(rules.refusal("localhost", ip("10.0.0.1"), 8080)).isEqualTo("private");
  }

  @Test
  void aConfiguredNameIsNoProofOfIntent() {
    Destinations rules =
        Destinations.of(URI.create("http://intranet.example/feed.xml"), "allowPrivate", List.of());
    assertThat(rules.refusal("intranet.example", ip("10.1.2.3"), 80)).isEqualTo("private");
  }

  @Test
  void theAllowlistTakesAddressesNetworksAndNames() {
    Destinations rules =
        Destinations.of(
            URI.create("https://www.2m.ma/rss"),
            "allowPrivate",
            List.of("10.0.0.0/8", " 192.168.1.5 ", "fd00::/8", "Intranet.Example."));
    assertThat(rules.refusal("a", ip("10.200.3.4"), 1)).isNull();
    assertThat(rules.refusal("a", ip("11.0.0.1"), 1)).isNull(); // public anyway
    assertThat(rules.refusal("a", ip("192.168.1.5"), 1)).isNull();
    assertThat(rules.refusal("a", ip("192.168.1.6"), 1)).isEqualTo("private");
    assertThat(rules.refusal("a", ip("fd12::1"), 1)).isNull();
    assertThat(rules.refusal("a", ip("fe80::1"), 1)).isEqualTo("link-local");
    assertThat(rules.refusal("intranet.example", ip("127.0.0.1"), 9)).isNull();
    assertThat(rules.refusal("other.example", ip("127.0.0.1"), 9)).isEqualTo("loopback");
    assertThat(
            Destinations.of(null, "allowPrivate", List.of("172.16.0.0/12"))
                .refusal("a", ip("172.20.0.1"), 1))
        .isNull();
  }

  @Test
  void aBadAllowlistEntryIsRejectedByName() {
    for (String bad : List.of("10.0.0.0/33", "10.0.0.300", "not a host", "fd00::/200", "")) {
      assertThatThrownBy(() -> Destinations.of(null, "allowPrivate", List.of(bad)))
          .as(bad)
          .isInstanceOf(InvalidValueException.class)
          .hasMessageContaining("allowPrivate");
    }
  }

  @Test
  void literalsAreReadWithoutAnyLookup() throws UnknownHostException {
    assertThat(Destinations.literal("www.2m.ma")).isNull();
    assertThat(Destinations.literal("zz:1")).isNull(); // not looked up as a name either
    assertThat(Destinations.literal("[::1]")).isEqualTo(InetAddress.getByName("::1"));
    assertThat(Destinations.literal("300.1.1.1")).isNull();
  }
}
