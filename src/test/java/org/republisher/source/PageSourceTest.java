package org.republisher.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.republisher.source.PageFixtures.PUBLIC;
import static org.republisher.source.PageFixtures.article;
import static org.republisher.source.PageFixtures.noon;
import static org.republisher.source.PageFixtures.source;
import static org.republisher.source.PageFixtures.uri;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.republisher.model.Article;
import org.republisher.model.Publication;
import org.republisher.source.PageFailureException.Kind;

/** The built-in aggregator profile on the fixture pages, one language at a time. */
class PageSourceTest {

  /** Text that is on every fixture page but never in an article: ticker, notice, link, line. */
  private static final List<String> NEVER_IN_BODY =
      List.of(
          // tickers
          "Port d'Essaouira",
          "Sultana Khaya sort du silence",
          "Puerto de Esauira",
          "ميناء الصويرة",
          "Essaouira Port",
          "L'Economiste",
          // image-report notices
          "Merci d'avoir signalé",
          "Cette image sera automatiquement bloquée",
          "Gracias por informar",
          "Esta imagen será bloqueada",
          "شكرا على الإبلاغ",
          "سيتم حجب هذه الصورة",
          "Thanks for reporting",
          "This image will be automatically blocked",
          // the link to the original and the attribution line
          "Cliquez ici",
          "Haga clic aquí",
          "اضغط هنا",
          "Click here",
          "Publié dans",
          "Publicado en",
          "نشر في",
          "Published in",
          // menus, sharing, footers
          "Accueil",
          "Compartir",
          "Les plus lus",
          "Revue de presse reprend");

  @Test
  void frenchPageIsTheSampleArticle() {
    Article a = article("2m-fr.html");
    assertThat(a.title())
        .isEqualTo(
            "Le Maroc plaide pour une mobilisation accrue de la coalition contre Daesh en Afrique"
                + " de l'Ouest et au Sahel");
    assertThat(a.publication())
        .isEqualTo(Publication.builder("2M").url("https://www.2m.ma/fr/").build());
    assertThat(a.published()).isEqualTo(Instant.parse("2020-06-04T11:00:00Z"));
    assertThat(a.published()).isEqualTo(noon(2020, 6, 4));
    assertThat(a.language()).isEqualTo("fr");
    assertThat(a.link()).hasToString(PUBLIC + "2m-fr.html");
    assertThat(a.baseUri()).isEqualTo(a.link());
    assertThat(a.sourceLink())
        .hasToString(
            "https://www.2m.ma/fr/news/le-maroc-plaide-pour-une-mobilisation-accrue-de-la-coalition"
                + "-contre-daesh-en-afrique-de-louest-et-au-sahel-20200604/");
    assertThat(a.id()).isEqualTo(a.sourceLink().toString());
    assertThat(a.image()).isNotNull();
    assertThat(a.image().url()).hasToString(PUBLIC + "img/2m-coalition-anti-daesh.jpg");
    assertThat(a.contentHtml())
        .startsWith("<p>Le ministre des Affaires étrangères, de la Coopération Africaine")
        .contains("<a href=\"https://revue.example/fr/tag/daesh\">Daesh</a>")
        .endsWith("à Bruxelles en juillet 2018 et à Washington en novembre 2019.</p>");
    assertThat(count(a.contentHtml(), "<p>")).isEqualTo(7);
    assertBodyHasNoBoilerplate(a);
  }

