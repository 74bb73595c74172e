package org.republisher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.republisher.model.Article;
import org.republisher.model.Attribution;
import org.republisher.model.Author;
import org.republisher.model.Enclosure;
import org.republisher.model.FeedSpec;
import org.republisher.model.Publication;
import org.republisher.normalize.ContentPolicy;
import org.republisher.source.FeedSource;
import org.republisher.source.InvalidRecordException;
import org.republisher.source.JsonLinesRecords;
import org.republisher.source.RecordsSourceProvider;
import org.republisher.source.SourceConfig;
import org.republisher.write.FeedFormat;
import org.republisher.write.FeedOutput;
import org.republisher.write.FeedWriter;

/**
 * The error catalogue: every way the API says no, each with the message it gives. A message names
 * what was wrong (the source, the record, the field) and says it as a reader of the feed would: no
 * exception class name, no Java package, no JDK "Cannot invoke … because "x" is null", and a field
 * name that is one of the API's or the records format's, never an internal variable (issue #10).
 */
class ErrorCatalogueTest {
  /** One way to fail: what is done, and the exact message (or its start, ending in "…"). */
  record Entry(String what, ThrowingCallable call, String message) {
    @Override
    public String toString() {
      return what;
    }
  }

  /** A class name (SAXParseException, NullPointerException…) or a qualified Java name. */
  private static final Pattern LEAK =
      Pattern.compile(
          "\\b[A-Z][A-Za-z0-9]*(?:Exception|Error)\\b"
              + "|\\b(?:java|javax|jdk|sun|com\\.rometools|com\\.fasterxml|org\\.jdom2|org\\.jsoup"
              + "|org\\.xml|org\\.republisher)\\.[a-z]"
              + "|Cannot invoke|because \"|\\bis null\\b");

  /** The names a field may have in a message: the records format's and the API's. */
  private static final Pattern FIELD =
      Pattern.compile(
          "(?:id|title|link|sourceLink|baseUri|published|updated|language|summary|contentHtml"
              + "|attribution|record|line|text|zone|date|spec|clock|policy|template|format|out"
              + "|outputs|outputs element|articles|articles element|name|url|uri|config|problems"
              + "|sourceName|maxItems|maxTitleLength|maxSummaryLength|maxContentLength"
              + "|publication(?:\\.(?:name|url|feedUrl|language|zone))?"
              + "|author(?:\\.(?:name|email|url))?|authors(?:\\[\\d+])?(?:\\.\\w+)?"
              + "|categor(?:y|ies)(?: element)?|image(?:\\.(?:url|type|length))?"
              + "|feed\\.(?:title|description|selfUrl|link|icon|language|limit)"
              + "|source\\.(?:id|uri|type|options\\.\\w+)|sources)");

  private static final Instant WHEN = Instant.parse("2026-03-21T10:00:00Z");

  static Article article() {
    return Article.builder().title("Titre").sourceLink("https://www.2m.ma/fr/1").published(WHEN).build();
  }

  static FeedWriter writer() {
    return FeedWriter.builder(FeedSpec.builder("Revue", "https://revue.example/f.xml").build()).build();
  }

