package org.republisher.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Date formats of the feeds. */
public final class Dates {
  private static final DateTimeFormatter RFC_822 =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
          .withZone(ZoneOffset.UTC);

  private Dates() {}

  /** RSS: RFC 822 with a four-digit year, in GMT, English names: {@code Thu, 04 Jun 2020 11:00:00 GMT}. */
  public static String rfc822(Instant instant) {
    return RFC_822.format(instant);
  }

  /** Atom and JSON Feed: RFC 3339 in UTC: {@code 2020-06-04T11:00:00Z}. */
  public static String rfc3339(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant);
  }
}
