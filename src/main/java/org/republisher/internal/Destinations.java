package org.republisher.internal;

import static java.util.Objects.requireNonNull;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.republisher.InvalidValueException;

/**
 * Where a source may connect: the guard against server-side request forgery. Immutable and
 * thread-safe.
 *
 * <p>An address that is not public is refused: loopback ({@code 127.0.0.0/8}, {@code ::1}), private
 * ({@code 10.0.0.0/8}, {@code 172.16.0.0/12}, {@code 192.168.0.0/16}, RFC 1918; {@code fc00::/7},
 * RFC 4193; the old site-local {@code fec0::/10}), shared ({@code 100.64.0.0/10}, RFC 6598, where
 * some clouds keep their metadata services), link-local ({@code 169.254.0.0/16}, {@code
 * fe80::/10}), multicast ({@code 224.0.0.0/4}, {@code ff00::/8}), broadcast ({@code
 * 255.255.255.255}) and unspecified ({@code 0.0.0.0/8}, {@code ::}); an IPv6 address that embeds an
 * IPv4 one (IPv4-compatible, NAT64 {@code 64:ff9b::/96}) is judged by the IPv4 address. Two
 * exceptions:
 *
 * <ul>
 *   <li><b>The configured URL itself points there</b>: its host is an IP literal ({@code
 *       http://127.0.0.1:8080/feed.xml}, {@code http://[fd00::5]/}) or {@code localhost} (or a name
 *       under {@code .localhost}). That address (for {@code localhost}, any loopback address) on
 *       that port is allowed, and nothing else that is not public: a local feed someone configured
 *       on purpose can be read, but cannot send the fetch on to another local service.
 *   <li><b>The allowlist says so</b>: an entry is an IP address ({@code 10.1.2.3}, {@code
 *       fd00::5}), a network in CIDR notation ({@code 10.0.0.0/8}), or a host name ({@code
 *       intranet.example}: whatever it resolves to is allowed for that name, on any port).
 * </ul>
 *
 * A name that resolves to a non-public address is refused unless the allowlist names it or its
 * network: a name is not proof that someone meant a local service.
 */
public final class Destinations {

  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern HOST_NAME =
      Pattern.compile("[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*");

  /** Allows no address that is not public. */
  public static final Destinations PUBLIC_ONLY =
      new Destinations(null, -1, false, Set.of(), List.of());

  private final @Nullable InetAddress exemptAddress;
  private final int exemptPort;
  private final boolean exemptLoopback;
  private final Set<String> allowedHosts;
  private final List<Network> allowedNetworks;

  private Destinations(
      @Nullable InetAddress exemptAddress,
      int exemptPort,
      boolean exemptLoopback,
      Set<String> allowedHosts,
      List<Network> allowedNetworks) {
    this.exemptAddress = exemptAddress;
    this.exemptPort = exemptPort;
    this.exemptLoopback = exemptLoopback;
    this.allowedHosts = Set.copyOf(allowedHosts);
    this.allowedNetworks = List.copyOf(allowedNetworks);
  }

  /**
   * Returns the rules for a source.
   *
   * @param configured the URL the source was configured with, or {@code null}
   * @param field the name of the allowlist option, for errors
   * @param allowed the allowlist entries, each an IP address, a CIDR network or a host name
   * @return the rules
   * @throws InvalidValueException naming the field and the entry when an entry is none of these
   */
  public static Destinations of(
      @Nullable URI configured, String field, Collection<String> allowed) {
    Set<String> hosts = new HashSet<>();
    List<Network> networks = new ArrayList<>();
    for (String entry : allowed) {
      requireNonNull(entry, field + " entry");
      String e = entry.strip().toLowerCase(Locale.ROOT);
      if (e.endsWith(".")) {
        e = e.substring(0, e.length() - 1);
      }
      Network network = Network.parse(e);
      boolean numeric = IPV4.matcher(e.split("/", 2)[0]).matches() || e.indexOf(':') >= 0;
      if (network != null) {
        networks.add(network);
      } else if (!numeric && HOST_NAME.matcher(e).matches() && e.length() <= 253) {
        hosts.add(e);
      } else {
        throw new InvalidValueException(
            field,
            entry,
            "is not an IP address, a CIDR network such as 10.0.0.0/8, or a host name");
      }
    }
    InetAddress exempt = null;
    int port = -1;
    boolean loopback = false;
    if (configured != null && configured.getHost() != null) {
      String host = bare(configured.getHost());
      port = port(configured);
      exempt = literal(host);
      loopback = exempt == null && isLocalhost(host);
    }
    return new Destinations(exempt, port, loopback, hosts, networks);
  }

  /**
   * Checks an address a host resolved to.
   *
   * @param host the host of the URL, as written in it
   * @param address the address about to be connected to
   * @param port the port about to be connected to
   * @return {@code null} when the connection is allowed, else the kind of address refused, such as
   *     {@code loopback}
   */
  public @Nullable String refusal(String host, InetAddress address, int port) {
    String kind = kind(address);
    if (kind == null) {
      return null;
    }
    if (port == exemptPort
        && (address.equals(exemptAddress) || exemptLoopback && address.isLoopbackAddress())) {
      return null;
    }
    if (allowedHosts.contains(bare(host).toLowerCase(Locale.ROOT))) {
      return null;
    }
    for (Network n : allowedNetworks) {
      if (n.contains(address)) {
        return null;
      }
    }
    return kind;
  }

