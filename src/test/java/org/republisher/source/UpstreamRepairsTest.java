package org.republisher.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.republisher.source.FeedSourceTest.read;
import static org.republisher.source.FeedSourceTest.writeValid;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.republisher.LogCapture;
import org.republisher.model.Article;
import org.republisher.model.Author;
import org.republisher.model.FeedSpec;
import org.republisher.write.FeedFormat;
import org.republisher.write.FeedWriter;

/**
 * Upstream feeds that used to lose articles or text, or to fail with Rome's words (issue #10):
 * literal text, entries without a link, UTF-32, an RSS document without channel, log forging.
 */
class UpstreamRepairsTest {

  // literal text

  @Test
  void textEscapedOnceOrTwiceUpstreamStaysVisibleText() throws IOException {
    List<Article> articles = read("rss20-literal-text.xml");
    FeedWriter writer =
        FeedWriter.builder(FeedSpec.builder("Code", "https://revue.example/code.xml").build())
            .clock(FeedSourceTest.CLOCK)
            .build();
    ByteArrayOutputStream json = new ByteArrayOutputStream();
    writer.write(FeedFormat.JSON_FEED, articles, json);

    // <title>History of the &amp;lt;blink&amp;gt; tag</title>: the tag is the text
    assertThat(json.toString(StandardCharsets.UTF_8))
        .contains("\"title\":\"History of the <blink> tag\"")
        .contains("\"summary\":\"The <blink> element made text flash.\"")
        .contains("\"title\":\"C++ templates <T>\"")
        .contains("\"title\":\"a < b && c > d\"")
        // escaped twice upstream: decoded once, the escaped form is what the reader sees
        .contains("\"title\":\"&lt;b&gt;Gras&lt;/b&gt; : échappé deux fois\"")
        .contains("\"summary\":\"&lt;p&gt;Un résumé échappé deux fois&lt;/p&gt;\"")
        .contains("\"name\":\"Bjarne & co\"")
        .containsPattern("\"tags\":\\[\\s*\"C&&\"\\s*]")
        .contains("\"name\":\"Tech & Code\"");
    String rss = writeValid(articles); // and no undeclared markup in any format
    assertThat(rss)
        .contains("<title>History of the &#x26;lt;blink&#x26;gt; tag</title>")
        .contains("<title>C++ templates &#x3C;T&gt;</title>")
        .contains("<title>a &#x3C; b &#x26;&#x26; c &gt; d</title>");
  }

  @Test
  void atomTextConstructsArePlainTextAndTheirHtmlIsDecodedOnce() throws IOException {
    List<Article> articles = read("atom10-literal-text.xml");
    Article templates = articles.get(0);
    Article blink = articles.get(1);

    // type="text": C++ templates &lt;T&gt; and &lt;/b&gt; (the characters), handed on escaped
    assertThat(templates.title()).isEqualTo("C++ templates &lt;T&gt; and &lt;/b&gt;");
    assertThat(templates.categories()).containsExactly("&lt;T&gt;");
    assertThat(templates.authors()).containsExactly(Author.of("Ada &lt;3 Code"));
    // type="html": History of the &amp;lt;blink&amp;gt; tag, HTML for the text "…<blink>…"
    assertThat(blink.title()).isEqualTo("History of the &lt;blink&gt; tag");
    writeValid(articles);
  }

  @Test
  void aPagesTitleIsTheTextItShows() throws IOException {
    Article a =
        PageScraperTest.scrape(
                "<h1>C++ templates &lt;T&gt; &amp; &lt;/b&gt;</h1>"
                    + "<p>Publié dans Le360 le 21 - mars - 2026</p><p>Corps.</p>")
            .article();
    FeedWriter writer =
        FeedWriter.builder(FeedSpec.builder("Pages", "https://revue.example/p.xml").build())
            .clock(FeedSourceTest.CLOCK)
            .build();
    ByteArrayOutputStream json = new ByteArrayOutputStream();
    writer.write(FeedFormat.JSON_FEED, List.of(a), json);

    assertThat(json.toString(StandardCharsets.UTF_8))
        .contains("\"title\":\"C++ templates <T> & </b>\"");
  }

  // entries without a link: guid, Atom id, enclosure, else the home page

