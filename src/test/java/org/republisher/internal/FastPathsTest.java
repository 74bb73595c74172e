package org.republisher.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The fast paths of issue #4 give exactly the answers of the plain code they stand in for: the
 * hand-made date formats the formatters' strings, {@link Text#isSpace} the full expression.
 */
class FastPathsTest {
  private static final DateTimeFormatter RFC_822 =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
          .withZone(ZoneOffset.UTC);

  @Test
  void isSpaceAnswersAsTheFullExpressionForEveryChar() {
    for (int i = Character.MIN_VALUE; i <= Character.MAX_VALUE; i++) {
      char c = (char) i;
      boolean expected =
          c == ' '
              || c == '\n'
              || c == '\t'
              || c == '\r'
              || c == '\u00A0'
              || c == '\u2007'
              || c == '\u202F'
              || Character.isWhitespace(c);
      assertThat(Text.isSpace(c)).as("U+%04X", i).isEqualTo(expected);
    }
  }

  @Test
  void creditLineDateAsStringFormatOnEveryDayOfManyYears() {
    for (LocalDate d = LocalDate.of(-2, 1, 1); d.isBefore(LocalDate.of(10_003, 1, 1)); d = d.plusDays(13)) {
      String expected =
          String.format(Locale.ROOT, "Published in X on %02d - %02d - %04d", d.getDayOfMonth(), d.getMonthValue(), d.getYear());
      assertThat(AttributionText.line("X", d, null)).isEqualTo(expected);
    }
  }

  @Test
  void datesExamples() {
    Instant i = Instant.parse("2020-06-04T11:00:00Z");
    assertThat(Dates.rfc822(i)).isEqualTo("Thu, 04 Jun 2020 11:00:00 GMT");
    assertThat(Dates.rfc3339(i)).isEqualTo("2020-06-04T11:00:00Z");
  }

  @Test
  void sameAsTheFormattersOnEveryDayNearTheEdgesAndOfOurTime() {
    everyDay("0999-12-31", "1001-01-02");
    everyDay("1969-01-01", "2101-01-01");
    everyDay("9998-12-31", "+10000-01-02");
  }

  @Test
  void sameAsTheFormattersOnRandomInstants() {
    SplittableRandom random = new SplittableRandom(4);
    long from = Instant.parse("0999-12-31T00:00:00Z").getEpochSecond();
    long until = Instant.parse("+10000-01-02T00:00:00Z").getEpochSecond();
    for (int i = 0; i < 200_000; i++) {
      check(Instant.ofEpochSecond(random.nextLong(from, until)));
    }
  }

  private static void everyDay(String from, String until) {
    SplittableRandom random = new SplittableRandom(7);
    long end = Instant.parse(until + "T00:00:00Z").getEpochSecond();
    for (long day = Instant.parse(from + "T00:00:00Z").getEpochSecond(); day < end; day += 86_400) {
      check(Instant.ofEpochSecond(day));
      check(Instant.ofEpochSecond(day + 86_399));
      check(Instant.ofEpochSecond(day + random.nextInt(86_400)));
    }
  }

  @Test
  void sameAsTheFormattersOutsideTheFastRangeAndBelowTheSecond() {
    check(Instant.parse("0001-01-01T00:00:00Z"));
    check(Instant.parse("0999-12-31T23:59:59Z"));
    check(Instant.parse("+10000-01-01T00:00:00Z"));
    check(Instant.parse("2020-06-04T11:00:00.5Z"));
    check(Instant.parse("2020-06-04T11:00:00.000000001Z"));
    check(Instant.EPOCH);
  }

  private static void check(Instant instant) {
    assertThat(Dates.rfc822(instant)).isEqualTo(RFC_822.format(instant));
    assertThat(Dates.rfc3339(instant)).isEqualTo(DateTimeFormatter.ISO_INSTANT.format(instant));
  }

  @Property(tries = 3000)
  void isoInstantsReadByHandAsByTheFormatter(@ForAll("isoDates") String text) {
    Instant fast = Dates.parseInstant(text);
    Instant slow;
    try {
      slow = OffsetDateTime.parse(text, DateTimeFormatter.ISO_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      slow = null;
    }
    if (fast != null) {
      assertThat(fast).as(text).isEqualTo(slow);
    }
    if (slow != null && text.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{1,9})?(Z|[+-]\\d\\d:\\d\\d)")) {
      assertThat(fast).as("read by hand: %s", text).isEqualTo(slow);
    }
  }

  @Provide
  Arbitrary<String> isoDates() {
    Arbitrary<String> two = Arbitraries.integers().between(0, 61).map(i -> String.format(Locale.ROOT, "%02d", i));
    Arbitrary<String> year = Arbitraries.of("1990", "2020", "2024", "0000", "9999", "2O20", "1900");
    Arbitrary<String> fraction = Arbitraries.of("", ".", ".5", ".123456789", ".1234567890", ".000");
    Arbitrary<String> zone = Arbitraries.of("Z", "+01:00", "-05:30", "+18:00", "-18:01", "+19:00", "+01", "z", "", "+01:00[Africa/Casablanca]", "+0100", "-00:00");
    return Combinators.combine(year, two, two, two, two, two, fraction, zone)
        .as((y, mo, d, h, mi, se, f, z) -> y + "-" + mo + "-" + d + "T" + h + ":" + mi + ":" + se + f + z);
  }
}
