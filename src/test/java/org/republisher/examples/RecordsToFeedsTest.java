package org.republisher.examples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.republisher.model.Article;
import org.republisher.source.InvalidRecordException;
import org.republisher.source.JsonLinesRecords;
import org.republisher.testing.FeedRules;
import org.republisher.write.FeedFormat;

class RecordsToFeedsTest {
  private static final Path RECORDS = Path.of("examples/data/articles.jsonl");
  private static final String NOW = "2026-11-29T12:00:00Z";

  /** The feeds the default data gives: slug to publication name ({@code null} for all). */
  private static final Map<String, String> FEEDS = new LinkedHashMap<>();

  static {
    FEEDS.put("all", null);
    FEEDS.put("2m", "2M");
    FEEDS.put("le360", "Le360");
    FEEDS.put("medias24", "Médias24");
    FEEDS.put("hespress-fr", "Hespress FR");
    FEEDS.put("yabiladi", "Yabiladi");
    FEEDS.put("atalayar", "Atalayar");
    FEEDS.put("el-espanol", "El Español");
    FEEDS.put("le360-espanol", "Le360 Español");
    FEEDS.put("hespress", "هسبريس");
    FEEDS.put("almassae", "المساء");
    FEEDS.put("morocco-world-news", "Morocco World News");
    FEEDS.put("hespress-english", "Hespress English");
  }

  private static List<Article> articles;
  private static List<InvalidRecordException> problems;

  @BeforeAll
  static void readRecordsDirectly() throws IOException {
    problems = new ArrayList<>();
    try (Stream<Article> stream = JsonLinesRecords.read(RECORDS, problems::add)) {
      articles = stream.toList();
    }
  }

  @TempDir Path out;

  @Test
  void defaultDataHasOneBadLineAndEnoughOfEachLanguage() throws IOException {
    long lines = Files.readAllLines(RECORDS, UTF_8).stream().filter(l -> !l.isBlank()).count();

    assertThat(lines).isBetween(36L, 48L);
    assertThat(problems).singleElement().satisfies(p -> assertThat(p.field()).isEqualTo("link"));
    assertThat(articles).hasSize((int) lines - 1);
    for (String language : List.of("fr", "es", "ar", "en")) {
      assertThat(articles)
          .filteredOn(a -> language.equals(a.effectiveLanguage()))
          .hasSizeGreaterThanOrEqualTo(6);
    }
  }

  @Test
  void writesEveryFeedInEveryFormatWithTheSameItems() throws Exception {
    Run run = run(RECORDS.toString(), out.toString(), NOW);

    assertThat(run.status).isZero();
    List<String> expectedFiles = new ArrayList<>();
    for (String slug : FEEDS.keySet()) {
      for (FeedFormat format : FeedFormat.values()) {
        expectedFiles.add(slug + "." + format.fileName());
      }
    }
    try (Stream<Path> files = Files.list(out)) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .containsExactlyInAnyOrderElementsOf(expectedFiles);
    }

