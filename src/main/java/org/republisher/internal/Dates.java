package org.republisher.internal;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

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
    byte[] b = new byte[29];
    String name = DAYS[day.getDayOfWeek().ordinal()];
    b[0] = (byte) name.charAt(0);
    b[1] = (byte) name.charAt(1);
    b[2] = (byte) name.charAt(2);
    b[3] = ',';
    b[4] = ' ';
    two(b, 5, day.getDayOfMonth());
    b[7] = ' ';
    String month = MONTHS[day.getMonthValue() - 1];
    b[8] = (byte) month.charAt(0);
    b[9] = (byte) month.charAt(1);
    b[10] = (byte) month.charAt(2);
    b[11] = ' ';
    year(b, 12, day.getYear());
    b[16] = ' ';
    time(b, 17, time);
    b[25] = ' ';
    b[26] = 'G';
    b[27] = 'M';
    b[28] = 'T';
    return new String(b, StandardCharsets.ISO_8859_1);
  }

  /** Atom and JSON Feed: RFC 3339 in UTC: {@code 2020-06-04T11:00:00Z}. */
  public static String rfc3339(Instant instant) {
    long seconds = instant.getEpochSecond();
    if (seconds < FAST_FROM || seconds >= FAST_UNTIL || instant.getNano() != 0) {
      return DateTimeFormatter.ISO_INSTANT.format(instant);
    }
    LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400));
    int time = (int) Math.floorMod(seconds, 86_400);
    byte[] b = new byte[20];
    year(b, 0, day.getYear());
    b[4] = '-';
    two(b, 5, day.getMonthValue());
    b[7] = '-';
    two(b, 8, day.getDayOfMonth());
    b[10] = 'T';
    time(b, 11, time);
    b[19] = 'Z';
    return new String(b, StandardCharsets.ISO_8859_1);
  }

  /** Writes {@code HH:mm:ss} at {@code at}. */
  private static void time(byte[] b, int at, int secondOfDay) {
    two(b, at, secondOfDay / 3600);
    b[at + 2] = ':';
    two(b, at + 3, secondOfDay / 60 % 60);
    b[at + 5] = ':';
    two(b, at + 6, secondOfDay % 60);
  }

  private static void year(byte[] b, int at, int year) {
    two(b, at, year / 100);
    two(b, at + 2, year % 100);
  }

  private static void two(byte[] b, int at, int value) {
    b[at] = (byte) ('0' + value / 10);
    b[at + 1] = (byte) ('0' + value % 10);
  }

  /**
   * Reads an ISO 8601 date-time with seconds and an offset ({@code 2020-06-04T11:00:00Z}, {@code
   * 2020-06-04T12:00:00.5+01:00}) by hand, or returns {@code null} for anything else, which the
   * caller then gives to {@link DateTimeFormatter#ISO_DATE_TIME}. Performance (issue #4): the
   * formatter took 2 to 3 µs a date. Same instant as the formatter, checked by FastPathsTest.
   */
  public static @Nullable Instant parseInstant(String s) {
    int n = s.length();
    if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T'
        || s.charAt(13) != ':' || s.charAt(16) != ':') {
      return null;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 7);
    int day = digits(s, 8, 10);
    int hour = digits(s, 11, 13);
    int minute = digits(s, 14, 16);
    int second = digits(s, 17, 19);
    if ((year | month | day | hour | minute | second) < 0) {
      return null;
    }
    int i = 19;
    int nano = 0;
    if (s.charAt(i) == '.') {
      int start = ++i;
      while (i < n && i - start < 9 && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        nano = nano * 10 + (s.charAt(i++) - '0');
      }
      if (i == start) {
        return null;
      }
      for (int k = i - start; k < 9; k++) {
        nano *= 10;
      }
    }
    int offset;
    if (i == n - 1 && s.charAt(i) == 'Z') {
      offset = 0;
    } else if (i == n - 6 && (s.charAt(i) == '+' || s.charAt(i) == '-') && s.charAt(i + 3) == ':') {
      int oh = digits(s, i + 1, i + 3);
      int om = digits(s, i + 4, i + 6);
      if ((oh | om) < 0 || oh > 18 || om > 59 || (oh == 18 && om > 0)) {
        return null;
      }
      offset = (s.charAt(i) == '-' ? -1 : 1) * (oh * 3600 + om * 60);
    } else {
      return null;
    }
    try {
      return LocalDateTime.of(year, month, day, hour, minute, second, nano)
          .toInstant(ZoneOffset.ofTotalSeconds(offset));
    } catch (DateTimeException e) {
      return null; // out of range: the formatter says how
    }
  }

  private static int digits(String s, int from, int to) {
    int v = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }
}
