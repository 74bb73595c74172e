package org.republisher.internal;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.Locale;

/** Date formats of the feeds. */
public final class Dates {
  private static final DateTimeFormatter RFC_822 =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
          .withZone(ZoneOffset.UTC);

  // Performance (issue #4): formatting with a DateTimeFormatter cost 1 to 2 µs a date, up to three
  // dates an entry. Instants from 1000-01-01 to 9999-12-31 (every date a feed holds: older ones are
  // rejected, later ones cut to the clock) are formatted by hand, with the formatter's own day and
  // month names; any other instant, and sub-second ones for RFC 3339, go to the formatters.
  private static final long FAST_FROM = LocalDate.of(1000, 1, 1).toEpochDay() * 86_400;
  private static final long FAST_UNTIL = LocalDate.of(10_000, 1, 1).toEpochDay() * 86_400;
  private static final String[] DAYS = new String[7];
  private static final String[] MONTHS = new String[12];

  static {
    for (DayOfWeek d : DayOfWeek.values()) {
      DAYS[d.ordinal()] = d.getDisplayName(TextStyle.SHORT, Locale.US);
    }
    for (Month m : Month.values()) {
      MONTHS[m.ordinal()] = m.getDisplayName(TextStyle.SHORT, Locale.US);
    }
  }

  private Dates() {}

  /** RSS: RFC 822 with a four-digit year, in GMT, English names: {@code Thu, 04 Jun 2020 11:00:00 GMT}. */
  public static String rfc822(Instant instant) {
    long seconds = instant.getEpochSecond();
    if (seconds < FAST_FROM || seconds >= FAST_UNTIL) {
      return RFC_822.format(instant);
    }
    LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400));
    int time = (int) Math.floorMod(seconds, 86_400);
    StringBuilder out = new StringBuilder(29);
    out.append(DAYS[day.getDayOfWeek().ordinal()]).append(", ");
    two(out, day.getDayOfMonth()).append(' ').append(MONTHS[day.getMonthValue() - 1]).append(' ');
    out.append(day.getYear()).append(' ');
    return time(out, time).append(" GMT").toString();
  }

  /** Atom and JSON Feed: RFC 3339 in UTC: {@code 2020-06-04T11:00:00Z}. */
  public static String rfc3339(Instant instant) {
    long seconds = instant.getEpochSecond();
    if (seconds < FAST_FROM || seconds >= FAST_UNTIL || instant.getNano() != 0) {
      return DateTimeFormatter.ISO_INSTANT.format(instant);
    }
    LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400));
    int time = (int) Math.floorMod(seconds, 86_400);
    StringBuilder out = new StringBuilder(20);
    out.append(day.getYear()).append('-');
    two(out, day.getMonthValue()).append('-');
    two(out, day.getDayOfMonth()).append('T');
    return time(out, time).append('Z').toString();
  }

  private static StringBuilder time(StringBuilder out, int secondOfDay) {
    two(out, secondOfDay / 3600).append(':');
    two(out, secondOfDay / 60 % 60).append(':');
    return two(out, secondOfDay % 60);
  }

  private static StringBuilder two(StringBuilder out, int value) {
    return out.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
  }
}
