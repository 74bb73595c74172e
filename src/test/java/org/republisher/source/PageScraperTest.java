package org.republisher.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.republisher.model.Article;

/** The reading of one parsed page, without I/O. */
class PageScraperTest {
  private static final URI PAGE = URI.create("https://revue.example/p/1.html");

  static PageScraper.Scraped scrape(String html) {
    return new PageScraper("t", PageProfile.AGGREGATOR, PageFixtures.CASABLANCA, null)
        .scrape(Jsoup.parse(html, PAGE.toString()), PAGE, PAGE);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Publié dans 2M le 04 - 06 - 2020                    | fr",
        "Publiée sur Le360 le 4 juin 2020                    | fr",
        "Publicado en Atalayar el 04 - 06 - 2020             | es",
        "نشر في هسبريس يوم ٠٤ - ٠٦ - ٢٠٢٠                      | ar",
        "Published in Morocco World News on June 4, 2020     | en"
      })
  void withoutHtmlLangTheLanguageIsTheLines(String line, String language) {
    Article a = scrape("<h1>Titre</h1><p>" + line + "</p><p>Corps.</p>").article();
    assertThat(a).isNotNull();
    assertThat(a.language()).isEqualTo(language);
    assertThat(a.published()).isEqualTo(PageFixtures.noon(2020, 6, 4));
  }

  @Test
  void anInvalidHtmlLangIsIgnored() {
    Article a =
        scrape("<html lang='not a tag!'><h1>T</h1><p>Publicado en X el 04 - 06 - 2020</p>")
            .article();
    assertThat(a.language()).isEqualTo("es");
  }

  @Test
  void aLongParagraphMentioningALineIsNotTheLine() {
    String longParagraph =
        "Le ministre a rappelé un entretien publié dans Le Monde le 03 - 06 - 2020, "
            + "x".repeat(PageLines.LINE_LIMIT);
    PageScraper.Scraped scraped = scrape("<h1>T</h1><p>" + longParagraph + "</p>");
    assertThat(scraped.article()).isNull();
    assertThat(scraped.failure().kind()).isEqualTo(PageFailureException.Kind.ATTRIBUTION_NOT_FOUND);
  }

  @Test
  void aListingWithoutLineIsNotAFailureOfItsOwnButListsItsLinks() {
    PageScraper.Scraped scraped =
        scrape(
            "<ul class='article-list'><li><a href='a.html#x'>a</a></li><li><a href='a.html'>a"
                + "</a></li><li><a href='javascript:go()'>j</a></li>"
                + "<li><a href='mailto:x@example.org'>m</a></li><li><a href='/b?x=1'>b</a></li>"
                + "</ul>");
    assertThat(scraped.links())
        .containsExactly(
            URI.create("https://revue.example/p/a.html"),
            URI.create("https://revue.example/b?x=1"));
    assertThat(scraped.failure().kind()).isEqualTo(PageFailureException.Kind.ATTRIBUTION_NOT_FOUND);
  }

  @Test
  void isoDatesOfTheDateSelector() {
    ZoneId zone = ZoneOffset.ofHours(1);
    assertThat(PageScraper.isoDate("2026-03-21", zone))
        .isEqualTo(Instant.parse("2026-03-21T11:00:00Z"));
    assertThat(PageScraper.isoDate("2026-03-21T10:15:00", zone))
        .isEqualTo(Instant.parse("2026-03-21T09:15:00Z"));
    assertThat(PageScraper.isoDate("2026-03-21 10:15:00+02:00", zone))
        .isEqualTo(Instant.parse("2026-03-21T08:15:00Z"));
    assertThat(PageScraper.isoDate("21/03/2026 à 10h15", zone)).isNull();
    assertThat(PageScraper.isoDate("", zone)).isNull();
  }
}