  @Test
  void aPermalinkGuidIsTheLink() {
    assertThat(read("linkless-permalink-guid.xml"))
        .extracting(Article::sourceLink)
        .containsExactly(
            URI.create("https://fr.le360.ma/politique/guid-lien-1"),
            URI.create("https://fr.le360.ma/politique/guid-lien-2"));
  }

  @Test
  void anHttpAtomIdIsTheLink() {
    assertThat(read("linkless-atom-id.xml"))
        .singleElement()
        .satisfies(
            a ->
                assertThat(a.sourceLink())
                    .isEqualTo(
                        URI.create("https://www.moroccoworldnews.com/2020/06/id-is-the-link")));
  }

  @Test
  void theEnclosureIsTheLinkWhenThereIsNothingElse() {
    assertThat(read("linkless-enclosure.xml"))
        .singleElement()
        .satisfies(
            a ->
                assertThat(a.sourceLink())
                    .isEqualTo(
                        URI.create("https://radio.2m.ma/podcasts/journal-18h-20200604.mp3")));
  }

  @Test
  void withNothingToLinkToThePublicationsHomePageStandsInAndTheEntryIsFlagged() {
    List<Article> articles;
    try (LogCapture log = new LogCapture()) {
      articles = read("linkless-nothing.xml");
      assertThat(log.warnings())
          .hasSize(2)
          .anySatisfy(
              line ->
                  assertThat(line)
                      .contains(
                          "linkless-nothing.xml: entry \"Une brève sans lien\" has no link:"
                              + " the publication's home page https://fr.hespress.com/ stands"
                              + " in"));
    }
    assertThat(articles)
        .extracting(Article::title, Article::sourceLink, Article::id)
        .containsExactly(
            tuple(
                "Une brève sans lien",
                URI.create("https://fr.hespress.com/"),
                "tag:fr.hespress.com,2020:breve-1"),
            tuple(
                "Une autre brève sans lien",
                URI.create("https://fr.hespress.com/"),
                "tag:fr.hespress.com,2020:breve-2"));
  }

  // encodings

  @Test
  void utf32WithAndWithoutByteOrderMarkIsRead() {
    for (String name : List.of("rss20-utf-32be-bom.xml", "rss20-utf-32le.xml")) {
      assertThat(read(name))
          .as(name)
          .singleElement()
          .satisfies(
              a -> {
                assertThat(a.title()).isEqualTo("المغرب يدعو إلى تعبئة أكبر للتحالف الدولي ضد داعش");
                assertThat(a.contentHtml()).isEqualTo("Café, 😀 et نص عربي.");
              });
    }
  }

  // errors in the user's words

  @Test
  void anRssDocumentWithoutChannelSaysSo() {
    assertThatThrownBy(() -> read("broken-no-channel.xml"))
        .isInstanceOf(SourceException.class)
        .hasMessageEndingWith(": RSS document has no <channel> element")
        .hasNoCause()
        .message()
        .doesNotContain("Exception", "eChannel", "java.");
  }

  // logs

  @Test
  void upstreamTextIsLoggedOnOneLineAndBounded(@TempDir Path dir) throws IOException {
    String title = "Ligne 1\nWARN forged: line\r\n" + "x".repeat(5000);
    Path feed = dir.resolve("forged.xml");
    Files.writeString(
        feed,
        "<rss version=\"2.0\"><channel><title>F</title><link>https://f.example/</link>"
            + "<description>d</description><item><title>"
            + title
            + "</title></item></channel></rss>");
    try (LogCapture log = new LogCapture()) {
      List<Article> articles =
          FeedSource.builder(feed.toUri()).id("forged").clock(FeedSourceTest.CLOCK).build().fetch();
      assertThat(articles).hasSize(1);
      assertThat(log.lines()).noneMatch(line -> line.startsWith("WARN forged"));
      // the title is also over the cap on upstream values: cut, and said so on its own line
      assertThat(log.warnings()).allSatisfy(line -> assertThat(line).hasSizeLessThan(600));
      assertThat(log.warnings())
          .filteredOn(line -> line.contains("entry \""))
          .singleElement()
          .satisfies(line -> assertThat(line).contains("entry \"Ligne 1 WARN forged: line x"));
    }
  }
}