  @Test
  void spanishPageIsFoundByTextWhereTheMarkupDiffers() {
    // no attribution class, a notice without a known class, a body without a known container
    Article a = article("atalayar-es.html");
    assertThat(a.title())
        .isEqualTo(
            "Sultana Khaya rompe el silencio y desmiente cualquier «ruptura» con el Polisario");
    // no link on the name in the line: the home page is the root of the source link's site
    assertThat(a.publication())
        .isEqualTo(Publication.builder("Atalayar").url("https://www.atalayar.com/").build());
    assertThat(a.published()).isEqualTo(noon(2026, 3, 21));
    assertThat(a.language()).isEqualTo("es");
    assertThat(a.link()).hasToString(PUBLIC + "atalayar-es.html");
    assertThat(a.sourceLink())
        .hasToString(
            "https://www.atalayar.com/articulo/politica/sultana-khaya-rompe-silencio-desmiente"
                + "-ruptura-polisario/20260321120000212345.html");
    assertThat(a.image().url())
        .hasToString("https://www.atalayar.com/media/atalayar/images/2026/03/21/sultana-khaya.jpg");
    assertThat(a.contentHtml())
        .startsWith("<p>La activista saharaui Sultana Khaya ha roto este sábado")
        .contains("<em>reajustes</em>")
        .contains("<a href=\"https://minurso.unmissions.org/\">MINURSO</a>");
    assertThat(count(a.contentHtml(), "<p>")).isEqualTo(3);
    assertBodyHasNoBoilerplate(a);
  }

  @Test
  void arabicPageReadsArabicIndicDigitsAndAMoroccanMonth() {
    Article a = article("hespress-ar.html");
    assertThat(a.title())
        .isEqualTo("انطلاق الموسم الدراسي الجديد بمشاركة أزيد من ثمانية ملايين تلميذ");
    assertThat(a.publication())
        .isEqualTo(Publication.builder("هسبريس").url("https://www.hespress.com/").build());
    // "١٧ شتنبر ٢٠٢٥": Arabic-Indic digits, the Moroccan name of September
    assertThat(a.published()).isEqualTo(noon(2025, 9, 17));
    assertThat(a.published().atOffset(ZoneOffset.UTC).toLocalDate()).hasToString("2025-09-17");
    assertThat(a.language()).isEqualTo("ar");
    assertThat(a.link()).hasToString(PUBLIC + "hespress-ar.html");
    assertThat(a.sourceLink().toString())
        .startsWith("https://www.hespress.com/%D8%A7%D9%86%D8%B7%D9%84%D8%A7%D9%82")
        .endsWith("-1598765.html");
    // a root-relative image resolves against the page's public URL, not the file system
    assertThat(a.image().url())
        .hasToString("https://revue.example/uploads/2025/09/rentree-scolaire.jpg");
    assertThat(a.contentHtml())
        .startsWith("<p>انطلق، صباح اليوم الأربعاء")
        .contains("href=\"https://revue.example/ar/tag/madaris-riyada\"");
    assertThat(count(a.contentHtml(), "<p>")).isEqualTo(3);
    assertBodyHasNoBoilerplate(a);
  }

  @Test
  void englishPageReadsAMonthFirstDate() {
    Article a = article("mwn-en.html");
    assertThat(a.title())
        .isEqualTo(
            "Weather Alert: Thunderstorms and Strong Winds Expected Across Morocco on Friday");
    assertThat(a.publication())
        .isEqualTo(
            Publication.builder("Morocco World News")
                .url("https://www.moroccoworldnews.com/")
                .build());
    assertThat(a.published()).isEqualTo(noon(2026, 3, 20));
    assertThat(a.language()).isEqualTo("en");
    assertThat(a.sourceLink().toString())
        .startsWith("https://www.moroccoworldnews.com/2026/03/271845/weather-alert");
    assertThat(a.image().url().getHost()).isEqualTo("www.moroccoworldnews.com");
    assertThat(a.contentHtml())
        .contains("mountain roads &amp; to follow")
        .contains("<a href=\"https://revue.example/en/tag/weather\">latest updates</a>");
    assertThat(count(a.contentHtml(), "<p>")).isEqualTo(3);
    assertBodyHasNoBoilerplate(a);
  }

