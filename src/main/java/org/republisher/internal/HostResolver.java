package org.republisher.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Turns a host name into the addresses to connect to. The fetcher calls it once per connection and
 * connects only to an address it returned and that passed the {@link Destinations} check, so a name
 * that resolves differently a moment later (DNS rebinding) changes nothing. The default is the
 * system's resolver; tests give their own, to make a name point where they want.
 */
@FunctionalInterface
public interface HostResolver {

  /** The system's resolver: {@link InetAddress#getAllByName(String)}. */
  HostResolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));

  /**
   * Resolves a host name (never an IP literal: those are not resolved).
   *
   * @param host the name, such as {@code www.2m.ma}
   * @return its addresses, in the order to try them; not empty
   * @throws UnknownHostException when the name has no address
   */
  List<InetAddress> resolve(String host) throws UnknownHostException;
}
