package org.republisher.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.republisher.Republisher;
import org.republisher.model.FeedSpec;
import org.republisher.model.Selection;
import org.republisher.write.FeedFormat;
import org.republisher.write.Retention;

class ConfigReaderTest {
  private static final String MINIMAL =
      """
      site:
        url: https://x.example/feeds
      sources:
        - id: desk
          uri: data/articles.jsonl
          type: records
      """;

  @TempDir Path dir;

  @Test
  void theExampleConfigReadsItsSourcesItsOpmlAndItsFeeds() {
    Path file = Path.of("examples/republisher.yaml");
    Config config = ConfigReader.read(file);

    Path examples = file.toAbsolutePath().getParent();
    assertThat(config.site()).isEqualTo(URI.create("https://revue.example/feeds/"));
    assertThat(config.siteLink()).isEqualTo(URI.create("https://revue.example/"));
    assertThat(config.output()).isEqualTo(examples.resolve("../target/feeds").normalize());
    assertThat(config.store())
        .isEqualTo(examples.resolve("../target/republisher.db").normalize().toString());
    assertThat(config.sources())
        .extracting(s -> s.config().id())
        .containsExactly("desk", "pages", "2m", "hespress", "atalayar");
    assertThat(config.sources().get(0).config().uri())
        .isEqualTo(examples.resolve("data/articles.jsonl").toUri());
    assertThat(config.sources().get(1).config().options())
        .containsEntry("publicUrl", "https://revue.example/pages/index.html");
    assertThat(config.sources().get(2).config().uri())
        .isEqualTo(examples.resolve("data/feeds/2m-fr.rss.xml").toUri());
    assertThat(config.sources())
        .allSatisfy(s -> assertThat(s.config().uri().getScheme()).isEqualTo("file"))
        .allSatisfy(s -> assertThat(Path.of(s.config().uri())).startsWith(examples.resolve("data")));
    assertThat(config.feeds())
        .extracting(Config.Feed::name)
        .containsExactly("all", "{slug}", "lang/fr", "lang/ar", "lang/es", "lang/en");
    Config.Feed all = config.feeds().get(0);
    assertThat(all.limit()).isEqualTo(20);
    assertThat(all.pageSize()).isEqualTo(10);
    assertThat(config.feeds().get(1).perPublication()).isTrue();
    assertThat(config.feeds().get(1).title()).isEqualTo("Revue de presse — {publication}");
    assertThat(config.feeds().get(3).selection().languages()).containsExactly("ar");
    assertThat(config.feeds().get(3).language()).isEqualTo("ar");
  }

  @Test
  void everyKeyNotGivenHasItsDefault() throws IOException {
    Config config = read(MINIMAL);

    assertThat(config.site()).isEqualTo(URI.create("https://x.example/feeds/"));
    assertThat(config.siteLink()).isNull();
    assertThat(config.output()).isEqualTo(dir.resolve("feeds"));
    assertThat(config.store()).isEqualTo(dir.resolve("republisher.db").toString());
    assertThat(config.interval()).isEqualTo(Republisher.DEFAULT_INTERVAL);
    assertThat(config.deadline()).isEqualTo(Republisher.DEFAULT_DEADLINE);
    assertThat(config.retention()).isEqualTo(Retention.DEFAULT);
    Config.Source desk = config.sources().get(0);
    assertThat(desk.interval()).isNull();
    assertThat(desk.config().publication()).isNull();
    assertThat(desk.where()).isEqualTo(dir.resolve("republisher.yaml") + ":4: sources[0]");
    assertThat(config.feeds()).singleElement().satisfies(feed -> {
      assertThat(feed.name()).isEqualTo("all");
      assertThat(feed.limit()).isEqualTo(FeedSpec.DEFAULT_LIMIT);
      assertThat(feed.pageSize()).isNull();
      assertThat(feed.selection()).isEqualTo(Selection.ALL);
      assertThat(feed.formats()).containsExactlyInAnyOrder(FeedFormat.values());
    });
    assertThat(config.serve()).isEqualTo(new Config.Serve("127.0.0.1", 8080, 8));
    assertThat(config.hub()).isNull();
  }