  static Stream<Entry> catalogue() {
    OutputStream out = new ByteArrayOutputStream();
    List<Entry> all = new ArrayList<>();
    // the model
    all.add(new Entry("a builder without title", () -> Article.builder().sourceLink("https://x.ma/").build(), "article \"(untitled)\": title is missing"));
    all.add(new Entry("a null title", () -> Article.builder().title(null), "title must not be null"));
    all.add(new Entry("a null link", () -> Article.builder().link(null), "link must not be null"));
    all.add(new Entry("a blank title", () -> Article.builder().id("a-1").title("  ").sourceLink("https://x.ma/").build(), "article \"a-1\": title is blank: \"  \""));
    all.add(new Entry("a javascript: link", () -> Article.builder().link("javascript:alert(1)"), "link has a scheme other than http or https: \"javascript:alert(1)\""));
    all.add(new Entry("a link without host", () -> Article.builder().sourceLink("https:///x"), "sourceLink has no host: \"https:///x\""));
    all.add(new Entry("a bad language", () -> Article.builder().title("t").sourceLink("https://x.ma/").language("pas une langue!").build(), "article \"t\": language is not a BCP 47 language tag: \"pas une langue!\""));
    all.add(new Entry("a null category", () -> Article.builder().categories("a", null), "category must not be null"));
    all.add(new Entry("a null day", () -> Article.builder().published((LocalDate) null), "date must not be null"));
    all.add(new Entry("a blank author", () -> Author.of(" "), "author.name is blank: \" \""));
    all.add(new Entry("a null author", () -> Author.of(null), "name must not be null"));
    all.add(new Entry("a bad email", () -> new Author("MAP", "pas-une-adresse", null), "author.email is not an email address: \"pas-une-adresse\""));
    all.add(new Entry("a bad media type", () -> new Enclosure(URI.create("https://x.ma/i.jpg"), "jpeg", 1), "image.type is not a media type: \"jpeg\""));
    all.add(new Entry("a negative length", () -> new Enclosure(URI.create("https://x.ma/i.jpg"), null, -5), "image.length is negative: \"-5\""));
    all.add(new Entry("a blank publication", () -> Publication.of(" "), "publication.name is blank: \" \""));
    all.add(new Entry("a null publication name", () -> Publication.builder(null), "name must not be null"));
    all.add(new Entry("a relative home page", () -> Publication.builder("2M").url("/fr"), "publication.url is not an absolute http(s) URL: \"/fr\""));
    all.add(new Entry("a bad publication language", () -> Publication.builder("2M").language("!!").build(), "publication.language is not a BCP 47 language tag: \"!!\""));
    all.add(new Entry("a null feed title", () -> FeedSpec.builder(null, "https://r.example/f.xml"), "title must not be null"));
    all.add(new Entry("a null self URL", () -> FeedSpec.builder("Revue", null), "feed.selfUrl must not be null"));
    all.add(new Entry("an ftp self URL", () -> FeedSpec.builder("Revue", "ftp://r.example/f.xml"), "feed.selfUrl has a scheme other than http or https: \"ftp://r.example/f.xml\""));
    all.add(new Entry("a blank feed title", () -> FeedSpec.builder(" \n", "https://r.example/f.xml").build(), "feed.title is blank: \"\""));
    all.add(new Entry("a limit of 0", () -> FeedSpec.builder("Revue", "https://r.example/f.xml").limit(0).build(), "feed.limit is below 1: \"0\""));
    all.add(new Entry("no attribution line", () -> Attribution.of("Publié par 2M"), "attribution is not an attribution line: \"Publié par 2M\""));
    all.add(new Entry("an impossible date", () -> Attribution.of("Publié dans 2M le 31 - 02 - 2020"), "attribution has a date that does not exist (31 - 02 - 2020): \"Publié dans 2M le 31 - 02 - 2020\""));
    all.add(new Entry("parse null", () -> Attribution.parse(null), "text must not be null"));
    all.add(new Entry("an attribution without publication", () -> new Attribution(null, LocalDate.of(2020, 6, 4), null), "publication must not be null"));
    // the policies
    all.add(new Entry("a short title limit", () -> new ContentPolicy(5, 400, 4096), "maxTitleLength is below 10: \"5\""));
    all.add(new Entry("a short content limit", () -> new ContentPolicy(300, 400, 100), "maxContentLength is below 1024: \"100\""));
    // the writer
    all.add(new Entry("a writer without spec", () -> FeedWriter.builder(null), "spec must not be null"));
    all.add(new Entry("a null clock", () -> FeedWriter.builder(writer().spec()).clock(null), "clock must not be null"));
    all.add(new Entry("a null format", () -> writer().write((FeedFormat) null, List.of(article()), out), "format must not be null"));
    all.add(new Entry("null articles", () -> writer().write(FeedFormat.RSS, (Collection<Article>) null, out), "articles must not be null"));
    all.add(new Entry("a null article", () -> writer().write(FeedFormat.RSS, Arrays.asList(article(), null), out), "articles element must not be null"));
    all.add(new Entry("a null article streamed", () -> writer().write(FeedFormat.ATOM, Arrays.asList((Article) null).iterator(), out), "articles element must not be null"));
    all.add(new Entry("a null stream", () -> writer().write(FeedFormat.RSS, List.of(article()), null), "out must not be null"));
    all.add(new Entry("no outputs", () -> writer().write(List.of(), List.of(article())), "outputs are empty"));
    all.add(new Entry("a format twice", () -> writer().write(List.of(FeedOutput.of(FeedFormat.RSS, out), FeedOutput.of(FeedFormat.RSS, out)), List.of(article())), "outputs name a format twice: \"RSS\""));
    // sources
    all.add(new Entry("an ftp feed", () -> FeedSource.builder(URI.create("ftp://x.ma/feed")).build(), "source.uri is not an http:, https: or file: URI: \"ftp://x.ma/feed\""));
    all.add(new Entry("no items", () -> FeedSource.builder(URI.create("https://x.ma/feed")).maxItems(0), "maxItems is below 1: \"0\""));
    all.add(new Entry("a blank source id", () -> new SourceConfig(" ", URI.create("https://x.ma/"), null, null, Map.of()), "source.id is blank: \" \""));
    all.add(new Entry("a null source URI", () -> new SourceConfig("a", null, null, null, Map.of()), "uri must not be null"));
    all.add(new Entry("records over http", () -> new RecordsSourceProvider().create(new SourceConfig("r", URI.create("https://x.ma/a.jsonl"), "records", null, Map.of())), "source.uri is not a file: URI: \"https://x.ma/a.jsonl\""));
    all.add(new Entry("no sources", () -> Republisher.builder().build(), "sources are empty"));
    all.add(new Entry("an unknown key", () -> Republisher.builder().source(new SourceConfig("s", URI.create("gopher://x.ma/"), null, null, Map.of())).build(), "source s (gopher://x.ma/): no source provider for key \"gopher\"; known keys: …"));
    for (String[] broken :
        List.of(
            new String[] {"broken-no-channel.xml", "RSS document has no <channel> element"},
            new String[] {"broken-not-a-feed.xhtml", "not an RSS or Atom feed (the root element is <html>)"},
            new String[] {"broken-html-page.html", "not a feed: an HTML page"},
            new String[] {"broken-truncated.xml", "not well-formed XML: …"},
            new String[] {"broken-undeclared-entity.xml", "not well-formed XML: …"},
            new String[] {"hostile-xxe.xml", "has a DOCTYPE, refused: entity declarations and DTDs are never read"})) {
      URI uri = fixture("feeds/" + broken[0]);
      all.add(new Entry("the feed " + broken[0], () -> FeedSource.builder(uri).id("up").build().fetch(), "source up (" + uri + "): " + broken[1]));
    }
    URI missing = URI.create("file:///nowhere/republisher/missing.xml");
    all.add(new Entry("a missing file", () -> FeedSource.builder(missing).id("up").build().fetch(), "source up (" + missing + "): no such file"));
    return all.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("catalogue")
  void eachErrorSaysWhatWasWrongInTheUsersWords(Entry entry) {
    Throwable thrown = catchThrowable(entry.call());

    assertThat(thrown).as(entry.what()).isInstanceOf(RepublisherException.class);
    assertMessage(thrown);
    if (entry.message().endsWith("…")) {
      assertThat(thrown.getMessage()).startsWith(entry.message().substring(0, entry.message().length() - 1));
    } else {
      assertThat(thrown).hasMessage(entry.message());
    }
  }

  /** The record errors go to the problem consumer, not thrown: the same rules hold for them. */
  @Test
  void recordErrorsSayWhatWasWrongInTheUsersWords(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("a.jsonl");
    byte[] latin = "{\"title\": \"Fès\", \"link\": \"https://r.example/2\"}\n".getBytes(StandardCharsets.ISO_8859_1);
    String text =
        "{\"title\": \"un\", \"link\": \"https://r.example/1\"\n"
            + "[1]\n"
            + "{\"title\": \"x\"} {}\n"
            + "{\"title\": \" \"}\n"
            + "{\"title\": \"x\", \"title\": \"y\", \"link\": \"https://r.example/3\"}\n";
    Files.write(file, concat(text.getBytes(StandardCharsets.UTF_8), latin));
    List<InvalidRecordException> problems = new ArrayList<>();
    try (Stream<Article> articles = JsonLinesRecords.read(file, problems::add)) {
      assertThat(articles).isEmpty();
    }
    try (Stream<Article> articles =
        JsonLinesRecords.read(new StringReader("\"not an object\"\n"), "b.jsonl", problems::add)) {
      assertThat(articles).isEmpty();
    }

    assertThat(problems)
        .extracting(Throwable::getMessage)
        .satisfiesExactly(
            m -> assertThat(m).startsWith("a.jsonl:1: record is not valid JSON: "),
            m -> assertThat(m).isEqualTo("a.jsonl:2: record is not a JSON object"),
            m -> assertThat(m).isEqualTo("a.jsonl:3: record is followed by more JSON on its line"),
            m -> assertThat(m).isEqualTo("a.jsonl:4: link is missing, and so are sourceLink, a publication URL and any text"),
            m -> assertThat(m).startsWith("a.jsonl:5: record is not valid JSON: Duplicate field 'title'"),
            m -> assertThat(m).startsWith("a.jsonl:6: record is not UTF-8: byte 0xE8 at byte offset "),
            m -> assertThat(m).isEqualTo("b.jsonl:1: record is not a JSON object"));
    problems.forEach(ErrorCatalogueTest::assertMessage);
  }

  private static void assertMessage(Throwable thrown) {
    String message = thrown.getMessage();
    assertThat(message).as("message of %s", thrown).isNotBlank().doesNotContainPattern(LEAK);
    assertThat(message.lines()).as("one line").hasSize(1);
    if (thrown instanceof InvalidValueException invalid) {
      assertThat(invalid.field()).as("field of \"%s\"", message).matches(FIELD);
    }
  }

  @Test
  void theLeakPatternCatchesWhatTheIssueFound() {
    assertThat("not a readable feed: java.lang.NullPointerException: Cannot invoke \"org.jdom2.Element.getChildren()\" because \"eChannel\" is null")
        .containsPattern(LEAK);
    assertThat("Cannot invoke \"String.length()\" because \"text\" is null").containsPattern(LEAK);
    assertThat("unreadable: SAXParseException: bad").containsPattern(LEAK);
    assertThat("not well-formed XML: Error on line 3: XML document structures must start and end")
        .doesNotContainPattern(LEAK);
    assertThat("eChannel").doesNotMatch(FIELD);
    assertThat("authors[2].email").matches(FIELD);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] both = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }

  private static URI fixture(String name) {
    try {
      return ErrorCatalogueTest.class.getResource("/" + name).toURI();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
