package org.republisher.source;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.republisher.model.Article;
import org.republisher.model.Author;
import org.republisher.model.Enclosure;
import org.republisher.model.Publication;
import org.slf4j.LoggerFactory;

class JsonLinesRecordsTest {
  private static final String SOURCE = "articles.jsonl";

  private final List<InvalidRecordException> problems = new ArrayList<>();

  private List<Article> read(String text) {
    try (Stream<Article> articles =
        JsonLinesRecords.read(new StringReader(text), SOURCE, problems::add)) {
      return articles.toList();
    }
  }

  private Article readOne(String line) {
    List<Article> articles = read(line);
    assertThat(problems).isEmpty();
    assertThat(articles).hasSize(1);
    return articles.get(0);
  }

  @Test
  void readsEveryField() {
    Article a =
        readOne(
            """
            {"id": "2m-12345", "title": "Le Maroc plaide pour une mobilisation accrue",\
             "link": "https://revue.example/fr/2m/12345",\
             "sourceLink": "https://www.2m.ma/fr/news/article-12345",\
             "publication": {"name": "2M", "url": "https://www.2m.ma",\
             "feedUrl": "https://www.2m.ma/fr/rss.xml", "language": "fr",\
             "zone": "Africa/Casablanca"},\
             "published": "2020-06-04", "updated": "2020-06-04T18:30:00+01:00",\
             "language": "fr-MA",\
             "authors": ["MAP"], "categories": ["Politique", "Diplomatie"],\
             "summary": "Un résumé.", "contentHtml": "<p>Le ministre…</p>",\
             "image": "https://www.2m.ma/img/12345.jpg", "baseUri": "https://www.2m.ma/fr/news/"}
            """);

    assertThat(a.id()).isEqualTo("2m-12345");
    assertThat(a.title()).isEqualTo("Le Maroc plaide pour une mobilisation accrue");
    assertThat(a.link()).isEqualTo(URI.create("https://revue.example/fr/2m/12345"));
    assertThat(a.sourceLink()).isEqualTo(URI.create("https://www.2m.ma/fr/news/article-12345"));
    assertThat(a.publication())
        .isEqualTo(
            Publication.builder("2M")
                .url("https://www.2m.ma")
                .feedUrl("https://www.2m.ma/fr/rss.xml")
                .language("fr")
                .build());
    assertThat(a.published()).isEqualTo(Instant.parse("2020-06-04T11:00:00Z"));
    assertThat(a.updated()).isEqualTo(Instant.parse("2020-06-04T17:30:00Z"));
    assertThat(a.language()).isEqualTo("fr-MA");
    assertThat(a.authors()).containsExactly(Author.of("MAP"));
    assertThat(a.categories()).containsExactly("Politique", "Diplomatie");
    assertThat(a.summary()).isEqualTo("Un résumé.");
    assertThat(a.contentHtml()).isEqualTo("<p>Le ministre…</p>");
    assertThat(a.image()).isEqualTo(Enclosure.of("https://www.2m.ma/img/12345.jpg"));
    assertThat(a.baseUri()).isEqualTo(URI.create("https://www.2m.ma/fr/news/"));
  }

  @Test
  void aPublicationRepeatedOnManyLinesIsBuiltOnceAndOnlyWhenAllItsFieldsMatch() {
    String line = "{\"title\": \"T\", \"sourceLink\": \"https://h.ma/%d\", \"publication\": %s}\n";
    String same = "{\"name\": \"2M\", \"url\": \"https://www.2m.ma\", \"zone\": \"Africa/Casablanca\"}";
    List<Article> articles =
        read(
            line.formatted(1, same)
                + line.formatted(2, same)
                + line.formatted(3, "{\"name\": \"2M\", \"url\": \"https://www.2m.ma/ar\"}")
                + line.formatted(4, "{\"name\": \"2M\", \"url\": \"https://www.2m.ma\", \"language\": \"ar\"}")
                + line.formatted(5, "\"2M\""));

    assertThat(articles.get(1).publication()).isSameAs(articles.get(0).publication());
    assertThat(articles).extracting(a -> a.publication().url() == null ? null : a.publication().url().toString())
        .containsExactly("https://www.2m.ma/", "https://www.2m.ma/", "https://www.2m.ma/ar", "https://www.2m.ma/", null);
    assertThat(articles.get(3).publication().language()).isEqualTo("ar");
    assertThat(articles.get(0).publication().language()).isNull();
  }