  @Test
  void readsEveryOptionalKey() throws IOException {
    Config config = read(
        """
        site: {url: "https://x.example/", link: "https://x.example/home"}
        output: /srv/www/feeds
        store: jdbc:postgresql://db.example/republisher?user=r
        interval: 1h
        deadline: PT10S
        retention: {maxAge: 30d, maxArticles: 500}
        sources:
          - id: 2m
            uri: https://www.2m.ma/fr/rss.xml
            interval: 5m
            publication: {name: 2M, url: "https://www.2m.ma/fr", language: fr, zone: Africa/Casablanca}
        feeds:
          - name: news/politique
            title: Politique
            description: La politique
            language: fr
            limit: 30
            pageSize: 50
            filter: {category: [Politique, Diplomatie], publication: 2M}
            formats: [atom, json]
        serve: {address: "::", port: 0, threads: 16}
        websub: {hub: "https://hub.example/websub"}
        """);

    assertThat(config.siteLink()).isEqualTo(URI.create("https://x.example/home"));
    assertThat(config.output()).isEqualTo(Path.of("/srv/www/feeds"));
    assertThat(config.store()).isEqualTo("jdbc:postgresql://db.example/republisher?user=r");
    assertThat(config.interval()).isEqualTo(Duration.ofHours(1));
    assertThat(config.deadline()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.retention()).isEqualTo(new Retention(Duration.ofDays(30), 500));
    Config.Source source = config.sources().get(0);
    assertThat(source.interval()).isEqualTo(Duration.ofMinutes(5));
    assertThat(source.config().uri()).isEqualTo(URI.create("https://www.2m.ma/fr/rss.xml"));
    assertThat(source.config().publication().name()).isEqualTo("2M");
    assertThat(source.config().publication().language()).isEqualTo("fr");
    Config.Feed feed = config.feeds().get(0);
    assertThat(feed.name()).isEqualTo("news/politique");
    assertThat(feed.description()).isEqualTo("La politique");
    assertThat(feed.limit()).isEqualTo(30);
    assertThat(feed.pageSize()).isEqualTo(50);
    assertThat(feed.selection())
        .isEqualTo(new Selection(Set.of("2M"), Set.of("Politique", "Diplomatie"), Set.of()));
    assertThat(feed.formats()).containsExactlyInAnyOrder(FeedFormat.ATOM, FeedFormat.JSON_FEED);
    assertThat(config.serve()).isEqualTo(new Config.Serve("::", 0, 16));
    assertThat(config.hub()).isEqualTo(URI.create("https://hub.example/websub"));
  }

  @Test
  void badServeAndWebSubValuesAreReportedWithTheirLines() throws IOException {
    assertProblems(MINIMAL + """
        serve:
          address: "a host/with a path"
          port: 65536
          threads: 0
        websub:
          hub: hub.example
        """,
        "republisher.yaml:8: serve.address: \"a host/with a path\" is not a host name or an IP"
            + " address such as 127.0.0.1, 0.0.0.0 or ::",
        "republisher.yaml:9: serve.port: 65536 is above 65535",
        "republisher.yaml:10: serve.threads: \"0\" is below 1",
        "republisher.yaml:12: websub.hub: \"hub.example\" is not an absolute http(s) URL");
  }

  @Test
  void aBadUriIsReportedWithItsFileLineAndKeyPath() throws IOException {
    assertProblems(
        """
        site:
          url: https://x.example/feeds/
        sources:
          - {id: a, uri: a.jsonl, type: records}
          - {id: b, uri: b.jsonl, type: records}
          - id: c
            type: file
            uri: "ht tp://x"
        """,
        "republisher.yaml:8: sources[2].uri: \"ht tp://x\" is not a URI");
  }

