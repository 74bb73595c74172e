package org.republisher.write;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.republisher.model.Article;
import org.republisher.model.Author;
import org.republisher.model.Enclosure;
import org.republisher.model.FeedSpec;
import org.republisher.model.Publication;

/** Articles shaped like the aggregator page, in fr, es, ar and en, awkward ones included. */
final class Fixtures {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T12:00:00Z"), ZoneOffset.UTC);

  static final Publication TWO_M =
      Publication.builder("2M")
          .url("https://www.2m.ma/fr")
          .feedUrl("https://www.2m.ma/fr/rss.xml")
          .language("fr")
          .build();
  static final Publication LE360 = Publication.builder("Le360").url("https://fr.le360.ma/").build();
  static final Publication HESPRESS =
      Publication.builder("هسبريس")
          .url("https://www.hespress.com/")
          .feedUrl("https://www.hespress.com/feed")
          .language("ar")
          .build();
  static final Publication ATALAYAR =
      Publication.builder("Atalayar").url("https://www.atalayar.com/").language("es").build();
  static final Publication MWN =
      Publication.builder("Morocco World News")
          .url("https://www.moroccoworldnews.com/")
          .feedUrl("https://www.moroccoworldnews.com/feed/")
          .language("en")
          .build();

  private Fixtures() {}

  static FeedSpec spec() {
    return FeedSpec.builder("Revue de presse", "https://revue.example/feeds/all.xml")
        .link("https://revue.example/")
        .description("La presse marocaine en quatre langues")
        .build();
  }

  static FeedWriter writer() {
    return FeedWriter.builder(spec()).clock(CLOCK).build();
  }

  static List<Article> articles() {
    return List.of(
        Article.builder()
            .title(
                "Le Maroc plaide pour une mobilisation accrue de la coalition contre Daesh en"
                    + " Afrique de l'Ouest et au Sahel")
            .link("https://revue.example/fr/2m/12345")
            .sourceLink("https://www.2m.ma/fr/news/article-12345")
            .publication(TWO_M)
            .published(LocalDate.of(2020, 6, 4))
            .author("MAP")
            .categories("Politique", "Diplomatie")
            .contentHtml(
                "<p>Le ministre des Affaires étrangères, Nasser Bourita, a participé ce jeudi 4"
                    + " juin à la réunion ministérielle du Groupe Restreint de la Coalition"
                    + " anti-Daesh.</p><p>La réunion a connu la participation de 30 pays.</p>")
            .image("/img/12345.jpg")
            .build(),
        Article.builder()
            .title("Marrakech-Safi : 12.341 entreprises créées en 2025")
            .sourceLink("https://fr.le360.ma/economie/marrakech-safi-12341-entreprises")
            .publication(LE360)
            .published(Instant.parse("2026-03-21T09:15:00Z"))
            .language("fr")
            .contentHtml(
                "<p>Selon l'<a href=\"/economie/crpi\">observatoire</a> régional, 12.341"
                    + " entreprises ont été créées.</p><script>alert(1)</script>")
            .build(),
        Article.builder()
            .title("المغرب يدعو إلى تعبئة أكبر للتحالف ضد داعش في غرب إفريقيا والساحل")
            .link("https://revue.example/ar/hespress/777")
            .sourceLink("https://www.hespress.com/politique/777.html")
            .publication(HESPRESS)
            .published(LocalDate.of(2020, 6, 4))
            .categories("سياسة")
            .contentHtml("<p>شارك ناصر بوريطة في الاجتماع الوزاري للمجموعة المصغرة للتحالف.</p>")
            .build(),
        Article.builder()
            .title("Sultana Khaya rompe el silencio y desmiente cualquier «ruptura» con el Polisario")
            .link("https://revue.example/es/atalayar/55")
            .sourceLink("https://www.atalayar.com/articulo/sultana-khaya-55")
            .publication(ATALAYAR)
            .published(Instant.parse("2026-03-20T18:30:00Z"))
            .updated(Instant.parse("2026-03-21T08:00:00Z"))
            .summary("La activista saharaui desmiente cualquier ruptura.")
            .contentHtml("<p onclick=\"steal()\">La activista <b>saharaui</b> habló.</p>")
            .build(),
        Article.builder()
            .title("Morocco &amp; Côte d'Ivoire: <b>U23</b> friendlies set for March 26 and 30")
            .link("https://revue.example/en/mwn/9")
            .sourceLink("https://www.moroccoworldnews.com/2026/03/u23-friendlies")
            .publication(MWN)
            .published(Instant.parse("2026-03-19T07:00:00Z"))
            .author(new Author("Hamza Guessous", null, null))
            .categories("Sports", "Football", "Sports")
            .contentHtml(
                "<p>The <a href=\"javascript:alert(1)\">national team</a> will play twice.</p>"
                    + "<iframe src=\"https://evil.example/\"></iframe>")
            .image(new Enclosure(java.net.URI.create("https://www.moroccoworldnews.com/u23.png"),
                "image/png", 48213))
            .build());
  }
}