    for (Map.Entry<String, String> feed : FEEDS.entrySet()) {
      String slug = feed.getKey();
      long expected =
          feed.getValue() == null
              ? articles.size()
              : articles.stream()
                  .filter(a -> feed.getValue().equals(a.publication().name()))
                  .count();
      assertThat(expected).as(slug).isPositive();

      for (FeedFormat format : FeedFormat.values()) {
        Path file = out.resolve(slug + "." + format.fileName());
        byte[] bytes = Files.readAllBytes(file);
        assertThat(bytes).as(file.toString()).isNotEmpty();
        FeedRules.assertValid(format, bytes);
        assertThat(itemCount(format, file)).as(file.toString()).isEqualTo(expected);
        assertThat(run.out)
            .contains("wrote " + file + " (" + expected + " items)" + System.lineSeparator());
      }
    }
  }

  @Test
  void eachFileLinksToItselfAndTheFeedLanguageIsSetOnlyWhenSingle() throws Exception {
    run(RECORDS.toString(), out.toString(), NOW);

    SyndFeed all = rome(out.resolve("all.atom.xml"));
    assertThat(all.getLanguage()).isNull();
    assertThat(all.getLinks())
        .anySatisfy(
            l -> {
              assertThat(l.getRel()).isEqualTo("self");
              assertThat(l.getHref()).isEqualTo("https://revue.example/feeds/all.atom.xml");
            });
    assertThat(Files.readString(out.resolve("all.rss.xml")))
        .contains("https://revue.example/feeds/all.rss.xml");
    assertThat(Files.readString(out.resolve("all.feed.json")))
        .contains("\"feed_url\":\"https://revue.example/feeds/all.feed.json\"");
    assertThat(rome(out.resolve("hespress.rss.xml")).getLanguage()).isEqualTo("ar");
    assertThat(rome(out.resolve("hespress.rss.xml")).getTitle())
        .isEqualTo("Revue de presse — هسبريس");
  }

  @Test
  void reportsRejectedLinesOnStandardErrorAndSumsUp() {
    Run run = run(RECORDS.toString(), out.toString(), NOW);

    assertThat(run.err).contains(problems.get(0).getMessage());
    assertThat(run.err).containsPattern("articles\\.jsonl:\\d+: link has a scheme other than http");
    assertThat(run.out.lines().filter(l -> l.startsWith("wrote "))).hasSize(FEEDS.size() * 3);
    assertThat(run.out.lines().reduce((a, b) -> b).orElseThrow())
        .isEqualTo(
            FEEDS.size()
                + " feeds ("
                + FEEDS.size() * 3
                + " files) from "
                + articles.size()
                + " articles; rejected: 1 lines, 0 articles");
  }

  @Test
  void sameRecordsGiveSameBytes(@TempDir Path again) throws IOException {
    run(RECORDS.toString(), out.toString(), NOW);
    run(RECORDS.toString(), again.toString(), NOW);

    for (String slug : FEEDS.keySet()) {
      for (FeedFormat format : FeedFormat.values()) {
        String name = slug + "." + format.fileName();
        assertThat(Files.readAllBytes(again.resolve(name)))
            .as(name)
            .isEqualTo(Files.readAllBytes(out.resolve(name)));
      }
    }
  }

  @Test
  void clampsTheFutureDateToTheGivenInstant() throws Exception {
    run(RECORDS.toString(), out.toString(), NOW);

    SyndFeed twoM = rome(out.resolve("2m.atom.xml"));
    assertThat(twoM.getEntries())
        .anySatisfy(
            e -> assertThat(e.getPublishedDate().toInstant()).isEqualTo(Instant.parse(NOW)));
    assertThat(twoM.getEntries())
        .allSatisfy(
            e -> assertThat(e.getPublishedDate().toInstant()).isBeforeOrEqualTo(Instant.parse(NOW)));
  }

  @Test
  void withoutAnInstantTheClockIsTheSystemsNotAFrozenOne() throws Exception {
    Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Run run = run(RECORDS.toString(), out.toString());
    Instant after = Instant.now();

    assertThat(run.status).isZero();
    // the record dated 2030 is set to the run's own now, not to any fixed date
    SyndFeed twoM = rome(out.resolve("2m.atom.xml"));
    assertThat(twoM.getEntries())
        .filteredOn(e -> e.getPublishedDate().toInstant().isAfter(Instant.parse(NOW)))
        .singleElement()
        .satisfies(e -> assertThat(e.getPublishedDate().toInstant()).isBetween(before, after));
  }

  @ParameterizedTest
  @ValueSource(strings = {"one", "one two yesterday", "one two three four"})
  void badArgumentsPrintUsageAndExitTwo(String args) {
    Run run = run(args.split(" "));

    assertThat(run.status).isEqualTo(2);
    assertThat(run.err).isEqualTo(RecordsToFeeds.USAGE + System.lineSeparator());
    assertThat(run.out).isEmpty();
  }

  @Test
  void missingRecordsFileExitsOne() {
    Run run = run(out.resolve("none.jsonl").toString(), out.toString(), NOW);

    assertThat(run.status).isEqualTo(1);
    assertThat(run.err).contains("none.jsonl");
  }

  @Test
  void slugsAreLowercaseAsciiOrTakenFromTheHost() {
    assertThat(RecordsToFeeds.slug("Médias24", null)).isEqualTo("medias24");
    assertThat(RecordsToFeeds.slug("Le360 Español", null)).isEqualTo("le360-espanol");
    assertThat(RecordsToFeeds.slug("المساء", URI.create("https://almassae.press.ma/")))
        .isEqualTo("almassae");
    assertThat(RecordsToFeeds.slug("المساء", null)).matches("p-[0-9a-f]{8}");
  }

  private static long itemCount(FeedFormat format, Path file) throws Exception {
    if (format != FeedFormat.JSON_FEED) {
      return rome(file).getEntries().size();
    }
    try (JsonParser p = new JsonFactory().createParser(file.toFile())) {
      assertThat(p.nextToken()).isEqualTo(JsonToken.START_OBJECT);
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        p.nextToken();
        if (name.equals("items")) {
          long items = 0;
          while (p.nextToken() == JsonToken.START_OBJECT) {
            items++;
            p.skipChildren();
          }
          return items;
        }
        p.skipChildren();
      }
      return -1;
    }
  }

  private static SyndFeed rome(Path file) throws Exception {
    SyndFeedInput input = new SyndFeedInput();
    input.setAllowDoctypes(false);
    try (XmlReader reader = new XmlReader(file.toFile())) {
      return input.build(reader);
    }
  }

  private static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        RecordsToFeeds.run(
            args, new PrintStream(out, true, UTF_8), new PrintStream(err, true, UTF_8));
    return new Run(status, out.toString(UTF_8), err.toString(UTF_8));
  }

  private record Run(int status, String out, String err) {}
}
