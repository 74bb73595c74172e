package org.republisher.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.republisher.internal.AttributionText.Found;

class AttributionTextTest {
  private static final LocalDate JUNE_4 = LocalDate.of(2020, 6, 4);
  private static final LocalDate MARCH_21 = LocalDate.of(2026, 3, 21);
  private static final String NBSP = "\u00A0";
  private static final String SEP = NBSP.repeat(4);

  /** The aggregator page around its attribution line: ticker, image notice, title, line, body. */
  private static final String SAMPLE_PAGE =
      "Aïd Al Fitr : Grâce Royale au profit de 1201 personnes"
          + SEP
          + "Le temps qu'il fera ce samedi 21 mars 2026"
          + SEP
          + "Washington allège ses sanctions contre le pétrole iranien pour faire baisser les cours"
          + SEP
          + "FESMA 2026 : Lomé au cœur des saveurs africaines"
          + SEP
          + "Film : Rire, couple et quiproquos au cœur d'une comédie marocaine"
          + SEP
          + "\n\n\n\n\n\n\n"
          + "Merci d'avoir signalé!\n"
          + "Cette image sera automatiquement bloquée après qu'elle soit signalée par plusieurs"
          + " personnes.\n\n\n\n"
          + "Le Maroc plaide pour une mobilisation accrue de la coalition contre Daesh en Afrique"
          + " de l'Ouest et au Sahel\n"
          + "Publié dans 2M le 04 - 06 - 2020\n\n"
          + "Le ministre des Affaires étrangères, de la Coopération Africaine et des Marocains"
          + " Résidant à l'étranger, Nasser Bourita, a participé ce jeudi 4 juin à la réunion"
          + " ministérielle du Groupe Restreint de la Coalition anti-Daesh, indique un communiqué"
          + " du ministère.\n";

  private static Optional<Found> parse(String text) {
    return AttributionText.parse(text);
  }

  // line

  @ParameterizedTest
  @CsvSource({
    "fr,    Publié dans 2M le 04 - 06 - 2020",
    "fr-MA, Publié dans 2M le 04 - 06 - 2020",
    "FR,    Publié dans 2M le 04 - 06 - 2020",
    "fr_FR, Publié dans 2M le 04 - 06 - 2020",
    "es,    Publicado en 2M el 04 - 06 - 2020",
    "ES-419, Publicado en 2M el 04 - 06 - 2020",
    "ar,    نشر في 2M يوم 04 - 06 - 2020",
    "ar-Arab-MA, نشر في 2M يوم 04 - 06 - 2020",
    "en,    Published in 2M on 04 - 06 - 2020",
    "en-GB, Published in 2M on 04 - 06 - 2020",
    "de,    Published in 2M on 04 - 06 - 2020",
    "zgh,   Published in 2M on 04 - 06 - 2020",
    "fra,   Published in 2M on 04 - 06 - 2020",
    "'',    Published in 2M on 04 - 06 - 2020"
  })
  void lineIsInTheLanguageOfThePrimarySubtag(String language, String expected) {
    assertThat(AttributionText.line("2M", JUNE_4, language)).isEqualTo(expected);
  }

  @Test
  void lineWithoutLanguageIsEnglish() {
    assertThat(AttributionText.line("2M", JUNE_4, null))
        .isEqualTo("Published in 2M on 04 - 06 - 2020");
  }

  @Test
  void lineWritesTheDateWithTwoDigitsAndWesternDigits() {
    assertThat(AttributionText.line("Le360", LocalDate.of(2026, 1, 2), "ar"))
        .isEqualTo("نشر في Le360 يوم 02 - 01 - 2026");
  }

  @Test
  void lineCollapsesTheWhitespaceOfTheName() {
    assertThat(AttributionText.line("  Al \n Massae\u00A0", JUNE_4, "fr"))
        .isEqualTo("Publié dans Al Massae le 04 - 06 - 2020");
  }

