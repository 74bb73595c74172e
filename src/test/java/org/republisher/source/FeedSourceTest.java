package org.republisher.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.republisher.InvalidValueException;
import org.republisher.LogCapture;
import org.republisher.model.Article;
import org.republisher.model.Author;
import org.republisher.model.FeedSpec;
import org.republisher.model.Publication;
import org.republisher.testing.FeedRules;
import org.republisher.write.FeedFormat;
import org.republisher.write.FeedWriter;
import org.republisher.write.WriteResult;

/** Upstream feeds read from {@code file:} fixtures: every flavour, the mapping, the failures. */
class FeedSourceTest {
  static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  /** Fixtures that read, with the number of articles each yields. */
  static final Map<String, Integer> GOOD =
      Map.ofEntries(
          Map.entry("rss091.xml", 2),
          Map.entry("rss091-netscape.xml", 1),
          Map.entry("rss092.xml", 2),
          Map.entry("rss10.rdf", 2),
          Map.entry("rss20.xml", 5),
          Map.entry("atom03.xml", 2),
          Map.entry("atom10.xml", 3),
          Map.entry("atom10-utf-16.xml", 3),
          Map.entry("rss20-windows-1256.xml", 3),
          Map.entry("rss20-windows-1256-undeclared.xml", 3),
          Map.entry("rss20-iso-8859-1.xml", 2),
          Map.entry("broken-wrong-charset.xml", 2),
          Map.entry("rss20-xml-base.xml", 2),
          Map.entry("rss20-relative.xml", 1),
          Map.entry("rss20-html-titles.xml", 5),
          Map.entry("rss20-republished.xml", 3),
          Map.entry("rss20-literal-text.xml", 4),
          Map.entry("atom10-literal-text.xml", 2),
          Map.entry("linkless-permalink-guid.xml", 2),
          Map.entry("linkless-atom-id.xml", 1),
          Map.entry("linkless-enclosure.xml", 1),
          Map.entry("linkless-nothing.xml", 2),
          Map.entry("rss20-utf-32be-bom.xml", 1),
          Map.entry("rss20-utf-32le.xml", 1));

  /** Fixtures that fail as a whole, with a part of the failure's message. */
  static final Map<String, String> BROKEN =
      Map.of(
          "broken-truncated.xml", "not well-formed XML",
          "broken-undeclared-entity.xml", "\"copyright2020\" was referenced, but not declared",
          "broken-not-a-feed.xhtml", "not an RSS or Atom feed (the root element is <html>)",
          "broken-html-page.html", "not a feed: an HTML page",
          "broken-empty.xml", "not well-formed XML",
          "broken-no-channel.xml", "RSS document has no <channel> element");

