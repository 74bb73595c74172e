package org.republisher.http;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The request and response header fields of conditional GET and content coding, as RFC 9110 has
 * them: entity-tag lists (section 8.8.3), HTTP dates (5.6.7) and {@code Accept-Encoding} (12.5.3).
 * Static and thread-safe.
 */
final class HttpFields {
  private static final DateTimeFormatter IMF_FIXDATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter FIXDATE_AFTER_DAY =
      DateTimeFormatter.ofPattern("dd MMM yyyy HH:mm:ss 'GMT'", Locale.ROOT);
  private static final DateTimeFormatter RFC850_AFTER_DAY =
      DateTimeFormatter.ofPattern("dd-MMM-yy HH:mm:ss 'GMT'", Locale.ROOT);
  private static final DateTimeFormatter ASCTIME_AFTER_DAY =
      DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss yyyy", Locale.ROOT);

  private HttpFields() {}

  /** Formats an instant as an IMF-fixdate, such as {@code Sun, 06 Nov 1994 08:49:37 GMT}. */
  static String httpDate(Instant instant) {
    return IMF_FIXDATE.format(instant.truncatedTo(ChronoUnit.SECONDS));
  }

  /**
   * Parses an HTTP date in any of the three forms a recipient must accept (IMF-fixdate, the
   * obsolete RFC 850 and asctime forms); the day name is not checked. A two-digit year more than
   * 50 years after {@code now}'s is taken in the century before.
   *
   * @return the instant, or {@code null} when the value is none of the three forms
   */
  static @Nullable Instant parseHttpDate(String value, Instant now) {
    String v = value.strip();
    try {
      int comma = v.indexOf(',');
      if (comma == 3) { // Sun, 06 Nov 1994 08:49:37 GMT
        return LocalDateTime.parse(after(v, comma), FIXDATE_AFTER_DAY).toInstant(ZoneOffset.UTC);
      }
      if (comma > 3) { // Sunday, 06-Nov-94 08:49:37 GMT
        LocalDateTime t = LocalDateTime.parse(after(v, comma), RFC850_AFTER_DAY);
        int year = t.getYear() % 100 + 2000; // the parser's base year is 2000
        if (year > now.atOffset(ZoneOffset.UTC).getYear() + 50) {
          year -= 100;
        }
        return t.withYear(year).toInstant(ZoneOffset.UTC);
      }
      if (v.length() > 4 && v.charAt(3) == ' ') { // Sun Nov  6 08:49:37 1994
        return LocalDateTime.parse(v.substring(4), ASCTIME_AFTER_DAY).toInstant(ZoneOffset.UTC);
      }
    } catch (DateTimeException e) {
      return null;
    }
    return null;
  }

  private static String after(String value, int comma) {
    return comma + 1 < value.length() && value.charAt(comma + 1) == ' '
        ? value.substring(comma + 2)
        : "";
  }

  /**
   * Tells whether a list of entity tags ({@code If-None-Match}, {@code If-Match}) holds {@code *}
   * or a tag equal to {@code etag}.
   *
   * @param list the field's value
   * @param etag a strong entity tag, quoted
   * @param weak true for the weak comparison ({@code W/} prefixes ignored on both sides), false for
   *     the strong one (a weak tag never matches)
   * @return true on a match; false when none matches or the value is malformed from the point the
   *     parser stops understanding it
   */
  static boolean matches(String list, String etag, boolean weak) {
    int n = list.length();
    int i = 0;
    while (true) {
      while (i < n && (list.charAt(i) == ' ' || list.charAt(i) == '\t' || list.charAt(i) == ',')) {
        i++;
      }
      if (i >= n) {
        return false;
      }
      if (list.charAt(i) == '*') {
        return true;
      }
      boolean isWeak = list.startsWith("W/", i);
      if (isWeak) {
        i += 2;
      }
      if (i >= n || list.charAt(i) != '"') {
        return false;
      }
      int close = list.indexOf('"', i + 1);
      if (close < 0) {
        return false;
      }
      if ((weak || !isWeak)
          && close + 1 - i == etag.length()
          && list.regionMatches(i, etag, 0, etag.length())) {
        return true;
      }
      i = close + 1;
    }
  }

  /**
   * Tells whether a response may be gzip-coded for a request's {@code Accept-Encoding}: when
   * {@code gzip} (or {@code x-gzip}, or else {@code *}) is listed with a weight above 0, and
   * {@code identity} is not listed with a higher one. A missing field gets the identity coding
   * (RFC 9110 allows either; clients that can decode gzip ask for it); an unreadable weight is 0.
   */
  static boolean acceptsGzip(@Nullable String acceptEncoding) {
    if (acceptEncoding == null) {
      return false;
    }
    double gzip = -1;
    double any = -1;
    double identity = -1;
    for (String member : acceptEncoding.split(",")) {
      int semicolon = member.indexOf(';');
      String coding =
          (semicolon < 0 ? member : member.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
      double q = semicolon < 0 ? 1 : weight(member.substring(semicolon + 1));
      switch (coding) {
        case "gzip", "x-gzip" -> gzip = Math.max(gzip, q);
        case "*" -> any = q;
        case "identity" -> identity = q;
        default -> {}
      }
    }
    double g = gzip >= 0 ? gzip : any;
    return g > 0 && g >= identity;
  }

  /** Reads {@code q=...} among a member's parameters: 1 without one, 0 when it is unreadable. */
  private static double weight(String parameters) {
    for (String parameter : parameters.split(";")) {
      String p = parameter.strip();
      if (p.length() > 2 && (p.charAt(0) == 'q' || p.charAt(0) == 'Q') && p.charAt(1) == '=') {
        String value = p.substring(2).strip();
        // qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )
        if (!value.matches("0(\\.[0-9]{0,3})?|1(\\.0{0,3})?")) {
          return 0;
        }
        return Double.parseDouble(value);
      }
    }
    return 1;
  }
}