  @Test
  void lineRejectsABlankName() {
    assertThatThrownBy(() -> AttributionText.line(" \n ", JUNE_4, "fr"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("publicationName");
  }

  // linkText

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "fr    | Cliquez ici pour lire l'article depuis sa source",
        "fr-CA | Cliquez ici pour lire l'article depuis sa source",
        "es    | Haga clic aquí para leer el artículo en su fuente",
        "ar-MA | اضغط هنا لقراءة المقال من مصدره",
        "en    | Click here to read the article at its source",
        "it    | Click here to read the article at its source"
      })
  void linkTextIsInTheLanguageOfThePrimarySubtag(String language, String expected) {
    assertThat(AttributionText.linkText(language)).isEqualTo(expected);
  }

  @Test
  void linkTextWithoutLanguageIsEnglish() {
    assertThat(AttributionText.linkText(null))
        .isEqualTo("Click here to read the article at its source");
  }

  // parse: the four languages and their variants

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Publié dans 2M le 04 - 06 - 2020",
        "Publie dans 2M le 04 - 06 - 2020",
        "Publié sur 2M le 04 - 06 - 2020",
        "Publiée dans 2M le 04 - 06 - 2020",
        "PUBLIÉ DANS 2M LE 04 - 06 - 2020",
        "publié dans 2M le 04 - 06 - 2020",
        "Publicado en 2M el 04 - 06 - 2020",
        "publicado en 2M El 04 - 06 - 2020",
        "Publicada en 2M el 04 - 06 - 2020",
        "نشر في 2M يوم 04 - 06 - 2020",
        "نُشر في 2M يوم 04 - 06 - 2020",
        "نُشِرَ فِي 2M يَوْمَ 04 - 06 - 2020",
        "نشر في 2M بتاريخ 04 - 06 - 2020",
        "نشر في 2M 04 - 06 - 2020",
        "نشر فى 2M يوم 04 - 06 - 2020",
        "نشـر فـي 2M يـوم 04 - 06 - 2020",
        "Published in 2M on 04 - 06 - 2020",
        "Published on 2M on 04 - 06 - 2020",
        "PUBLISHED IN 2M ON 04 - 06 - 2020",
        "Publié dans 2M le jeudi 04 - 06 - 2020",
        "Publicado en 2M el día 04 - 06 - 2020",
        "Publicado en 2M el jueves, 4 de junio de 2020",
        "Published in 2M on Thursday, June 4, 2020",
        "Published in 2M on Thu 4 June 2020",
        "نشر في 2M يوم الخميس 4 يونيو 2020",
      })
  void parseReadsEveryPrefixAndConnector(String line) {
    assertThat(parse(line)).contains(new Found("2M", JUNE_4));
  }

  static Stream<Arguments> names() {
    List<Arguments> all = new ArrayList<>();
    String[] names = {
      "Le360",
      "2M",
      "Al Massae",
      "Médias24",
      "L'Economiste",
      "L’Économiste",
      "Hespress FR",
      "هسبريس",
      "اليوم 24",
      "Morocco World News",
      "El País",
      "H24info.ma",
      "Maroc-Diplomatique",
      "Le 360",
      "On Time",
      "Radio 2M 24"
    };
    for (String name : names) {
      for (String language : new String[] {"fr", "es", "ar", "en"}) {
        all.add(Arguments.of(name, language));
      }
    }
    return all.stream();
  }

  @ParameterizedTest
  @MethodSource("names")
  void parseReadsNamesWithSpacesDigitsDotsHyphensAndApostrophes(String name, String language) {
    String line = AttributionText.line(name, JUNE_4, language);

    assertThat(parse(line)).contains(new Found(name, JUNE_4));
  }

  @Test
  void parseTrimsTheNameAndCollapsesItsWhitespace() {
    assertThat(parse("Publié dans   Al \t Massae  le 04 - 06 - 2020"))
        .contains(new Found("Al Massae", JUNE_4));
    assertThat(parse("Published in Hespress" + NBSP + "FR" + NBSP + "on 04 - 06 - 2020"))
        .contains(new Found("Hespress FR", JUNE_4));
  }

  @Test
  void parseKeepsTheNameVerbatimButDropsBidiMarks() {
    assertThat(parse("Publié dans L’Économiste le 04 - 06 - 2020"))
        .contains(new Found("L’Économiste", JUNE_4));
    assertThat(parse("نشر في هسبـريسُ يوم 04 - 06 - 2020")).contains(new Found("هسبـريسُ", JUNE_4));
    assertThat(parse("\u200Fنشر في \u200Fاليوم \u061C24\u200E يوم\u200F 04 - 06 - 2020"))
        .contains(new Found("اليوم 24", JUNE_4));
    assertThat(parse("نشر في اليوم ٢٤ يوم ٠٤ - ٠٦ - ٢٠٢٠")).contains(new Found("اليوم ٢٤", JUNE_4));
  }

  @Test
  void parseAcceptsANameOfEightyCharactersButNotMore() {
    String eighty = "N".repeat(80);
    assertThat(parse("Publié dans " + eighty + " le 04 - 06 - 2020"))
        .contains(new Found(eighty, JUNE_4));
    assertThat(parse("Publié dans " + eighty + "N le 04 - 06 - 2020")).isEmpty();
  }

  // parse: dates

  @ParameterizedTest
  @ValueSource(
      strings = {
        "04 - 06 - 2020",
        "4-6-2020",
        "04-06-2020",
        "04/06/2020",
        "4 / 6 / 2020",
        "04.06.2020",
        "2020-06-04",
        "2020-6-4",
        "2020/06/04"
      })
  void parseReadsNumericDatesDayFirstOrIso(String date) {
    assertThat(parse("Publié dans 2M le " + date)).contains(new Found("2M", JUNE_4));
    assertThat(parse("نشر في هسبريس " + date)).contains(new Found("هسبريس", JUNE_4));
  }

  @ParameterizedTest
  @CsvSource({
    "٠٤ - ٠٦ - ٢٠٢٠",
    "۰۴ - ۰۶ - ۲۰۲۰",
    "٠4 - ۰6 - 2٠۲0",
    "٢٠٢٠-٠٦-٠٤",
    "٤ يونيو ٢٠٢٠",
    "۴ يونيو ۲۰۲۰"
  })
  void parseReadsArabicIndicAndExtendedArabicIndicDigits(String date) {
    assertThat(parse("نشر في هسبريس يوم " + date)).contains(new Found("هسبريس", JUNE_4));
    assertThat(parse("Publié dans 2M le " + date.replace("يونيو", "juin")))
        .contains(new Found("2M", JUNE_4));
  }

  @Test
  void parseIgnoresBidiMarksNoBreakSpacesTatweelAndDiacritics() {
    String line =
        "\u200Fنُشِر\u00A0في\u200F هسبريس\u00A0\u061Cيَوْم\u200E ٢١\u00A0مـــارس\u200F ٢٠٢٦\u200F";
    assertThat(parse(line)).contains(new Found("هسبريس", MARCH_21));
  }

  static Stream<Arguments> frenchMonths() {
    return months(
        "janvier",
        "février|fevrier|FÉVRIER|févr.",
        "mars",
        "avril|avr.",
        "mai",
        "juin",
        "juillet|juil.",
        "août|aout",
        "septembre|sept.",
        "octobre|oct.",
        "novembre|nov.",
        "décembre|decembre|déc.");
  }

  @ParameterizedTest
  @MethodSource("frenchMonths")
  void parseReadsFrenchMonthNames(String name, int month) {
    assertThat(parse("Publié dans Le360 le 21 " + name + " 2026"))
        .contains(new Found("Le360", LocalDate.of(2026, month, 21)));
    assertThat(parse("Publié dans Le360 le 1er " + name + " 2026"))
        .contains(new Found("Le360", LocalDate.of(2026, month, 1)));
  }

  static Stream<Arguments> spanishMonths() {
    return months(
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre|setiembre",
        "octubre",
        "noviembre",
        "diciembre");
  }

  @ParameterizedTest
  @MethodSource("spanishMonths")
  void parseReadsSpanishMonthNames(String name, int month) {
    LocalDate date = LocalDate.of(2026, month, 21);
    assertThat(parse("Publicado en Atalayar el 21 de " + name + " de 2026"))
        .contains(new Found("Atalayar", date));
    assertThat(parse("Publicado en Atalayar el 21 " + name + " 2026"))
        .contains(new Found("Atalayar", date));
    assertThat(parse("Publicado en Atalayar el 21 de " + name + " del 2026"))
        .contains(new Found("Atalayar", date));
  }

  static Stream<Arguments> englishMonths() {
    return months(
        "January|Jan|Jan.",
        "February|Feb",
        "March|Mar|Mar.",
        "April|Apr",
        "May",
        "June|Jun",
        "July|Jul",
        "August|Aug",
        "September|Sep|Sept",
        "October|Oct",
        "November|Nov",
        "December|Dec");
  }

  @ParameterizedTest
  @MethodSource("englishMonths")
  void parseReadsEnglishMonthNamesDayFirstOrMonthFirst(String name, int month) {
    LocalDate date = LocalDate.of(2026, month, 21);
    assertThat(parse("Published in Morocco World News on 21 " + name + " 2026"))
        .contains(new Found("Morocco World News", date));
    assertThat(parse("Published in Morocco World News on " + name + " 21, 2026"))
        .contains(new Found("Morocco World News", date));
    assertThat(parse("Published in Morocco World News on " + name + " 21st 2026"))
        .contains(new Found("Morocco World News", date));
  }

  static Stream<Arguments> mashriqMonths() {
    return months(
        "يناير",
        "فبراير",
        "مارس",
        "أبريل|ابريل|إبريل",
        "مايو",
        "يونيو|يونيه",
        "يوليو|يوليه",
        "أغسطس|اغسطس",
        "سبتمبر",
        "أكتوبر|اكتوبر",
        "نوفمبر",
        "ديسمبر");
  }

  static Stream<Arguments> levantineMonths() {
    return months(
        "كانون الثاني",
        "شباط",
        "آذار|اذار",
        "نيسان",
        "أيار",
        "حزيران",
        "تموز",
        "آب",
        "أيلول",
        "تشرين الأول|تشرين الاول",
        "تشرين الثاني",
        "كانون الأول");
  }

  static Stream<Arguments> moroccanMonths() {
    return months(
        "يناير", "فبراير", "مارس", "أبريل", "ماي", "يونيو", "يوليوز", "غشت", "شتنبر", "أكتوبر",
        "نونبر", "دجنبر");
  }

  static Stream<Arguments> algerianAndTunisianMonths() {
    return months(
        "جانفي", "فيفري", "مارس", "أفريل", "ماي", "جوان", "جويلية", "أوت", "سبتمبر", "أكتوبر",
        "نوفمبر", "ديسمبر");
  }

  @ParameterizedTest
  @MethodSource({"mashriqMonths", "levantineMonths", "moroccanMonths", "algerianAndTunisianMonths"})
  void parseReadsArabicMonthNamesOfEveryDialect(String name, int month) {
    LocalDate date = LocalDate.of(2026, month, 21);
    assertThat(parse("نشر في هسبريس يوم 21 " + name + " 2026")).contains(new Found("هسبريس", date));
    assertThat(parse("نشر في هسبريس بتاريخ ٢١ " + name + "، ٢٠٢٦"))
        .contains(new Found("هسبريس", date));
    assertThat(parse("نشر في اليوم 24 21 " + name + " 2026")).contains(new Found("اليوم 24", date));
  }

  // parse: month names between dashes, and the spacing variants of the sample's site family

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Publié dans Le360 le 21 - mars - 2026",
        "Publié dans Le360 le 21-mars-2026",
        "Publié dans Le360 le 21 -mars- 2026",
        "Publié dans Le360 le 21 – mars – 2026",
        "Publié dans Le360 le 21 — Mars — 2026",
        "Publié dans Le360 le 21/mars/2026",
        "Publié dans Le360 le 21.mars.2026",
        "Publié dans\u00A0Le360\u00A0le\u00A021\u00A0-\u00A0mars\u00A0-\u00A02026",
        "Publié dans Le360 le 21\u202F-\u202Fmars\u202F-\u202F2026",
        "Publié dans Le360 le 21\u2009-\u2009mars\u2009-\u20092026",
        "Publié  dans  Le360  le  21  -  mars  -  2026",
        "Publié\tdans\tLe360\tle\t21\t-\tmars\t-\t2026",
        "Publié dans Le360 le\u200B 21 - mars - 2026",
        "Publié dans Le360 le samedi 21 - mars - 2026",
        "Publié dans Le360 le 21 − mars − 2026",
        "Publié dans Le360 le ２１ - mars - ２０２６",
        "Publicado en Le360 el 21 - marzo - 2026",
        "Published in Le360 on 21 - March - 2026",
        "Published in Le360 on 21 - Mar. - 2026",
        "نشر في Le360 يوم 21 - مارس - 2026",
        "نشر في Le360 يوم ٢١ - مارس - ٢٠٢٦"
      })
  void parseReadsMonthNamesBetweenDashesWithAnySpacing(String line) {
    assertThat(parse(line)).contains(new Found("Le360", MARCH_21));
  }

  @ParameterizedTest
  @MethodSource({"moroccanMonths", "algerianAndTunisianMonths"})
  void parseReadsMaghrebMonthNamesBetweenDashesInEitherDigits(String name, int month) {
    LocalDate date = LocalDate.of(2019, month, 15);
    // the aggregator's own Arabic line, as it shows it: نشر في هسبريس يوم 15 - غشت - 2019
    assertThat(parse("نشر في هسبريس يوم 15 - " + name + " - 2019"))
        .contains(new Found("هسبريس", date));
    assertThat(parse("نشر في هسبريس يوم ١٥ - " + name + " - ٢٠١٩"))
        .contains(new Found("هسبريس", date));
    assertThat(parse("نشر في هسبريس يوم ۱۵-" + name + "-۲۰۱۹")).contains(new Found("هسبريس", date));
  }

  @Test
  void theIssuesLinesAreRead() {
    assertThat(parse("نشر في هسبريس يوم 15 - غشت - 2019"))
        .contains(new Found("هسبريس", LocalDate.of(2019, 8, 15)));
    assertThat(parse("Publié dans Le360 le 21 - mars - 2026")).contains(new Found("Le360", MARCH_21));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Publié dans 2M le 31 - 02 - 2020          | 31 - 02 - 2020",
        "Publié dans 2M le 30 - février - 2021     | 30 - février - 2021",
        "نشر في هسبريس يوم ٣١ - نونبر - ٢٠١٩       | ٣١ - نونبر - ٢٠١٩",
        "Published in MWN on February 29, 2023     | February 29, 2023",
        "Publicado en Atalayar el 2020-13-01       | 2020-13-01"
      })
  void anImpossibleDateIsToldApartFromNoLine(String line, String date) {
    AttributionText.Reading reading = AttributionText.read(line);
    assertThat(reading.found()).isNull();
    assertThat(reading.impossibleDate()).isEqualTo(date);
    assertThat(AttributionText.read("Publié par 2M le 04 - 06 - 2020"))
        .isEqualTo(new AttributionText.Reading(null, null));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "2020-06-04        | 2020-06-04",
        "04/06/2020        | 2020-06-04",
        "4 - 6 - 2020      | 2020-06-04",
        "٠٤ - ٠٦ - ٢٠٢٠     | 2020-06-04",
        "21 mars 2026      | 2026-03-21",
        "21 - mars - 2026  | 2026-03-21",
        "15 - غشت - 2019   | 2019-08-15",
        "March 21, 2026    | 2026-03-21",
        "jeudi 4 juin 2020 | 2020-06-04"
      })
  void aDateAloneIsReadInTheFormsOfALine(String text, LocalDate expected) {
    assertThat(AttributionText.date(text)).contains(expected);
  }

  @Test
  void aDateAloneThatIsNoneOrImpossibleIsToldApart() {
    assertThat(AttributionText.date("hier")).isEmpty();
    assertThat(AttributionText.date("le 04 - 06 - 2020")).isEmpty();
    assertThatThrownBy(() -> AttributionText.date("31/02/2020"))
        .isInstanceOf(java.time.DateTimeException.class);
  }

  /** Every spelling of every month, in every language and dialect the grammar reads. */
  static Stream<Arguments> everyMonthSpelling() {
    return Stream.of(
            frenchMonths(),
            spanishMonths(),
            englishMonths(),
            mashriqMonths(),
            levantineMonths(),
            moroccanMonths(),
            algerianAndTunisianMonths())
        .flatMap(s -> s);
  }

  /**
   * The formatter for every language, month and day, parsed back: the same publication and date
   * (the properties below take random names and dates; this takes all of them).
   */
  @Test
  void lineRoundTripsForEveryLanguageMonthAndDay() {
    for (String language : List.of("fr", "es", "ar", "en", "de")) {
      for (int month = 1; month <= 12; month++) {
        LocalDate first = LocalDate.of(2024, month, 1);
        for (LocalDate day = first; day.getMonthValue() == month; day = day.plusDays(1)) {
          String line = AttributionText.line("Le Desk", day, language);
          assertThat(AttributionText.parse(line)).as(line).contains(new Found("Le Desk", day));
        }
      }
    }
  }

  /** Arguments (spelling, month) from twelve rows of spellings separated by {@code |}. */
  private static Stream<Arguments> months(String... rows) {
    assertThat(rows).hasSize(12);
    List<Arguments> all = new ArrayList<>();
    for (int month = 1; month <= 12; month++) {
      for (String spelling : rows[month - 1].split("\\|")) {
        all.add(Arguments.of(spelling, month));
      }
    }
    return all.stream();
  }

  // parse: in a page

  @Test
  void parseFindsTheLineInTheSamplePage() {
    assertThat(parse(SAMPLE_PAGE)).contains(new Found("2M", JUNE_4));
  }

  @Test
  void parseFindsTheLineInsideAParagraph() {
    assertThat(parse("Par la rédaction. Publié dans Le360 le 21 mars 2026. Le Maroc..."))
        .contains(new Found("Le360", MARCH_21));
  }

  @Test
  void parseTakesTheFirstLine() {
    String text =
        "Publié dans 2M le 04 - 06 - 2020\n"
            + "À lire aussi\n"
            + "Publié dans Le360 le 21 mars 2026\n";
    assertThat(parse(text)).contains(new Found("2M", JUNE_4));
  }

  @Test
  void parseTakesTheEarliestLineWhateverItsLanguage() {
    String text = "نشر في هسبريس يوم 21 مارس 2026\nPublished in 2M on 04 - 06 - 2020";
    assertThat(parse(text)).contains(new Found("هسبريس", MARCH_21));
  }

  @Test
  void parseSkipsAPrefixThatStartsNoLine() {
    String text = "Publié dans la rubrique Sport\nPublié dans 2M le 04 - 06 - 2020";
    assertThat(parse(text)).contains(new Found("2M", JUNE_4));
  }

  @Test
  void parseAcceptsAnyCharSequence() {
    assertThat(AttributionText.parse(new StringBuilder("Publié dans 2M le 04 - 06 - 2020")))
        .contains(new Found("2M", JUNE_4));
  }

  // parse: negatives

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "   ",
        "Le temps qu'il fera ce samedi 21 mars 2026",
        "Publié dans 2M",
        "Publié dans 2M le",
        "Publié dans la rubrique Sport, sans date.",
        "Publié le 04 - 06 - 2020",
        "Publié dans 2M le 31 - 02 - 2020",
        "Publié dans 2M le 29 - 02 - 2021",
        "Publié dans 2M le 04 - 13 - 2020",
        "Publié dans 2M le 00 - 06 - 2020",
        "Publicado en 2M el 31 de abril de 2026",
        "نشر في هسبريس يوم 31 نونبر 2026",
        "Published in 2M on February 30, 2026",
        "Publié dans 2M le 04-06/2020",
        "Publié dans 2M le 04 - 06 - 20201",
        "Publié dans 2M le 04 - 06 - 20",
        "Publié dans 2M\nle 04 - 06 - 2020",
        "Publié dans 2M on 04 - 06 - 2020",
        "Published in 2M 04 - 06 - 2020",
        "Publié dans 2M le 21 brumaire 2026",
        "Republié dans 2M le 04 - 06 - 2020",
        "Publié dans \u001F le 04 - 06 - 2020",
        "Publié dans \u200F\u00A0 le 04 - 06 - 2020",
        "Publiédans 2M le 04 - 06 - 2020"
      })
  void parseFindsNothingWithoutAValidLine(String text) {
    assertThat(parse(text)).isEmpty();
  }

  @Test
  void parseLetsTheFirstLineDecideEvenWhenItsDateIsNotARealDay() {
    String text = "Publié dans 2M le 31 - 02 - 2020\nPublié dans Le360 le 21 mars 2026";
    assertThat(parse(text)).isEmpty();
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS) // catches runaway backtracking, not speed
  void parseOfAMegabyteWithoutALineIsQuick() {
    String page = repeatToMegabyte(SAMPLE_PAGE.replace("Publié dans 2M le 04 - 06 - 2020", ""));
    assertThat(parse(page)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Publié dans 2M le 1 1 1 1 1 1 1 1 1 1 1 1 1 ",
        "Published in X on March 21 March 21 ",
        "Published in ",
        "نُشِرَ فِي اليوم 24 21 21 21 21 21 21 21 ",
        "نشر في 21 مارس 21 مارس ",
        "نشر في 1 1 1 1 1 1 1 1 "
      })
  @Timeout(value = 30, unit = TimeUnit.SECONDS) // catches runaway backtracking, not speed
  void parseOfAMegabyteOfPrefixesWithoutDatesIsQuick(String unit) {
    assertThat(parse(repeatToMegabyte(unit))).isEmpty();
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS) // catches runaway backtracking, not speed
  void parseFindsALineAtTheEndOfAMegabyte() {
    String page = repeatToMegabyte("نُشِرَ فِي\u200F  ") + "\nPublié dans 2M le 04 - 06 - 2020";
    assertThat(parse(page)).contains(new Found("2M", JUNE_4));
  }

  private static String repeatToMegabyte(String unit) {
    return unit.repeat(1_000_000 / unit.length() + 1);
  }

  @Test
  void foundRejectsNullsAndABlankName() {
    assertThatThrownBy(() -> new Found(null, JUNE_4))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("publication");
    assertThatThrownBy(() -> new Found("2M", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("date");
    assertThatThrownBy(() -> new Found(" ", JUNE_4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("publication is blank");
  }

  // properties

  @Property(tries = 1000)
  void lineRoundTrips(
      @ForAll("publicationNames") String name,
      @ForAll("dates") LocalDate date,
      @ForAll("languages") String language) {
    String line = AttributionText.line(name, date, language.isEmpty() ? null : language);

    assertThat(AttributionText.parse(line)).contains(new Found(name, date));
  }

  @Property(tries = 200)
  void lineRoundTripsInsideAPage(
      @ForAll("publicationNames") String name,
      @ForAll("dates") LocalDate date,
      @ForAll("languages") String language) {
    String page =
        SAMPLE_PAGE.replace(
            "Publié dans 2M le 04 - 06 - 2020",
            AttributionText.line(name, date, language.isEmpty() ? null : language));

    assertThat(AttributionText.parse(page)).contains(new Found(name, date));
  }

  /** Lines written with month names, in any language's line and any dialect's month, read back. */
  @Property(tries = 1000)
  void monthNameLinesRoundTrip(
      @ForAll("publicationNames") String name,
      @ForAll("monthSpellings") Arguments spelling,
      @ForAll("dates") LocalDate anyDate,
      @ForAll("languages") String language,
      @ForAll("separators") String separator) {
    int month = (Integer) spelling.get()[1];
    LocalDate date =
        anyDate.withDayOfMonth(1).withMonth(month).withDayOfMonth(Math.min(anyDate.getDayOfMonth(), 28));
    String numeric = AttributionText.line(name, date, language.isEmpty() ? null : language);
    String day = String.format("%02d", date.getDayOfMonth());
    String written = day + separator + spelling.get()[0] + separator + date.getYear();
    String line = numeric.substring(0, numeric.length() - "04 - 06 - 2020".length()) + written;

    assertThat(AttributionText.parse(line)).as(line).contains(new Found(name, date));
  }

  @Provide
  Arbitrary<Arguments> monthSpellings() {
    return Arbitraries.of(everyMonthSpelling().toList());
  }

  @Provide
  Arbitrary<String> separators() {
    return Arbitraries.of(" ", " - ", "-", " – ", "\u00A0-\u00A0", "/", " / ");
  }

  @Property(tries = 500)
  void parseNeverThrows(@ForAll String text) {
    Optional<Found> found = AttributionText.parse(text);
    found.ifPresent(f -> assertThat(f.publication()).isNotBlank());
  }

  @Property(tries = 500)
  void parseNeverThrowsWhateverTheName(@ForAll String noise, @ForAll("languages") String language) {
    String line = AttributionText.line("NAME", JUNE_4, language.isEmpty() ? null : language);

    Optional<Found> found = AttributionText.parse(line.replace("NAME", noise));

    found.ifPresent(f -> assertThat(f.publication()).isNotBlank());
  }

  @Provide
  Arbitrary<String> publicationNames() {
    Arbitrary<String> latin =
        Arbitraries.strings()
            .withCharRange('a', 'z')
            .withCharRange('A', 'Z')
            .withChars("éèàçÉÀ")
            .ofMinLength(1)
            .ofMaxLength(10);
    Arbitrary<String> alphanumeric =
        Arbitraries.strings()
            .withCharRange('a', 'z')
            .withCharRange('A', 'Z')
            .withCharRange('0', '9')
            .ofMinLength(1)
            .ofMaxLength(8);
    Arbitrary<String> digits =
        Arbitraries.strings()
            .withCharRange('0', '9')
            .withCharRange('\u0660', '\u0669')
            .withCharRange('\u06F0', '\u06F9')
            .ofMinLength(1)
            .ofMaxLength(4);
    Arbitrary<String> arabic =
        Arbitraries.strings()
            .withCharRange('\u0621', '\u063A')
            .withCharRange('\u0641', '\u064A')
            .ofMinLength(1)
            .ofMaxLength(10);
    return Arbitraries.oneOf(latin, alphanumeric, digits, arabic)
        .list()
        .ofMinSize(1)
        .ofMaxSize(5)
        .map(words -> String.join(" ", words));
  }

  @Provide
  Arbitrary<LocalDate> dates() {
    return Arbitraries.longs()
        .between(LocalDate.of(1990, 1, 1).toEpochDay(), LocalDate.of(2100, 12, 31).toEpochDay())
        .map(LocalDate::ofEpochDay);
  }

  /** Languages, the empty string standing for {@code null}. */
  @Provide
  Arbitrary<String> languages() {
    return Arbitraries.of("fr", "fr-MA", "es", "es-ES", "ar", "ar-MA", "en", "en-US", "de", "");
  }
}