  @Test
  void requiresOnlyTitleAndOneLink() {
    Article a = readOne("{\"title\": \"Titre\", \"sourceLink\": \"https://www.2m.ma/fr/a-1\"}");

    assertThat(a.id()).isEqualTo("https://www.2m.ma/fr/a-1");
    assertThat(a.link()).isNull();
    assertThat(a.publication()).isNull();
    assertThat(a.published()).isNull();
    assertThat(a.authors()).isEmpty();
    assertThat(a.categories()).isEmpty();
  }

  @Test
  void treatsNullAsAbsentAndAcceptsAnIntegerId() {
    Article a =
        readOne(
            "{\"id\": 12345, \"title\": \"T\", \"link\": \"https://revue.example/1\","
                + " \"summary\": null, \"publication\": null, \"image\": null}");

    assertThat(a.id()).isEqualTo("12345");
    assertThat(a.summary()).isNull();
    assertThat(a.publication()).isNull();
    assertThat(a.image()).isNull();
  }

  @Test
  void readsPublicationAsPlainName() {
    Article a =
        readOne(
            "{\"title\": \"T\", \"link\": \"https://revue.example/1\", \"publication\":"
                + " \"Le360\"}");

    assertThat(a.publication()).isEqualTo(Publication.of("Le360"));
  }

  @Test
  void readsAuthorsAsObjectsOrNames() {
    Article a =
        readOne(
            """
            {"title": "T", "link": "https://revue.example/1", "authors": [\
            {"name": "Sports Desk", "email": "sports@moroccoworldnews.com",\
             "url": "https://www.moroccoworldnews.com/author/sports/"}, "MAP"]}
            """);

    assertThat(a.authors())
        .containsExactly(
            new Author(
                "Sports Desk",
                "sports@moroccoworldnews.com",
                URI.create("https://www.moroccoworldnews.com/author/sports/")),
            Author.of("MAP"));
  }