  /**
   * Returns what kind of non-public address an address is.
   *
   * @param address the address
   * @return {@code null} for a public address, else {@code loopback}, {@code private}, {@code
   *     shared}, {@code link-local}, {@code multicast}, {@code broadcast} or {@code unspecified}
   */
  public static @Nullable String kind(InetAddress address) {
    if (address.isAnyLocalAddress()) {
      return "unspecified";
    }
    if (address.isLoopbackAddress()) {
      return "loopback";
    }
    byte[] b = address.getAddress();
    if (address instanceof Inet6Address) {
      if (embedsIpv4(b)) {
        return kind4(b[12] & 0xff, b[13] & 0xff, b[14] & 0xff, b[15] & 0xff);
      }
      if (address.isLinkLocalAddress()) {
        return "link-local";
      }
      if (address.isSiteLocalAddress() || (b[0] & 0xfe) == 0xfc) {
        return "private";
      }
      return address.isMulticastAddress() ? "multicast" : null;
    }
    return kind4(b[0] & 0xff, b[1] & 0xff, b[2] & 0xff, b[3] & 0xff);
  }

  private static @Nullable String kind4(int a, int b, int c, int d) {
    if (a == 0) {
      return "unspecified";
    }
    if (a == 127) {
      return "loopback";
    }
    if (a == 10 || a == 172 && (b & 0xf0) == 16 || a == 192 && b == 168) {
      return "private";
    }
    if (a == 100 && (b & 0xc0) == 64) {
      return "shared";
    }
    if (a == 169 && b == 254) {
      return "link-local";
    }
    if ((a & 0xf0) == 224) {
      return "multicast";
    }
    if (a == 255 && b == 255 && c == 255 && d == 255) {
      return "broadcast";
    }
    return null;
  }

  /** IPv4-compatible ({@code ::a.b.c.d}), IPv4-mapped or NAT64 ({@code 64:ff9b::/96}). */
  private static boolean embedsIpv4(byte[] b) {
    boolean zeros = true;
    for (int i = 0; i < 10; i++) {
      zeros &= b[i] == 0;
    }
    if (zeros && (b[10] == 0 && b[11] == 0 || b[10] == (byte) 0xff && b[11] == (byte) 0xff)) {
      return true;
    }
    boolean nat64 = b[0] == 0 && b[1] == 0x64 && b[2] == (byte) 0xff && b[3] == (byte) 0x9b;
    for (int i = 4; i < 12 && nat64; i++) {
      nat64 = b[i] == 0;
    }
    return nat64;
  }

  /**
   * Returns the address an IP literal writes, without asking any resolver.
   *
   * @param host a host, IPv6 literals with or without their brackets
   * @return the address, or {@code null} when the host is a name
   */
  public static @Nullable InetAddress literal(String host) {
    String h = bare(host);
    if (!IPV4.matcher(h).matches() && h.indexOf(':') < 0) {
      return null;
    }
    if (h.indexOf(':') < 0) {
      for (String part : h.split("\\.")) {
        if (Integer.parseInt(part) > 255) {
          return null;
        }
      }
    }
    try {
      // a literal is parsed, never looked up: the brackets make sure of it for IPv6
      return InetAddress.getByName(h.indexOf(':') < 0 ? h : "[" + h + "]");
    } catch (UnknownHostException | SecurityException e) {
      return null;
    }
  }

  /** Returns the port a URL connects to: its own, else 443 for https and 80 otherwise. */
  public static int port(URI uri) {
    if (uri.getPort() >= 0) {
      return uri.getPort();
    }
    return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
  }

  /** Strips the brackets of an IPv6 literal. */
  static String bare(String host) {
    return host.length() > 1 && host.startsWith("[") && host.endsWith("]")
        ? host.substring(1, host.length() - 1)
        : host;
  }

  private static boolean isLocalhost(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.endsWith(".")) {
      h = h.substring(0, h.length() - 1);
    }
    return h.equals("localhost") || h.endsWith(".localhost");
  }

  /** An allowlisted network: an address and the length of its prefix. */
  private record Network(byte[] address, int prefix) {
    static @Nullable Network parse(String entry) {
      int slash = entry.indexOf('/');
      String host = slash < 0 ? entry : entry.substring(0, slash);
      InetAddress address = literal(host);
      if (address == null) {
        return null;
      }
      int bits = address.getAddress().length * 8;
      int prefix = bits;
      if (slash >= 0) {
        String length = entry.substring(slash + 1);
        if (!length.matches("\\d{1,3}") || Integer.parseInt(length) > bits) {
          return null;
        }
        prefix = Integer.parseInt(length);
      }
      return new Network(address.getAddress(), prefix);
    }

    boolean contains(InetAddress candidate) {
      byte[] c = candidate.getAddress();
      if (c.length != address.length) {
        return false;
      }
      int full = prefix / 8;
      for (int i = 0; i < full; i++) {
        if (c[i] != address[i]) {
          return false;
        }
      }
      int rest = prefix % 8;
      if (rest == 0) {
        return true;
      }
      int mask = (0xff << (8 - rest)) & 0xff;
      return (c[full] & mask) == (address[full] & mask);
    }
  }
}
