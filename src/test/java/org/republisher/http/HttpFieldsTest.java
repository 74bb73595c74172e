package org.republisher.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Entity-tag lists, HTTP dates and Accept-Encoding, read as RFC 9110 has them. */
class HttpFieldsTest {
  static final String TAG = "\"abc\"";
  static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

  @ParameterizedTest
  @ValueSource(
      strings = {
        "\"abc\"",
        "W/\"abc\"",
        "*",
        "\"x\", \"abc\"",
        "\"x\",\"abc\"",
        "  \"x\" ,\t W/\"abc\" ",
        "\"a,b\", \"abc\"",
        ", \"abc\"",
      })
  void weakComparisonMatches(String list) {
    assertThat(HttpFields.matches(list, TAG, true)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "\"abcd\"",
        "\"ab\"",
        "abc",
        "\"abc",
        "\"a,b\"",
        "\"x\", abc",
        "w/\"abc\"",
        "",
        "\"ABC\"",
      })
  void weakComparisonDoesNotMatch(String list) {
    assertThat(HttpFields.matches(list, TAG, true)).isFalse();
  }

  @Test
  void strongComparisonNeverMatchesAWeakTag() {
    assertThat(HttpFields.matches("W/\"abc\"", TAG, false)).isFalse();
    assertThat(HttpFields.matches("W/\"abc\", \"abc\"", TAG, false)).isTrue();
    assertThat(HttpFields.matches("*", TAG, false)).isTrue();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Sun, 06 Nov 1994 08:49:37 GMT | 1994-11-06T08:49:37Z",
        "Sunday, 06-Nov-94 08:49:37 GMT | 1994-11-06T08:49:37Z",
        "Sun Nov  6 08:49:37 1994 | 1994-11-06T08:49:37Z",
        "Sun Nov 16 08:49:37 1994 | 1994-11-16T08:49:37Z",
        "Monday, 30-Nov-26 08:49:37 GMT | 2026-11-30T08:49:37Z",
        "Thursday, 01-Jan-76 00:00:00 GMT | 2076-01-01T00:00:00Z",
        "Friday, 01-Jan-77 00:00:00 GMT | 1977-01-01T00:00:00Z",
        "Mon, 06 Nov 1994 08:49:37 GMT | 1994-11-06T08:49:37Z",
      })
  void httpDatesInTheirThreeForms(String value, String instant) {
    assertThat(HttpFields.parseHttpDate(value, NOW)).isEqualTo(Instant.parse(instant));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "yesterday",
        "2026-11-29T12:00:00Z",
        "Sun, 06 Nov 1994 08:49:37 UTC",
        "Sun, 06 Nov 1994 08:49:37 +0000",
        "Sun, 6 Nov 1994 08:49:37 GMT",
        "Sun, 06 Nov 1994 08:49:37 GMT, Mon, 07 Nov 1994 08:49:37 GMT",
        "Sun, 32 Nov 1994 08:49:37 GMT",
        "Sun,06 Nov 1994 08:49:37 GMT",
      })
  void notAnHttpDate(String value) {
    assertThat(HttpFields.parseHttpDate(value, NOW)).isNull();
  }

  @Test
  void datesAreWrittenAsImfFixdate() {
    assertThat(HttpFields.httpDate(Instant.parse("1994-11-06T08:49:37.900Z")))
        .isEqualTo("Sun, 06 Nov 1994 08:49:37 GMT");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "gzip",
        "GZIP",
        "x-gzip",
        "gzip, deflate, br",
        "deflate, gzip;q=0.5",
        "gzip;q=1.0",
        "gzip; q=0.001",
        "gzip;Q=1",
        "*",
        "br;q=1, *;q=0.1",
        "gzip;q=0.5, identity;q=0.5",
      })
  void gzipIsAccepted(String acceptEncoding) {
    assertThat(HttpFields.acceptsGzip(acceptEncoding)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "identity",
        "deflate, br",
        "gzip;q=0",
        "gzip;q=0.000",
        "gzip; q=0, *",
        "*;q=0",
        "gzip;q=2",
        "gzip;q=abc",
        "gzip;q=0.5, identity;q=1",
        "gzip;q=0.0001",
      })
  void gzipIsNotAccepted(String acceptEncoding) {
    assertThat(HttpFields.acceptsGzip(acceptEncoding)).isFalse();
  }

  @Test
  void noAcceptEncodingGetsTheIdentity() {
    assertThat(HttpFields.acceptsGzip(null)).isFalse();
  }
}