  @Test
  void tickerOnlyPageIsATypedFailureNamingThePageNeverAnArticleDatedToday() {
    PageSource source = source("ticker-only.html").build();
    assertThatThrownBy(source::fetch)
        .isInstanceOfSatisfying(
            PageFailureException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(Kind.ATTRIBUTION_NOT_FOUND);
              assertThat(e.uri()).isEqualTo(uri("ticker-only.html"));
              assertThat(e.sourceId()).isEqualTo("revue");
              assertThat(e.httpStatus()).isEqualTo(-1);
              assertThat(e.reason()).startsWith("attribution not found");
            })
        .isInstanceOf(SourceException.class)
        .hasMessageStartingWith("source revue (" + uri("ticker-only.html") + "): ")
        .hasMessageContaining("attribution not found");
  }

  @Test
  void anAttributionLineInTheTickerIsNotTheArticles() {
    // the ticker of the French pages holds "publié dans L'Economiste le 20 - 03 - 2026", before
    // the article's line: found by its text only, the line must come from the article, because
    // the ticker is dropped before the line is looked for
    PageProfile byTextOnly = PageProfile.AGGREGATOR.toBuilder().attribution(null).build();
    Article a = source("2m-fr.html").profile(byTextOnly).build().fetch().get(0);
    assertThat(a.publication().name()).isEqualTo("2M");
    assertThat(a.published()).isEqualTo(noon(2020, 6, 4));
  }

  @Test
  void aFileWithoutPublicUrlIsLinkedByItsSourceLinkOnly() {
    Article a = PageSource.builder(uri("mwn-en.html")).build().fetch().get(0);
    assertThat(a.link()).isNull();
    assertThat(a.baseUri()).isNull();
    assertThat(a.sourceLink()).isNotNull();
    // relative URLs have no public address: dropped rather than pointed at the wrong site
    assertThat(a.contentHtml()).contains("<a>latest updates</a>").doesNotContain("file:");
  }

  @Test
  void theSourceIdDefaultsToTheStartUri() {
    PageSource source = PageSource.builder(uri("2m-fr.html")).build();
    assertThat(source.id()).isEqualTo(uri("2m-fr.html").toString());
    assertThat(source.start()).isEqualTo(uri("2m-fr.html"));
    assertThat(source.profile()).isSameAs(PageProfile.AGGREGATOR);
  }

  @Test
  void aConfiguredPublicationAndZoneAreUsed() {
    Publication twoM =
        Publication.builder("2M Maroc").url("https://www.2m.ma/").zone(ZoneOffset.UTC).build();
    Article credited = source("2m-fr.html").publication(twoM).build().fetch().get(0);
    assertThat(credited.publication()).isEqualTo(twoM);
    assertThat(credited.published()).isEqualTo(Instant.parse("2020-06-04T12:00:00Z"));

    Article zoned = source("2m-fr.html").zone(ZoneOffset.ofHours(3)).build().fetch().get(0);
    assertThat(zoned.publication().name()).isEqualTo("2M");
    assertThat(zoned.published()).isEqualTo(Instant.parse("2020-06-04T09:00:00Z"));
  }

  @Test
  void startMustBeHttpOrFile() {
    assertThatThrownBy(() -> PageSource.builder(URI.create("ftp://example.org/x.html")).build())
        .hasMessageContaining("start")
        .hasMessageContaining("ftp://example.org/x.html");
    assertThatThrownBy(() -> PageSource.builder(URI.create("pages/index.html")).build())
        .hasMessageContaining("start");
    assertThatThrownBy(() -> PageSource.builder(uri("index.html")).maxPages(0))
        .hasMessageContaining("maxPages");
    assertThatThrownBy(() -> PageSource.builder(uri("index.html")).maxDepth(-1))
        .hasMessageContaining("maxDepth");
    assertThatThrownBy(() -> PageSource.builder(uri("index.html")).maxPageBytes(0))
        .hasMessageContaining("maxPageBytes");
    assertThatThrownBy(
            () -> PageSource.builder(uri("index.html")).publicUrl(URI.create("file:/tmp/x")))
        .hasMessageContaining("publicUrl");
  }

  static void assertBodyHasNoBoilerplate(Article a) {
    List<String> found = new ArrayList<>();
    for (String text : NEVER_IN_BODY) {
      if (a.contentHtml().contains(text)) {
        found.add(text);
      }
    }
    assertThat(found).as("boilerplate in the body of %s", a.link()).isEmpty();
    assertThat(a.contentHtml()).doesNotContain(a.title());
  }

  static int count(String haystack, String needle) {
    int n = 0;
    for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }
}