  @Test
  void anUnknownKeyIsAnErrorWithTheNearestKnownKey() throws IOException {
    assertProblems(
        """
        site:
          url: https://x.example/feeds/
        intervall: 10m
        sources:
          - id: a
            uri: a.jsonl
            publicaton: {name: A}
        feeds:
          - name: all
            pagesize: 10
            colour: red
        """,
        "republisher.yaml:3: intervall: unknown key; did you mean \"interval\"?",
        "republisher.yaml:7: sources[0].publicaton: unknown key; did you mean \"publication\"?",
        "republisher.yaml:10: feeds[0].pagesize: unknown key; did you mean \"pageSize\"?",
        "republisher.yaml:11: feeds[0].colour: unknown key; known keys here: name, title,"
            + " description, language, limit, pageSize, filter, perPublication, formats");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          interval: soon         | 3: interval: "soon" is not a duration such as 30s, 15m, 1h, 7d or PT15M
          interval: 0s           | 3: interval: "0s" is not positive
          deadline: -PT1S        | 3: deadline: "-PT1S" is not positive
          retention: {maxArticles: 0} | 3: retention.maxArticles: "0" is below 1
          retention: {maxAge: x} | 3: retention.maxAge: "x" is not a duration such as 30s, 15m, 1h, 7d or PT15M
          retention: 12          | 3: retention: is "12", not a mapping of maxAge, maxArticles
          output: [a, b]         | 3: output: is a list, not a text
          store: ""              | 3: store: is "", not a text
          feeds: 12              | 3: feeds: is "12", not a mapping of name, title, description, language, limit, pageSize, filter, perPublication, formats
          feeds: [{name: "../x"}] | 3: feeds[0].name: "../x" is not a feed name: lowercase letters, digits, '.', '-' and '_', in segments separated by '/', none of them "archive"
          feeds: [{name: archive}] | 3: feeds[0].name: "archive" is not a feed name: lowercase letters, digits, '.', '-' and '_', in segments separated by '/', none of them "archive"
          feeds: [{name: All}]   | 3: feeds[0].name: "All" is not a feed name: lowercase letters, digits, '.', '-' and '_', in segments separated by '/', none of them "archive"
          feeds: [{title: x}]    | 3: feeds[0].name: is missing
          feeds: [{name: x, limit: many}] | 3: feeds[0].limit: "many" is not a whole number
          feeds: [{name: x, limit: 0}] | 3: feeds[0].limit: "0" is below 1
          feeds: [{name: x, language: "français"}] | 3: feeds[0].language: "français" is not a BCP 47 language tag such as fr or ar-MA
          feeds: [{name: x, formats: [rss, pdf]}] | 3: feeds[0].formats[1]: "pdf" is not a format: rss, atom or json
          feeds: [{name: x, perPublication: yes please}] | 3: feeds[0].perPublication: "yes please" is not true or false
          feeds: [{name: x, perPublication: true}] | 3: feeds[0].name: "x" does not hold {slug} once: each publication's feed needs its own name
          feeds: [{perPublication: true, filter: {publication: 2M}}] | 3: feeds[0].filter.publication: is not for a feed per publication, which takes each one
          feeds: [{name: a}, {name: a}] | 3: feeds[1].name: "a" is the name of another feed too
          """)
  void aBadValueIsReportedWithItsLineAndKeyPath(String yaml, String problem) throws IOException {
    ConfigException e =
        readFails("site: {url: \"https://x.example/\"}\nsources: [{id: a, uri: a.jsonl}]\n" + yaml);

    assertThat(e.problems()).singleElement().asString().startsWith(name() + ":" + problem);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          url: x.example/feeds             | "x.example/feeds" is not an absolute http(s) URL
          url: ftp://x.example/            | "ftp://x.example/" is not an absolute http(s) URL
          url: "https://x.example/?a=b"    | "https://x.example/?a=b" has a query or a fragment
          link: x                          | "x" is not an absolute http(s) URL
          """)
  void theSiteNeedsAnAbsoluteHttpUrl(String yaml, String problem) throws IOException {
    String url = yaml.startsWith("url") ? "" : "url: https://x.example/\n  ";
    ConfigException e =
        readFails("sources: [{id: a, uri: a.jsonl}]\nsite:\n  " + url + yaml + "\n");

    assertThat(e.problems()).singleElement().asString().contains(problem);
  }

  @Test
  void theSiteUrlAndASourceAreNeeded() throws IOException {
    assertProblems("output: out\n",
        "republisher.yaml:1: site.url: is missing: the URL the feeds are served from",
        "republisher.yaml:1: sources: there is no source: give sources, or opml");
    assertProblems("site:\nsources: []\n",
        "republisher.yaml:1: site.url: is missing: the URL the feeds are served from",
        "republisher.yaml:2: sources: there is no source: give sources, or opml");
    assertProblems("site: {url: \"https://x.example/\"}\nsources:\n  - id: a\n",
        "republisher.yaml:3: sources[0].uri: is missing");
  }

  @Test
  void sourceIdsAreUniqueAcrossSourcesAndOpml() throws IOException {
    Files.writeString(dir.resolve("feeds.opml"),
        "<opml version=\"2.0\"><body><outline text=\"Desk\" xmlUrl=\"desk.xml\"/></body></opml>");

    assertProblems(
        """
        site: {url: "https://x.example/"}
        sources:
          - {id: desk, uri: a.jsonl}
        opml: feeds.opml
        """,
        "feeds.opml:1: outline \"Desk\".id: \"desk\" is the id of another source too ("
            + name() + ":3: sources[0])");
  }

