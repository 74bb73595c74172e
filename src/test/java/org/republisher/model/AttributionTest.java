package org.republisher.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.republisher.InvalidValueException;

class AttributionTest {
  private static final LocalDate JUNE_4 = LocalDate.of(2020, 6, 4);
  private static final Attribution TWO_M =
      new Attribution(Publication.of("2M"), JUNE_4, URI.create("https://www.2m.ma/fr/news/1"));

  @ParameterizedTest
  @CsvSource({
    "fr,    Publié dans 2M le 04 - 06 - 2020",
    "fr-MA, Publié dans 2M le 04 - 06 - 2020",
    "es,    Publicado en 2M el 04 - 06 - 2020",
    "ar-MA, نشر في 2M يوم 04 - 06 - 2020",
    "en,    Published in 2M on 04 - 06 - 2020",
    "zgh,   Published in 2M on 04 - 06 - 2020"
  })
  void lineIsInTheArticleLanguage(String language, String expected) {
    assertThat(TWO_M.line(language)).isEqualTo(expected);
  }

  @Test
  void lineWithoutLanguageIsEnglish() {
    assertThat(TWO_M.line(null)).isEqualTo("Published in 2M on 04 - 06 - 2020");
  }

  @Test
  void lineUsesThePublicationName() {
    Attribution hespress =
        new Attribution(Publication.of("هسبريس"), LocalDate.of(2026, 3, 21), null);
    assertThat(hespress.line("ar")).isEqualTo("نشر في هسبريس يوم 21 - 03 - 2026");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "fr | Cliquez ici pour lire l'article depuis sa source",
        "es | Haga clic aquí para leer el artículo en su fuente",
        "ar | اضغط هنا لقراءة المقال من مصدره",
        "en | Click here to read the article at its source",
        "nl | Click here to read the article at its source"
      })
  void linkTextIsInTheArticleLanguage(String language, String expected) {
    assertThat(Attribution.linkText(language)).isEqualTo(expected);
  }

  @Test
  void linkTextWithoutLanguageIsEnglish() {
    assertThat(Attribution.linkText(null))
        .isEqualTo("Click here to read the article at its source");
  }

  @Test
  void instantIsNoonInCasablancaByDefault() {
    assertThat(Attribution.DATE_ONLY_TIME).isEqualTo(LocalTime.NOON);
    // Morocco is UTC+1, except during Ramadan (UTC+0)
    assertThat(TWO_M.instant()).isEqualTo(Instant.parse("2020-06-04T11:00:00Z"));
    assertThat(new Attribution(Publication.of("2M"), LocalDate.of(2020, 5, 1), null).instant())
        .isEqualTo(Instant.parse("2020-05-01T12:00:00Z"));
  }

  @Test
  void instantIsNoonInThePublicationZone() {
    Publication tokyo = Publication.builder("NHK").zone(ZoneId.of("Asia/Tokyo")).build();
    Publication utc = Publication.builder("Reuters").zone(ZoneOffset.UTC).build();

    assertThat(new Attribution(tokyo, JUNE_4, null).instant())
        .isEqualTo(Instant.parse("2020-06-04T03:00:00Z"));
    assertThat(new Attribution(utc, JUNE_4, null).instant())
        .isEqualTo(Instant.parse("2020-06-04T12:00:00Z"));
  }

  @Test
  void parseReadsALineInTheDefaultZone() {
    String page =
        "Le Maroc plaide pour une mobilisation accrue de la coalition contre Daesh\n"
            + "Publié dans 2M le 04 - 06 - 2020\n\n"
            + "Le ministre des Affaires étrangères...";

    assertThat(Attribution.parse(page))
        .hasValueSatisfying(
            a -> {
              assertThat(a.publication().name()).isEqualTo("2M");
              assertThat(a.publication().zone()).isEqualTo(Publication.DEFAULT_ZONE);
              assertThat(a.date()).isEqualTo(JUNE_4);
              assertThat(a.sourceLink()).isNull();
            });
  }

  @Test
  void parseGivesThePublicationTheZone() {
    ZoneId madrid = ZoneId.of("Europe/Madrid");

    assertThat(Attribution.parse("Publicado en Atalayar el 21 de marzo de 2026", madrid))
        .hasValueSatisfying(
            a -> {
              assertThat(a.publication().name()).isEqualTo("Atalayar");
              assertThat(a.publication().zone()).isEqualTo(madrid);
              assertThat(a.date()).isEqualTo(LocalDate.of(2026, 3, 21));
              assertThat(a.instant()).isEqualTo(Instant.parse("2026-03-21T11:00:00Z"));
            });
  }

  @Test
  void parseReadsArabicDigitsAndMonthNames() {
    assertThat(Attribution.parse("نُشر في هسبريس يوم ٢١ ماي ٢٠٢٦").map(Attribution::date))
        .contains(LocalDate.of(2026, 5, 21));
  }

  @Test
  void parseIsEmptyWithoutALineOrWithAnImpossibleDate() {
    assertThat(Attribution.parse("Le temps qu'il fera ce samedi 21 mars 2026")).isEmpty();
    assertThat(Attribution.parse("Publié dans 2M le 31 - 02 - 2020")).isEmpty();
    assertThat(Attribution.parse("Publié dans 2M", ZoneOffset.UTC)).isEmpty();
    assertThat(Attribution.parse("Publié dans \u001F le 04 - 06 - 2020")).isEmpty();
  }

  @Test
  void parseRejectsNulls() {
    assertThatThrownBy(() -> Attribution.parse(null))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("text must not be null");
    assertThatThrownBy(() -> Attribution.parse("Publié dans 2M le 04 - 06 - 2020", null))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("zone must not be null");
  }

  @Test
  void ofReadsALine() {
    Attribution a = Attribution.of("Published in Morocco World News on March 21, 2026");

    assertThat(a.publication().name()).isEqualTo("Morocco World News");
    assertThat(a.date()).isEqualTo(LocalDate.of(2026, 3, 21));
    assertThat(a.sourceLink()).isNull();
  }

  @Test
  void ofThrowsQuotingTheTextWhenThereIsNoLine() {
    assertThatThrownBy(() -> Attribution.of("Publié par 2M le 04 - 06 - 2020"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("attribution is not an attribution line: \"Publié par 2M le 04 - 06 - 2020\"")
        .satisfies(
            e -> {
              InvalidValueException invalid = (InvalidValueException) e;
              assertThat(invalid.field()).isEqualTo("attribution");
              assertThat(invalid.value()).isEqualTo("Publié par 2M le 04 - 06 - 2020");
            });
  }

  @Test
  void ofSaysSoWhenTheDateOfTheLineDoesNotExist() {
    // it used to say "is not an attribution line" (issue #10)
    assertThatThrownBy(() -> Attribution.of("Publié dans 2M le 31 - 02 - 2020"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage(
            "attribution has a date that does not exist (31 - 02 - 2020):"
                + " \"Publié dans 2M le 31 - 02 - 2020\"");
    assertThatThrownBy(() -> Attribution.of("نشر في هسبريس يوم 30 - فبراير - 2019"))
        .hasMessageStartingWith("attribution has a date that does not exist (30 - فبراير - 2019)");
  }

  @Test
  void ofReadsTheIssuesLinesWithMonthNamesBetweenDashes() {
    assertThat(Attribution.of("Publié dans Le360 le 21 - mars - 2026"))
        .isEqualTo(new Attribution(Publication.of("Le360"), LocalDate.of(2026, 3, 21), null));
    assertThat(Attribution.of("نشر في هسبريس يوم 15 - غشت - 2019").date())
        .isEqualTo(LocalDate.of(2019, 8, 15));
  }

  @Test
  void ofShortensALongTextInItsMessage() {
    String page = "x".repeat(300);

    assertThatThrownBy(() -> Attribution.of(page))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("\"" + "x".repeat(200) + "…\"");
  }

  @Test
  void lineAndParseRoundTrip() {
    for (String language : new String[] {"fr", "es", "ar", "en", "de"}) {
      Attribution parsed = Attribution.of(TWO_M.line(language));

      assertThat(parsed.publication()).isEqualTo(TWO_M.publication());
      assertThat(parsed.date()).isEqualTo(TWO_M.date());
    }
  }

  @Test
  void constructorRejectsNulls() {
    assertThatThrownBy(() -> new Attribution(null, JUNE_4, null))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("publication must not be null");
    assertThatThrownBy(() -> new Attribution(Publication.of("2M"), null, null))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("date must not be null");
  }
}