  @Test
  void readsImageAsObjectOrRelativeUrl() {
    Article object =
        readOne(
            """
            {"title": "T", "link": "https://revue.example/1", "image":\
             {"url": "https://www.mwn.example/a.png", "type": "image/png", "length": 184320}}
            """);
    Article relative =
        readOne(
            "{\"title\": \"T\", \"link\": \"https://revue.example/1\", \"image\": \"img/a.jpg\"}");

    assertThat(object.image())
        .isEqualTo(new Enclosure(URI.create("https://www.mwn.example/a.png"), "image/png", 184320));
    assertThat(relative.image()).isEqualTo(Enclosure.of("img/a.jpg"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Publié dans 2M le 04 - 06 - 2020 | 2M",
        "Publicado en Atalayar el 04 - 06 - 2020 | Atalayar",
        "نشر في هسبريس يوم ٠٤ - ٠٦ - ٢٠٢٠ | هسبريس",
        "Published in Morocco World News on 04 - 06 - 2020 | Morocco World News",
      })
  void readsAttributionInsteadOfPublicationAndPublished(String line, String publication) {
    Article a =
        readOne(
            "{\"title\": \"T\", \"link\": \"https://revue.example/1\", \"attribution\": \""
                + line
                + "\"}");

    assertThat(a.publication()).isEqualTo(Publication.of(publication));
    assertThat(a.published()).isEqualTo(Instant.parse("2020-06-04T11:00:00Z"));
  }

  @Test
  void mergesAttributionWithPublicationObjectWithoutName() {
    Article a =
        readOne(
            """
            {"title": "T", "link": "https://revue.example/1",\
             "attribution": "Publié dans 2M le 04 - 06 - 2020",\
             "publication": {"url": "https://www.2m.ma", "feedUrl": "https://www.2m.ma/fr/rss.xml"}}
            """);

    assertThat(a.publication())
        .isEqualTo(
            Publication.builder("2M")
                .url("https://www.2m.ma")
                .feedUrl("https://www.2m.ma/fr/rss.xml")
                .build());
    assertThat(a.published()).isEqualTo(Instant.parse("2020-06-04T11:00:00Z"));
  }

  @Test
  void explicitFieldsWinOverAttribution() {
    Article a =
        readOne(
            """
            {"title": "T", "link": "https://revue.example/1",\
             "attribution": "Publié dans 2M le 04 - 06 - 2020",\
             "publication": {"name": "2M Maroc", "zone": "Europe/Madrid"},\
             "published": "2020-06-05T08:00:00Z"}
            """);

    assertThat(a.publication().name()).isEqualTo("2M Maroc");
    assertThat(a.published()).isEqualTo(Instant.parse("2020-06-05T08:00:00Z"));
  }

  @Test
  void attributionDateIsPlacedInThePublicationZone() {
    Article a =
        readOne(
            """
            {"title": "T", "link": "https://revue.example/1",\
             "attribution": "Publicado en Atalayar el 04 - 06 - 2020",\
             "publication": {"zone": "Europe/Madrid"}}
            """);

    assertThat(a.published()).isEqualTo(Instant.parse("2020-06-04T10:00:00Z"));
  }

  @Test
  void placesDateOnlyAtNoonInCasablanca() {
    Article a =
        readOne(
            "{\"title\": \"T\", \"link\": \"https://revue.example/1\", \"publication\": \"2M\","
                + " \"published\": \"2020-06-04\", \"updated\": \"2020-06-05\"}");

    assertThat(a.published()).isEqualTo(Instant.parse("2020-06-04T11:00:00Z"));
    assertThat(a.updated()).isEqualTo(Instant.parse("2020-06-05T11:00:00Z"));
  }

  @ParameterizedTest
  @CsvSource({
    // a date-time without offset is local time in the publication's zone
    "'', 2020-06-04T18:30:00, 2020-06-04T17:30:00Z",
    "'', 2020-06-04 18:30, 2020-06-04T17:30:00Z",
    "Europe/Madrid, 2020-06-04T18:30:00, 2020-06-04T16:30:00Z",
    "+03:00, 2020-06-04T18:30:00.250, 2020-06-04T15:30:00.250Z",
    // with an offset or Z, the zone does not matter
    "Europe/Madrid, 2020-06-04T18:30:00+01:00, 2020-06-04T17:30:00Z",
    "Europe/Madrid, 2020-06-04T18:30:00Z, 2020-06-04T18:30:00Z",
  })
  void readsDateTimes(String zone, String published, String expected) {
    String publication =
        zone.isEmpty() ? "\"2M\"" : "{\"name\": \"2M\", \"zone\": \"" + zone + "\"}";
    Article a =
        readOne(
            "{\"title\": \"T\", \"link\": \"https://revue.example/1\", \"publication\": "
                + publication
                + ", \"published\": \""
                + published
                + "\"}");

    assertThat(a.published()).isEqualTo(Instant.parse(expected));
  }

  @Test
  void rejectsOnlyLinesThatAreNoRecordOrHaveNothingToPublishAndRepairsTheOthers() {
    List<Article> articles =
        read(
            """
            {"title": "un", "link": "https://revue.example/1"}
            {"title": "deux", "link": "https://revue.example/2", "published": "04/06/2020"}
            {"title": "trois", "link": "https://revue.example/3"
            {"link": "https://revue.example/4"}
            {"title": "<i></i>", "link": "javascript:alert(1)"}
            ["six"]
            {"title": 7, "link": "https://revue.example/7"}
            {"title": " ", "contentHtml": "<br>"}
            {"title": "neuf", "link": "https://revue.example/9", "publication": {"zone": "Mars/Ol"}}
            {"title": "dix", "link": "https://revue.example/10", "attribution": "le 04/06/2020"}
            {"title": "onze", "link": "https://revue.example/11", "title": "bis"}
            {"title": "douze", "link": "https://revue.example/12"} {}
            {"title": "treize", "link": "https://revue.example/13", "authors": "MAP"}
            {"title": "quatorze", "link": "https://revue.example/14", "language": "pas une langue!"}
            {"title": "quinze", "link": "https://revue.example/15"}
            """);

    assertThat(articles)
        .extracting(Article::title)
        .containsExactly(
            "un",
            "deux",
            "https://revue.example/4",
            "7",
            "neuf",
            "dix",
            "treize",
            "quatorze",
            "quinze");
    assertThat(articles.get(1).published()).isEqualTo(Instant.parse("2020-06-04T11:00:00Z"));
    assertThat(articles.get(6).authors()).containsExactly(Author.of("MAP"));
    assertThat(problems)
        .extracting(InvalidRecordException::line)
        .containsExactly(3L, 5L, 6L, 8L, 11L, 12L);
    assertThat(problems).allSatisfy(p -> assertThat(p.source()).isEqualTo(SOURCE));
    assertThat(problems)
        .extracting(InvalidRecordException::field)
        .containsExactly("record", "link", "record", "link", "record", "record");
    assertThat(problems.get(0).getMessage())
        .startsWith("articles.jsonl:3: record is not valid JSON");
    assertThat(problems.get(1))
        .hasMessage(
            "articles.jsonl:5: link has a scheme other than http or https:"
                + " \"javascript:alert(1)\"");
    assertThat(problems.get(3))
        .hasMessage(
            "articles.jsonl:8: link is missing, and so are sourceLink, a publication URL and any"
                + " text");
    assertThat(problems.get(4).getMessage()).contains("Duplicate field 'title'");
  }

  @Test
  void aNullInAListIsDroppedNotTakenAsTheTextNull() {
    List<String> warnings;
    List<Article> articles;
    try (org.republisher.LogCapture log = new org.republisher.LogCapture()) {
      articles =
          read(
              """
              {"title": "t", "link": "https://revue.example/1", "authors": ["MAP", null, 5],               "categories": [null, "Politique"]}
              """);
      warnings = log.warnings();
    }
    assertThat(articles.get(0).authors()).containsExactly(Author.of("MAP"), Author.of("5"));
    assertThat(articles.get(0).categories()).containsExactly("Politique");
    assertThat(warnings)
        .anySatisfy(w -> assertThat(w).contains("articles.jsonl:1: authors[1] is null: \"null\"; dropped"))
        .anySatisfy(w -> assertThat(w).contains("articles.jsonl:1: categories[0] is null: \"null\"; dropped"));
  }

  @Test
  void aRecordWithTextAndNoLinkOfAnyKindIsKeptForTheFeedsSiteToStandIn() {
    // issue #10: only a record with no title text and no link of any kind is rejected
    List<String> warnings;
    List<InvalidRecordException> problems = new ArrayList<>();
    List<Article> articles;
    try (org.republisher.LogCapture log = new org.republisher.LogCapture();
        Stream<Article> stream =
            JsonLinesRecords.read(
                new StringReader(
                    """
                    {"title": "Communiqué", "publication": "Agence", "published": "2026-03-22"}
                    {"title": "<b></b>", "summary": "Le résumé tient lieu de titre"}
                    {"title": "cinq", "link": "javascript:alert(1)"}
                    """),
                SOURCE,
                problems::add)) {
      articles = stream.toList();
      warnings = log.warnings();
    }
    assertThat(problems).isEmpty();
    assertThat(articles)
        .extracting(Article::title)
        .containsExactly("Communiqué", "Le résumé tient lieu de titre", "cinq");
    assertThat(articles)
        .allSatisfy(
            a -> {
              assertThat(a.link()).isNull();
              assertThat(a.sourceLink()).isNull();
              assertThat(a.id()).startsWith("urn:uuid:");
            });
    assertThat(warnings)
        .anySatisfy(
            w ->
                assertThat(w)
                    .contains(
                        "articles.jsonl:1: link is missing, and so are sourceLink and a"
                            + " publication URL; the feed's site will stand in"))
        .anySatisfy(w -> assertThat(w).contains("articles.jsonl:3: link has a scheme other"));
  }

  @Test
  void eachRepairIsAWarningNamingTheLineTheFieldAndTheRule() {
    String records =
        """
        {"title": "Médias24", "sourceLink": "https://www.médias24.ma/actualité/un article.html"}
        {"title": "Auteurs", "link": "https://revue.example/2", "authors": ["MAP", " ", "map", {"email": "x@y.ma"}, {"name": "Ali", "email": "pas une adresse"}]}
        {"title": "Catégories", "link": "https://revue.example/3", "categories": ["Politique", "", "politique", 42]}
        {"title": "Mois", "link": "https://revue.example/4", "attribution": "Publié dans Le360 le 21 - mars - 2026"}
        {"title": "Impossible", "link": "https://revue.example/5", "published": "2020-02-31", "attribution": "Publié dans 2M le 31 - 02 - 2020"}
        {"title": "", "link": "https://revue.example/6", "summary": "Le résumé tient lieu de titre."}
        {"title": "Sans date", "link": "javascript:x()", "sourceLink": "https://www.2m.ma/fr/7"}
        {"title": "Sans lien", "publication": {"name": "2M", "url": "https://www.2m.ma/fr"}, "published": "2020-06-04"}
        {"title": "Image", "link": "https://revue.example/9", "image": {"url": "/i.jpg", "type": "jpeg", "length": -3}}
        {"title": "Publication", "link": "https://revue.example/10", "publication": {"url": "https://www.hespress.com/", "zone": "Mars/Ol", "language": "?"}}
        """;
    List<Article> articles;
    List<String> warnings;
    try (org.republisher.LogCapture log = new org.republisher.LogCapture()) {
      articles = read(records);
      warnings = log.warnings();
    }

    assertThat(problems).isEmpty();
    assertThat(articles).hasSize(10);
    // an IDN host and spaces: converted, never refused
    assertThat(articles.get(0).sourceLink())
        .hasToString("https://www.xn--mdias24-bya.ma/actualit%C3%A9/un%20article.html");
    assertThat(articles.get(1).authors())
        .containsExactly(Author.of("MAP"), new Author("Ali", null, null));
    assertThat(articles.get(2).categories()).containsExactly("Politique", "42");
    assertThat(articles.get(3).publication().name()).isEqualTo("Le360");
    assertThat(articles.get(3).published()).isEqualTo(Instant.parse("2026-03-21T12:00:00Z"));
    assertThat(articles.get(4).published()).isNull(); // dated when first seen, by the writer
    assertThat(articles.get(5).title()).isEqualTo("Le résumé tient lieu de titre.");
    assertThat(articles.get(6).link()).isNull();
    assertThat(articles.get(7).sourceLink()).hasToString("https://www.2m.ma/fr");
    assertThat(articles.get(8).image()).isEqualTo(new Enclosure(URI.create("/i.jpg"), null, -1));
    assertThat(articles.get(9).publication())
        .isEqualTo(Publication.builder("www.hespress.com").url("https://www.hespress.com/").build());
    assertThat(warnings)
        .allSatisfy(w -> assertThat(w).containsPattern("articles\\.jsonl:\\d+: "))
        .anySatisfy(w -> assertThat(w).contains(
            "articles.jsonl:1: sourceLink is not a URI: \"https://www.médias24.ma/actualité/un"
                + " article.html\"; converted to https://www.xn--mdias24-bya.ma/actualit%C3%A9/un%20article.html"))
        .anySatisfy(w -> assertThat(w).contains("articles.jsonl:2: authors[1] is blank: \" \"; dropped"))
        .anySatisfy(w -> assertThat(w).contains("articles.jsonl:2: authors[2] is a duplicate: \"map\"; dropped"))
        .anySatisfy(w -> assertThat(w).contains("articles.jsonl:2: authors[3] has no name; dropped"))
        .anySatisfy(w -> assertThat(w).contains(
            "articles.jsonl:2: authors[4].email is not an email address: \"pas une adresse\"; left out"))
        .anySatisfy(w -> assertThat(w).contains("articles.jsonl:3: categories[1] is blank: \"\"; dropped"))
        .anySatisfy(w -> assertThat(w).contains("articles.jsonl:3: categories[2] is a duplicate"))
        .anySatisfy(w -> assertThat(w).contains("articles.jsonl:3: categories[3] is not a string: \"42\"; its text is taken"))
        .anySatisfy(w -> assertThat(w).contains(
            "articles.jsonl:5: published is a day that does not exist: \"2020-02-31\"; ignored"))
        .anySatisfy(w -> assertThat(w).contains(
            "articles.jsonl:5: attribution has a date that does not exist (31 - 02 - 2020)"))
        .anySatisfy(w -> assertThat(w).contains(
            "articles.jsonl:6: title has no text: \"\"; the start of the summary stands in"))
        .anySatisfy(w -> assertThat(w).contains(
            "articles.jsonl:7: link has a scheme other than http or https: \"javascript:x()\";"
                + " ignored: the source link stands alone"))
        .anySatisfy(w -> assertThat(w).contains(
            "articles.jsonl:8: link is missing, and so is sourceLink; the publication's home page"
                + " stands in: https://www.2m.ma/fr"))
        .anySatisfy(w -> assertThat(w).contains("articles.jsonl:9: image.type is not a media type: \"jpeg\"; guessed from the URL"))
        .anySatisfy(w -> assertThat(w).contains("articles.jsonl:9: image.length is not a whole number of bytes: \"-3\"; unknown"))
        .anySatisfy(w -> assertThat(w).contains("articles.jsonl:10: publication.zone is not a time-zone id: \"Mars/Ol\"; the default zone"))
        .anySatisfy(w -> assertThat(w).contains("articles.jsonl:10: publication.language is not a BCP 47 language tag: \"?\"; ignored"))
        .anySatisfy(w -> assertThat(w).contains("articles.jsonl:10: publication.name is missing; its host stands in: www.hespress.com"));
  }

  @Test
  void datesInTheFormsOfAnAttributionLineAreReadDayFirst() {
    String line =
        "{\"title\": \"t\", \"link\": \"https://r.example/1\", \"published\": \"%s\"}";
    for (String date : List.of("04/06/2020", "4 - 6 - 2020", "04 juin 2020", "٠٤ - ٠٦ - ٢٠٢٠", "4 - juin - 2020")) {
      assertThat(readOne(line.formatted(date)).published())
          .as(date)
          .isEqualTo(Instant.parse("2020-06-04T11:00:00Z"));
    }
  }

  @Test
  void warnsOnceForEachUnknownFieldName() {
    assumeThat(LoggerFactory.getLogger(JsonLinesRecords.class).isWarnEnabled()).isTrue();
    String records =
        """
        {"title": "un", "link": "https://revue.example/1", "mood": "gai"}
        {"title": "deux", "link": "https://revue.example/2", "mood": {"a": [1, 2]}}
        {"title": "trois", "link": "https://revue.example/3",\
         "publication": {"name": "2M", "city": "Rabat"}}
        {"title": "quatre", "link": "https://revue.example/4", "mood": 3,\
         "publication": {"name": "2M", "city": "Fès"}}
        """;

    String log = capturingStandardError(() -> assertThat(read(records)).hasSize(4));

    assertThat(problems).isEmpty();
    assertThat(log.lines().filter(l -> l.contains("\"mood\""))).hasSize(1);
    assertThat(log.lines().filter(l -> l.contains("\"publication.city\""))).hasSize(1);
    assertThat(log).contains("WARN").contains("articles.jsonl:1: unknown field \"mood\"");
  }

  @Test
  void skipsByteOrderMarkAndBlankLines(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("records.jsonl");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
    bytes.write(
        ("{\"title\": \"un\", \"link\": \"https://revue.example/1\"}\r\n"
                + "\r\n"
                + "   \t\n"
                + "\n"
                + "{\"title\": \"deux\", \"link\": \"https://revue.example/2\"}\n"
                + "{\"title\": \"<br>\"}")
            .getBytes(UTF_8));
    Files.write(file, bytes.toByteArray());

    List<Article> articles;
    try (Stream<Article> stream = JsonLinesRecords.read(file, problems::add)) {
      articles = stream.toList();
    }

    assertThat(articles).extracting(Article::title).containsExactly("un", "deux");
    assertThat(problems)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.source()).isEqualTo("records.jsonl");
              assertThat(p.line()).isEqualTo(6);
            });
  }

  @Test
  void skipsByteOrderMarkFromReader() {
    assertThat(read("\uFEFF{\"title\": \"un\", \"link\": \"https://revue.example/1\"}\n"))
        .extracting(Article::title)
        .containsExactly("un");
    assertThat(problems).isEmpty();
  }

  @Test
  void reportsBytesThatAreNotUtf8ForTheirLineOnly(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("latin1.jsonl");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.write("{\"title\": \"F".getBytes(UTF_8));
    bytes.write(0xE8); // "è" in ISO-8859-1
    bytes.write("s\", \"link\": \"https://revue.example/1\"}\n".getBytes(UTF_8));
    bytes.write("{\"title\": \"Fès\", \"link\": \"https://revue.example/2\"}\n".getBytes(UTF_8));
    Files.write(file, bytes.toByteArray());

    try (Stream<Article> stream = JsonLinesRecords.read(file, problems::add)) {
      assertThat(stream).extracting(Article::title).containsExactly("Fès");
    }
    assertThat(problems)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.line()).isEqualTo(1);
              assertThat(p.getMessage()).contains("UTF-8");
            });
  }

  @Test
  void aWindows1252FileGetsOneClearErrorAndItsGoodLinesAreRead(@TempDir Path dir)
      throws IOException {
    java.nio.charset.Charset cp1252 = java.nio.charset.Charset.forName("windows-1252");
    String records =
        "{\"title\": \"Un\", \"link\": \"https://revue.example/1\"}\n"
            + "{\"title\": \"Fès en fête\", \"link\": \"https://revue.example/2\"}\n"
            + "{\"title\": \"Trois\", \"link\": \"https://revue.example/3\"}\n"
            + "{\"title\": \"Café — « crème »\", \"link\": \"https://revue.example/4\"}\n";
    Path file = dir.resolve("cp1252.jsonl");
    Files.write(file, records.getBytes(cp1252));
    int offset = records.indexOf('è'); // one byte a character before it: ASCII

    try (Stream<Article> stream = JsonLinesRecords.read(file, problems::add)) {
      assertThat(stream).extracting(Article::title).containsExactly("Un", "Trois");
    }

    assertThat(problems).extracting(InvalidRecordException::line).containsExactly(2L, 4L);
    assertThat(problems.get(0))
        .hasMessage(
            "cp1252.jsonl:2: record is not UTF-8: byte 0xE8 at byte offset "
                + offset
                + " of the file (byte 13 of the line) cannot be read as UTF-8; the file looks"
                + " like windows-1252 (Western European, ISO-8859-1 and more): save it as UTF-8"
                + " (this line is skipped, and so is every later line that is not UTF-8)");
    assertThat(problems.get(1).getMessage())
        .startsWith("cp1252.jsonl:4: record is not UTF-8 either (byte offset ")
        .endsWith("; see line 2)")
        .doesNotContain("Invalid UTF-8", "0x"); // no parser words, no second full story
  }

  @Test
  void anArabicCodePageIsNamedAsTheLikelyEncoding(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("cp1256.jsonl");
    Files.write(
        file,
        "{\"title\": \"المغرب يدعو\", \"link\": \"https://revue.example/1\"}\n"
            .getBytes(java.nio.charset.Charset.forName("windows-1256")));

    try (Stream<Article> stream = JsonLinesRecords.read(file, problems::add)) {
      assertThat(stream).isEmpty();
    }
    assertThat(problems)
        .singleElement()
        .satisfies(p -> assertThat(p.getMessage()).contains("looks like windows-1256 (Arabic)"));
  }

  @Test
  void aFileWithAUtf16ByteOrderMarkIsReadAsUtf16(@TempDir Path dir) throws IOException {
    String records =
        "\uFEFF{\"title\": \"هسبريس\", \"link\": \"https://revue.example/1\"}\r\n"
            + "{\"title\": \"Deux\", \"link\": \"https://revue.example/2\"}\n";
    for (java.nio.charset.Charset wide :
        List.of(java.nio.charset.StandardCharsets.UTF_16LE, java.nio.charset.StandardCharsets.UTF_16BE)) {
      Path file = dir.resolve(wide.name() + ".jsonl");
      Files.write(file, records.getBytes(wide));
      try (org.republisher.LogCapture log = new org.republisher.LogCapture();
          Stream<Article> stream = JsonLinesRecords.read(file, problems::add)) {
        assertThat(stream).extracting(Article::title).containsExactly("هسبريس", "Deux");
        assertThat(log.warnings())
            .singleElement()
            .satisfies(w -> assertThat(w).contains("the file is " + wide.name() + " (byte order mark)"));
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void valuesInWarningsAreOneLineAndBounded() {
    String name = "mood\\n WARN forged\\u0085" + "x".repeat(300);
    try (org.republisher.LogCapture log = new org.republisher.LogCapture()) {
      read("{\"title\": \"un\", \"link\": \"https://revue.example/1\", \"" + name + "\": 1}\n");
      assertThat(log.lines()).noneMatch(line -> line.startsWith(" WARN forged"));
      assertThat(log.warnings())
          .singleElement()
          .satisfies(
              w ->
                  assertThat(w)
                      .contains("unknown field \"mood\\n WARN forged\\u0085xxx")
                      .contains("…")
                      .hasSizeLessThan(400));
    }
  }

  @Test
  @Timeout(60)
  void reportsOverLongLineFromReaderWithoutHoldingIt() {
    long size = JsonLinesRecords.MAX_LINE_LENGTH + 1L;
    Reader reader =
        new Reader() {
          private final Reader head =
              new StringReader("{\"title\": \"un\", \"link\": \"https://revue.example/1\"}\n");
          private final Reader tail =
              new StringReader("\n{\"title\": \"trois\", \"link\": \"https://revue.example/3\"}\n");
          private long remaining = size;

          @Override
          public int read(char[] buf, int off, int len) throws IOException {
            int n = head.read(buf, off, len);
            if (n >= 0) {
              return n;
            }
            if (remaining > 0) {
              int k = (int) Math.min(len, remaining);
              Arrays.fill(buf, off, off + k, 'x');
              remaining -= k;
              return k;
            }
            return tail.read(buf, off, len);
          }

          @Override
          public void close() {}
        };

    List<Article> articles;
    try (Stream<Article> stream = JsonLinesRecords.read(reader, SOURCE, problems::add)) {
      articles = stream.toList();
    }

    assertThat(articles).extracting(Article::title).containsExactly("un", "trois");
    assertThat(problems)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.line()).isEqualTo(2);
              assertThat(p).hasMessage("articles.jsonl:2: line is longer than 16777216 characters");
            });
  }

  @Test
  @Timeout(60)
  void reportsOverLongLineFromFile(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("big.jsonl");
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write("{\"title\": \"un\", \"link\": \"https://revue.example/1\"}\n".getBytes(UTF_8));
      out.write("{\"title\": \"".getBytes(UTF_8));
      byte[] chunk = new byte[1 << 20];
      Arrays.fill(chunk, (byte) 'x');
      for (int i = 0; i < 16; i++) {
        out.write(chunk);
      }
      out.write("\", \"link\": \"https://revue.example/2\"}\n".getBytes(UTF_8));
      out.write("{\"title\": \"trois\", \"link\": \"https://revue.example/3\"}".getBytes(UTF_8));
    }

    try (Stream<Article> stream = JsonLinesRecords.read(file, problems::add)) {
      assertThat(stream).extracting(Article::title).containsExactly("un", "trois");
    }
    assertThat(problems)
        .singleElement()
        .satisfies(
            p -> assertThat(p).hasMessage("big.jsonl:2: line is longer than 16777216 bytes"));
  }

  @Test
  void readsLazily() {
    Reader failsAfterTwoLines =
        new Reader() {
          private final Reader lines =
              new StringReader(
                  "{\"title\": \"un\", \"link\": \"https://revue.example/1\"}\n"
                      + "{\"title\": \"deux\", \"link\": \"https://revue.example/2\"}\n");

          @Override
          public int read(char[] buf, int off, int len) throws IOException {
            int n = lines.read(buf, off, len);
            if (n < 0) {
              throw new IOException("connection reset");
            }
            return n;
          }

          @Override
          public void close() {}
        };

    Iterator<Article> it =
        JsonLinesRecords.read(failsAfterTwoLines, SOURCE, problems::add).iterator();

    assertThat(it.next().title()).isEqualTo("un");
    assertThat(it.next().title()).isEqualTo("deux");
    assertThatThrownBy(it::hasNext)
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("articles.jsonl:3")
        .hasRootCauseMessage("connection reset");
  }

  @Test
  void failsToOpenAMissingFile(@TempDir Path dir) {
    assertThatThrownBy(() -> JsonLinesRecords.read(dir.resolve("none.jsonl"), problems::add))
        .isInstanceOf(NoSuchFileException.class);
  }

  private static String capturingStandardError(Runnable action) {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, UTF_8));
    try {
      action.run();
    } finally {
      System.setErr(original);
    }
    return captured.toString(UTF_8);
  }
}