  @Test
  void aDuplicateKeyIsAnErrorWithBothLines() throws IOException {
    assertProblems(
        "site: {url: \"https://x.example/\"}\nsources: []\nsite: {url: \"https://y.example/\"}\n",
        "republisher.yaml:3: duplicate key \"site\" (first at line 1)");
  }

  @Test
  void textThatIsNotYamlIsReportedWithItsLine() throws IOException {
    ConfigException e = readFails("site:\n  url: [https://x.example/\nsources: a\n");

    assertThat(e.problems()).singleElement().asString()
        .matches(java.util.regex.Pattern.quote(name()) + ":[0-9]+: not valid YAML: .+");
  }

  @Test
  void anEmptyOrMissingFileIsReported() throws IOException {
    assertProblems("", "republisher.yaml:1: the configuration is empty: site.url and sources are"
        + " needed");
    assertThatThrownBy(() -> ConfigReader.read(dir.resolve("none.yaml")))
        .isInstanceOf(ConfigException.class)
        .hasMessage(dir.resolve("none.yaml") + ": no such file");
  }

  @Test
  void aFileThatIsNotUtf8IsReported() throws IOException {
    Files.write(dir.resolve("latin1.yaml"), "site: {url: \"https://x.example/caf\u00e9\"}\n"
        .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));

    assertThatThrownBy(() -> ConfigReader.read(dir.resolve("latin1.yaml")))
        .isInstanceOf(ConfigException.class)
        .hasMessageEndingWith(": not UTF-8 text");
  }

  @Test
  void everyProblemIsReportedNotOnlyTheFirst() throws IOException {
    ConfigException e = readFails(
        """
        site: {url: nowhere}
        interval: often
        sources:
          - {id: a, uri: "a b:c"}
        feeds:
          - {name: x, limit: -1}
        """);

    assertThat(e.problems()).hasSize(4);
    assertThat(e.problems()).extracting(p -> p.substring(name().length() + 1, name().length() + 2))
        .containsExactly("1", "2", "4", "6");
  }

  @ParameterizedTest
  @CsvSource({"500ms,PT0.5S", "30s,PT30S", "15m,PT15M", "2h,PT2H", "7d,PT168H", "PT15M,PT15M",
      "P1D,PT24H"})
  void durationsAreANumberAndAUnitOrIso8601(String text, String expected) {
    assertThat(ConfigValues.duration(text)).isEqualTo(Duration.parse(expected));
  }

  @Test
  void theNearestKeyIsFoundByEditDistanceOnlyWhenNear() {
    Set<String> keys = Set.of("interval", "sources", "store", "site", "output");
    assertThat(ConfigValues.nearest("intreval", keys)).isEqualTo("interval");
    assertThat(ConfigValues.nearest("Source", keys)).isEqualTo("sources");
    assertThat(ConfigValues.nearest("ouptut", keys)).isEqualTo("output");
    assertThat(ConfigValues.nearest("colour", keys)).isNull();
  }

  private Config read(String yaml) throws IOException {
    return ConfigReader.read(write(yaml));
  }

  private ConfigException readFails(String yaml) throws IOException {
    Path file = write(yaml);
    return (ConfigException)
        org.assertj.core.api.Assertions.catchThrowableOfType(
            ConfigException.class, () -> ConfigReader.read(file));
  }

  private void assertProblems(String yaml, String... problems) throws IOException {
    ConfigException e = readFails(yaml);
    assertThat(e).as("no ConfigException").isNotNull();
    assertThat(e.problems())
        .containsExactlyElementsOf(
            List.of(problems).stream()
                .map(p -> p.startsWith("republisher.yaml")
                    ? name() + p.substring("republisher.yaml".length())
                    : dir.resolve(p.substring(0, p.indexOf(':'))).toString()
                        + p.substring(p.indexOf(':')))
                .toList());
  }

  private String name() {
    return dir.resolve("republisher.yaml").toString();
  }

  private Path write(String yaml) throws IOException {
    Path file = dir.resolve("republisher.yaml");
    Files.writeString(file, yaml, UTF_8);
    return file;
  }
}