  static Path fixture(String name) {
    URL url = FeedSourceTest.class.getResource("/feeds/" + name);
    Objects.requireNonNull(url, () -> "no fixture " + name);
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static FeedSource source(String name) {
    return FeedSource.builder(fixture(name).toUri()).id(name).clock(CLOCK).build();
  }

  static List<Article> read(String name) {
    return source(name).fetch();
  }

  static Article titled(List<Article> articles, String start) {
    return articles.stream()
        .filter(a -> a.title().startsWith(start))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no article titled " + start + "… in " + articles));
  }

  /** Writes articles in every format, checks each is valid, and returns the RSS. */
  static String writeValid(List<Article> articles) throws IOException {
    FeedSpec spec =
        FeedSpec.builder("Revue de presse", "https://revue.example/feeds/all.xml")
            .link("https://revue.example/")
            .description("La presse marocaine")
            .build();
    FeedWriter writer = FeedWriter.builder(spec).clock(CLOCK).build();
    String rss = null;
    for (FeedFormat format : FeedFormat.values()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      WriteResult result = writer.write(format, articles, out);
      assertThat(result.rejected()).as("%s rejected", format).isEmpty();
      assertThat(result.written()).isEqualTo(articles.size());
      FeedRules.assertValid(format, out.toByteArray());
      if (format == FeedFormat.RSS) {
        rss = out.toString(StandardCharsets.UTF_8);
      }
    }
    return Objects.requireNonNull(rss);
  }

  static Stream<Arguments> good() {
    return GOOD.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  static Stream<Arguments> broken() {
    return BROKEN.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  @Test
  void everyFixtureIsCoveredByATest() throws IOException {
    Path folder = fixture("rss20.xml").getParent();
    List<String> names;
    try (Stream<Path> files = Files.list(folder)) {
      names = files.map(p -> p.getFileName().toString()).sorted().toList();
    }
    assertThat(names).hasSizeGreaterThan(20);
    for (String name : names) {
      assertThat(
              GOOD.containsKey(name)
                  || BROKEN.containsKey(name)
                  || FeedHostileTest.HOSTILE.containsKey(name))
          .as("fixture %s is in no test table", name)
          .isTrue();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("good")
  void eachGoodFixtureYieldsValidFeedsInEveryFormat(String name, int count) throws IOException {
    List<Article> articles = read(name);
    assertThat(articles).hasSize(count);
    writeValid(articles);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("broken")
  void eachBrokenFixtureFailsAsASourceException(String name, String message) {
    FeedSource source = source(name);
    assertThatThrownBy(source::fetch)
        .isInstanceOf(SourceException.class)
        .hasMessageContaining(message)
        .satisfies(
            e -> {
              SourceException s = (SourceException) e;
              assertThat(s.sourceId()).isEqualTo(name);
              assertThat(s.uri()).isEqualTo(fixture(name).toUri());
              assertThat(s.httpStatus()).isEqualTo(-1);
            });
  }

  @Test
  void rss20MapsEveryFieldAndKeepsLinklessEntriesWithAWarning() throws IOException {
    List<Article> articles;
    try (LogCapture log = new LogCapture()) {
      articles = read("rss20.xml");
      assertThat(log.warnings())
          .hasSize(2)
          .allSatisfy(line -> assertThat(line).contains("rss20.xml: entry"))
          .allSatisfy(line -> assertThat(line).contains("home page https://www.2m.ma/fr stands in"))
          .anySatisfy(line -> assertThat(line).contains("Une dépêche sans lien", "has no link"))
          .anySatisfy(line -> assertThat(line).contains("Lien piégé", "javascript:alert(1)"));
    }
    // none is skipped for lack of a link: the publication's home page stands in (issue #10)
    assertThat(articles.subList(3, 5))
        .extracting(Article::title, Article::sourceLink)
        .containsExactly(
            tuple("Une dépêche sans lien", URI.create("https://www.2m.ma/fr")),
            tuple("Lien piégé", URI.create("https://www.2m.ma/fr")));
    assertThat(articles.get(3).id()).isNotEqualTo(articles.get(4).id()).startsWith("urn:uuid:");
    Publication channel =
        Publication.builder("2M.ma - Actualités")
            .url("https://www.2m.ma/fr")
            .feedUrl("https://www.2m.ma/fr/rss.xml")
            .language("fr")
            .build();
    Article daesh = articles.get(0);
    String link = "https://www.2m.ma/fr/news/le-maroc-plaide-pour-une-mobilisation-accrue-20200604";
    assertThat(daesh.id()).isEqualTo(link);
    assertThat(daesh.title())
        .isEqualTo(
            "Le Maroc plaide pour une mobilisation accrue de la coalition contre Daesh en Afrique"
                + " de l'Ouest et au Sahel");
    assertThat(daesh.sourceLink()).isEqualTo(URI.create(link));
    assertThat(daesh.link()).isNull();
    assertThat(daesh.publication()).isEqualTo(channel);
    assertThat(daesh.published()).isEqualTo(Instant.parse("2020-06-04T17:30:00Z"));
    assertThat(daesh.updated()).isNull();
    assertThat(daesh.authors()).containsExactly(Author.of("MAP"));
    assertThat(daesh.categories()).containsExactly("Politique", "Diplomatie");
    assertThat(daesh.language()).isEqualTo("fr");
    assertThat(daesh.summary()).startsWith("Le ministre des Affaires étrangères, Nasser Bourita");
    assertThat(daesh.contentHtml())
        .startsWith("<p>Le ministre")
        .contains("href=\"/fr/tags/daesh\"");
    assertThat(daesh.image().url())
        .isEqualTo(
            URI.create("https://www.2m.ma/sites/default/files/styles/large/public/bourita.jpg"));
    assertThat(daesh.image().type()).isEqualTo("image/jpeg");
    assertThat(daesh.image().length()).isEqualTo(48213);

    Article covid = articles.get(1);
    assertThat(covid.sourceLink()) // relative, resolved against the channel link
        .isEqualTo(URI.create("https://www.2m.ma/fr/news/covid-19-80-nouveaux-cas-20200604"));
    assertThat(covid.id()) // a bare guid is not global: the id comes from the link
        .isEqualTo("https://www.2m.ma/fr/news/covid-19-80-nouveaux-cas-20200604");
    assertThat(covid.authors())
        .containsExactly(new Author("La rédaction", "redaction@2m.ma", null));
    assertThat(covid.contentHtml())
        .isEqualTo("<p>Le ministère de la Santé a annoncé 80 nouveaux cas confirmés.</p>");
    assertThat(covid.summary()).isNull();
    assertThat(covid.image().url()) // media:content, no enclosure
        .isEqualTo(URI.create("https://www.2m.ma/sites/default/files/covid.jpg"));

    Article meteo = articles.get(2);
    assertThat(meteo.published()).isEqualTo(NOW); // undated: first seen now

    String rss = writeValid(articles);
    assertThat(rss).contains("<source url=\"https://www.2m.ma/fr/rss.xml\">2M.ma - Actualités");
  }

  @Test
  void aConfiguredPublicationReplacesTheChannelsButNotAnEntrysOwnSource() {
    Publication revue = Publication.builder("La Revue").url("https://revue.example/").build();
    List<Article> articles =
        FeedSource.builder(fixture("rss20-republished.xml").toUri())
            .publication(revue)
            .clock(CLOCK)
            .build()
            .fetch();
    assertThat(articles)
        .extracting(a -> a.publication().name(), a -> a.publication().feedUrl(), Article::language)
        .containsExactly(
            tuple("2M", URI.create("https://www.2m.ma/fr/rss.xml"), null),
            tuple("هسبريس", URI.create("https://www.hespress.com/feed"), null),
            tuple("La Revue", null, "fr"));
    assertThat(articles.get(0).sourceLink())
        .isEqualTo(
            URI.create(
                "https://www.2m.ma/fr/news/le-maroc-plaide-pour-une-mobilisation-accrue-20200604"));
    assertThat(articles.get(0).publication().url()).isNull(); // RSS source url is the feed's
  }

  @Test
  void withoutConfigurationTheChannelIsThePublication() {
    List<Article> articles = read("rss20-republished.xml");
    assertThat(articles.get(2).publication())
        .isEqualTo(
            Publication.builder("Revue de presse Maroc")
                .url("https://revue.example/")
                .feedUrl("https://revue.example/feed.xml")
                .language("fr")
                .build());
  }

  @Test
  void atom10ResolvesXmlBaseInheritsFeedAuthorsAndKeepsAnEntrysSource() throws IOException {
    List<Article> articles = read("atom10.xml");
    Article first = articles.get(0);
    assertThat(first.id()).isEqualTo("tag:atalayar.com,2020:noticia-1001");
    assertThat(first.sourceLink())
        .isEqualTo(
            URI.create(
                "https://www.atalayar.com/noticias/marruecos-aboga-movilizacion-coalicion-daesh"));
    // Rome reports the self link as an Atom feed's link: the alternate one must be chosen.
    assertThat(first.publication().url()).isEqualTo(URI.create("https://www.atalayar.com/"));
    assertThat(first.publication().feedUrl())
        .isEqualTo(URI.create("https://www.atalayar.com/rss/magreb.atom"));
    assertThat(first.publication().language()).isEqualTo("es");
    assertThat(first.authors()).containsExactly(Author.of("Redacción Atalayar"));
    assertThat(first.published()).isEqualTo(Instant.parse("2020-06-04T17:00:00Z"));
    assertThat(first.updated()).isEqualTo(Instant.parse("2020-06-04T17:30:00Z"));
    assertThat(first.categories()).containsExactly("Política", "Seguridad");
    assertThat(first.image().url())
        .isEqualTo(URI.create("https://www.atalayar.com/img/bourita.jpg"));
    assertThat(first.baseUri()).isEqualTo(URI.create("https://www.atalayar.com/"));
    assertThat(first.contentHtml()).contains("<strong>Nasser Bourita</strong>");

    Article second = articles.get(1);
    assertThat(second.title())
        .isEqualTo("<b>El turismo</b> marroquí se prepara para la reapertura");
    assertThat(second.sourceLink())
        .isEqualTo(URI.create("https://www.atalayar.com/economia/turismo-reapertura-2020"));
    assertThat(second.baseUri()).isEqualTo(URI.create("https://www.atalayar.com/economia/"));
    assertThat(second.authors())
        .containsExactly(
            new Author(
                "Javier Fernández Arribas",
                null,
                URI.create("https://www.atalayar.com/autores/jfa")));
    assertThat(second.contentHtml()) // Atom text content is escaped into HTML
        .isEqualTo(
            "El sector turístico marroquí prepara protocolos &lt;sanitarios&gt; &amp; de higiene"
                + " (ocupación &lt;50 %) para reabrir.");

    Article third = articles.get(2);
    assertThat(third.publication())
        .isEqualTo(
            Publication.builder("Le360 Español")
                .url("https://es.le360.ma/")
                .feedUrl("https://es.le360.ma/rss")
                .build());
    assertThat(third.authors()).isEmpty(); // the republisher's feed author is not the original's

    String rss = writeValid(articles);
    assertThat(rss)
        .contains("<title>El turismo marroquí se prepara para la reapertura</title>")
        .doesNotContain("&lt;b&gt;");
  }

  @Test
  void atom03TakesIssuedAsPublishedAndModifiedAsUpdated() {
    Article first = read("atom03.xml").get(0);
    assertThat(first.published()).isEqualTo(Instant.parse("2020-06-04T17:00:00Z"));
    assertThat(first.updated()).isEqualTo(Instant.parse("2020-06-04T17:30:00Z"));
    assertThat(first.language()).isEqualTo("en");
    assertThat(first.authors()).containsExactly(Author.of("North Africa Post"));
  }

  @Test
  void rss10AndRss092MapTheirDublinCoreAndSource() {
    Article rdf = read("rss10.rdf").get(0);
    assertThat(rdf.published()).isEqualTo(Instant.parse("2020-06-04T17:00:00Z"));
    assertThat(rdf.authors()).containsExactly(Author.of("Morocco World News"));
    assertThat(rdf.language()).isEqualTo("en");
    List<Article> rss092 = read("rss092.xml");
    assertThat(rss092.get(0).image().type()).isEqualTo("image/png");
    assertThat(rss092.get(0).language()).isEqualTo("fr-MA");
    assertThat(rss092.get(1).publication().name()).isEqualTo("MAP Express");
  }

  @Test
  void xmlBaseResolvesLinksAndImagesAndBecomesTheBaseUri() {
    List<Article> articles = read("rss20-xml-base.xml");
    assertThat(articles)
        .extracting(Article::sourceLink, Article::baseUri)
        .containsExactly(
            tuple(
                URI.create(
                    "https://www.hespress.com/fr/politique/loi-de-finances-rectificative-1001.html"),
                URI.create("https://www.hespress.com/fr/")),
            tuple(
                URI.create("https://static.hespress.com/fr/societe/images-de-la-semaine-1002.html"),
                URI.create("https://static.hespress.com/")));
    assertThat(articles.get(0).publication().url())
        .isEqualTo(URI.create("https://www.hespress.com/"));
    assertThat(articles.get(1).image().url())
        .isEqualTo(URI.create("https://static.hespress.com/images/semaine.jpg"));
    assertThat(articles.get(1).image().length()).isEqualTo(-1);
  }

  @Test
  void relativeRssLinksResolveAgainstTheChannelLink() throws IOException {
    Article article = read("rss20-relative.xml").get(0);
    assertThat(article.sourceLink())
        .isEqualTo(URI.create("https://ledesk.ma/enquetes/coulisses-port-nador/"));
    assertThat(article.image().url())
        .isEqualTo(URI.create("https://ledesk.ma/wp-content/uploads/nador.jpg"));
    assertThat(writeValid(List.of(article)))
        .contains("src=\"https://ledesk.ma/wp-content/uploads/nador.jpg\"");
  }

  @Test
  void aRelativeAtomLinkInAFileResolvesAgainstTheFeedsAlternateLink(@TempDir Path dir)
      throws IOException {
    Path feed = dir.resolve("lematin.atom");
    Files.writeString(
        feed,
        """
        <feed xmlns="http://www.w3.org/2005/Atom">
          <title>Le Matin</title>
          <link href="https://lematin.ma/"/>
          <id>tag:lematin.ma,2020:feed</id>
          <updated>2020-06-04T12:00:00Z</updated>
          <entry>
            <title>Rabat : le tramway reprend du service</title>
            <link href="express/2020/tramway/337001.html"/>
            <id>tag:lematin.ma,2020:337001</id>
            <updated>2020-06-04T12:00:00Z</updated>
          </entry>
        </feed>
        """);
    assertThat(FeedSource.builder(feed.toUri()).build().fetch())
        .extracting(Article::sourceLink)
        .containsExactly(URI.create("https://lematin.ma/express/2020/tramway/337001.html"));
  }

  @Test
  void htmlTitlesArePassedAndBecomeTextWhenWritten() throws IOException {
    List<Article> articles = read("rss20-html-titles.xml");
    assertThat(articles.get(0).title())
        .isEqualTo("<b>Urgent</b> : le <i>Parlement</i> adopte la loi de finances");
    assertThat(articles.get(2).title()).startsWith("Café\u00a0littéraire"); // &eacute; &nbsp; read
    assertThat(articles.get(4).title()) // no title: the start of the text stands for it
        .isEqualTo("Une brève sans titre : le texte en tient lieu.");
    String rss = writeValid(articles);
    assertThat(rss)
        .contains("<title>Urgent : le Parlement adopte la loi de finances</title>")
        .doesNotContain("<script", "onclick", "&lt;b&gt;", "&lt;script");
  }

  @Test
  void encodingsAreDecodedRight() {
    assertThat(read("rss20-windows-1256.xml").get(0).title())
        .isEqualTo("المغرب يدعو إلى تعبئة أكبر للتحالف الدولي ضد داعش في غرب إفريقيا والساحل");
    assertThat(read("rss20-windows-1256.xml").get(0).publication().name()).isEqualTo("هسبريس");
    assertThat(read("rss20-iso-8859-1.xml").get(0).title())
        .isEqualTo("Météo : épisode de chaleur à Marrakech, jusqu'à 44°C");
    assertThat(read("atom10-utf-16.xml").get(0).title()).startsWith("Marruecos aboga por");
  }

  @Test
  void aBodyDeclaredUtf8ThatIsNotIsReadAsWindows1252WithAWarning() {
    try (LogCapture log = new LogCapture()) {
      List<Article> articles = read("broken-wrong-charset.xml");
      assertThat(articles.get(0).title())
          .isEqualTo("Météo : épisode de chaleur à Marrakech, jusqu'à 44°C");
      assertThat(articles.get(1).contentHtml()).contains("« malgré la crise »");
      assertThat(log.warnings())
          .singleElement()
          .asString()
          .contains("broken-wrong-charset.xml: the body is not valid UTF-8", "windows-1252");
    }
  }

  @Test
  void theNetscapeDoctypeIsIgnoredAndItsDtdNeverRead() {
    assertThat(read("rss091-netscape.xml"))
        .extracting(Article::title)
        .containsExactly("Rabat accueille une reunion ministerielle africaine");
  }

  @Test
  void firstSeenDatesStayAcrossPollsAndChanges(@TempDir Path dir) throws IOException {
    Path feed = dir.resolve("feed.xml");
    Files.copy(fixture("rss091.xml"), feed);
    MutableClock clock = new MutableClock(NOW);
    FeedSource source = FeedSource.builder(feed.toUri()).clock(clock).build();

    List<Article> first = source.fetch();
    assertThat(first).extracting(Article::published).containsOnly(NOW);

    clock.now = NOW.plusSeconds(3600);
    List<Article> again = source.fetch();
    assertThat(again).isSameAs(first); // same bytes: not parsed again
    assertThat(source.parses()).isEqualTo(1);

    Files.writeString(
        feed,
        Files.readString(feed)
            .replaceFirst(
                "<item>",
                "<item><title>Nouvelle dépêche</title>"
                    + "<link>https://fr.le360.ma/politique/nouvelle-215003</link></item>\n<item>"));
    List<Article> third = source.fetch();
    assertThat(source.parses()).isEqualTo(2);
    assertThat(third)
        .extracting(Article::title, Article::published)
        .containsExactly(
            tuple("Nouvelle dépêche", NOW.plusSeconds(3600)),
            tuple("Casablanca : le tramway prolongé jusqu'à Sidi Moumen", NOW),
            tuple("Agadir accueille le festival Timitar", NOW));
  }

  @Test
  void aFailedPollKeepsTheStateOfTheLastGoodOne(@TempDir Path dir) throws IOException {
    Path feed = dir.resolve("feed.xml");
    Files.copy(fixture("rss091.xml"), feed);
    MutableClock clock = new MutableClock(NOW);
    FeedSource source = FeedSource.builder(feed.toUri()).id("le360").clock(clock).build();
    List<Article> first = source.fetch();

    Files.copy(
        fixture("broken-truncated.xml"), feed, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    assertThatThrownBy(source::fetch).isInstanceOf(SourceException.class);
    Files.delete(feed);
    assertThatThrownBy(source::fetch)
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("source le360")
        .hasMessageContaining("no such file");

    Files.copy(fixture("rss091.xml"), feed);
    clock.now = NOW.plusSeconds(60);
    assertThat(source.fetch()).isSameAs(first);
  }

  @Test
  void aBodyOverTheLimitIsCutAndFailsToParse() {
    FeedSource source =
        FeedSource.builder(fixture("rss20.xml").toUri()).id("2m").maxBytes(1000).build();
    assertThatThrownBy(source::fetch)
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("the body exceeds 1000 bytes and was cut at the limit")
        .hasMessageContaining("not well-formed XML");
  }

  @Test
  void maxItemsReadsTheFirstEntriesOnly() {
    List<Article> articles =
        FeedSource.builder(fixture("rss20-html-titles.xml").toUri()).maxItems(2).build().fetch();
    assertThat(articles).hasSize(2);
    assertThat(articles.get(1).title()).startsWith("<strong>Sport</strong>");
  }

  @Test
  void theBuilderRejectsWhatCannotBeRead() {
    assertThatThrownBy(() -> FeedSource.builder(URI.create("ftp://example.org/feed.xml")).build())
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("source.uri");
    assertThatThrownBy(() -> FeedSource.builder(URI.create("https:///feed.xml")).build())
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("has no host");
    assertThatThrownBy(() -> FeedSource.builder(URI.create("file:feed.xml")).build())
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("is not a file path");
    assertThatThrownBy(() -> FeedSource.builder(URI.create("https://a.example/")).id(" "))
        .isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> FeedSource.builder(URI.create("https://a.example/")).maxItems(0))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("maxItems");
    assertThatThrownBy(() -> FeedSource.builder(URI.create("https://a.example/")).maxBytes(0))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("maxBytes");
  }

  @Test
  void theIdDefaultsToTheUri() {
    URI uri = URI.create("https://www.2m.ma/fr/rss.xml");
    assertThat(FeedSource.builder(uri).build().id()).isEqualTo(uri.toString());
  }

  /** A clock the test moves. */
  static final class MutableClock extends Clock {
    volatile Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
