package org.republisher.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.republisher.model.Article;
import org.republisher.model.Author;
import org.republisher.model.FeedSpec;
import org.republisher.write.FeedFormat;
import org.republisher.write.FeedWriter;

/**
 * Caps on what comes from upstream, over HTTP from a server on loopback: a URL longer than 8 KiB is
 * dropped and its entry kept when it can be; titles, names and categories are cut at 1024
 * characters; entries past {@code maxItems} are counted, never built.
 */
@Timeout(60)
class FeedSourceLimitsTest {
  private static final String SEVEN_MB = "http://e.example/" + "a".repeat(7 * 1024 * 1024);

  private final FeedSourceHttpTest.Loopback server = FeedSourceHttpTest.Loopback.start();

  @AfterEach
  void stop() {
    server.close();
  }

  private List<Article> fetch(String xml) {
    byte[] body = xml.getBytes(StandardCharsets.UTF_8);
    server.handle("/feed.xml", ex -> FeedSourceHttpTest.Loopback.send(ex, 200, body));
    return FeedSource.builder(server.uri("/feed.xml"))
        .id("upstream")
        .clock(FeedSourceTest.CLOCK)
        .build()
        .fetch();
  }

  @Test
  void aSevenMegabyteLinkIsDroppedAndItsEntryKeptAndEveryFeedStaysSmall() throws IOException {
    List<Article> articles =
        fetch(
            "<rss version=\"2.0\"><channel><title>Revue</title><link>http://e.example/</link>"
                + "<item><title>avant</title><link>http://e.example/1</link></item>"
                + "<item><title>le lien énorme</title><link>"
                + SEVEN_MB
                + "</link>"
                + "<guid>http://e.example/2</guid>"
                + "<enclosure url=\"http://e.example/"
                + "i".repeat(9000)
                + ".jpg\" type=\"image/jpeg\"/>"
                + "</item>"
                + "<item><title>après</title><link>http://e.example/3</link></item>"
                + "</channel></rss>");
    assertThat(articles)
        .extracting(a -> a.sourceLink().toString())
        .containsExactly("http://e.example/1", "http://e.example/2", "http://e.example/3");
    assertThat(articles.get(1).image()).isNull();
    FeedSpec spec = FeedSpec.builder("Revue", "https://revue.example/feeds/all.xml").build();
    FeedWriter writer = FeedWriter.builder(spec).clock(FeedSourceTest.CLOCK).build();
    for (FeedFormat format : FeedFormat.values()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      assertThat(writer.write(format, articles, out).written()).isEqualTo(3);
      assertThat(out.size()).as(format.name()).isLessThan(16 * 1024);
    }
  }

  @Test
  void anAtomHrefOverTheCapIsDroppedAndTheIdServesAsLink() {
    List<Article> articles =
        fetch(
            "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Revue</title>"
                + "<id>urn:uuid:60a76c80-d399-11d9-b93c-0003939e0af6</id>"
                + "<updated>2020-06-04T18:00:00Z</updated>"
                + "<entry><title>énorme</title><id>http://e.example/atom/1</id>"
                + "<link href=\""
                + SEVEN_MB
                + "\"/>"
                + "<updated>2020-06-04T18:00:00Z</updated></entry></feed>");
    assertThat(articles)
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.sourceLink()).hasToString("http://e.example/atom/1");
              assertThat(a.id()).isEqualTo("http://e.example/atom/1");
            });
  }

  @Test
  void titlesNamesAndCategoriesAreCutAtTheCapWithAnEllipsis() {
    String title = "Le Maroc plaide pour une mobilisation accrue ".repeat(100);
    String name = "Jane ".repeat(1000);
    String category = "Politique".repeat(500);
    List<Article> articles =
        fetch(
            "<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel>"
                + "<title>"
                + "Revue ".repeat(400)
                + "</title><link>http://e.example/</link>"
                + "<item><title>"
                + title
                + "</title><link>http://e.example/1</link>"
                + "<dc:creator>"
                + name
                + "</dc:creator>"
                + "<category>"
                + category
                + "</category></item>"
                + "<item><title>court</title><link>http://e.example/2</link></item>"
                + "</channel></rss>");
    assertThat(articles).hasSize(2);
    Article a = articles.get(0);
    assertThat(a.title()).hasSizeLessThanOrEqualTo(1024).endsWith("…").startsWith("Le Maroc");
    assertThat(a.authors())
        .extracting(Author::name)
        .singleElement()
        .satisfies(n -> assertThat(n).hasSizeLessThanOrEqualTo(1024).endsWith("…"));
    assertThat(a.categories())
        .singleElement()
        .satisfies(c -> assertThat(c).hasSizeLessThanOrEqualTo(1024).endsWith("…"));
    assertThat(a.publication().name()).hasSizeLessThanOrEqualTo(1024);
    assertThat(articles.get(1).title()).isEqualTo("court");
  }

  @Test
  void entriesPastMaxItemsAreCountedNotBuilt() {
    StringBuilder xml =
        new StringBuilder(
            "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Revue</title><id>urn:x:1</id>"
                + "<updated>2020-06-04T18:00:00Z</updated>");
    for (int i = 1; i <= 50; i++) {
      xml.append("<entry xmlns:x=\"urn:x\"><title>n° ")
          .append(i)
          .append("</title><id>http://e.example/")
          .append(i)
          .append("</id><updated>2020-06-04T18:00:00Z</updated><!-- a comment -->")
          .append("<x:extra><![CDATA[cdata]]></x:extra></entry>\n");
    }
    byte[] body =
        xml.append("<link rel=\"self\" href=\"http://e.example/feed\"/></feed>")
            .toString()
            .getBytes(StandardCharsets.UTF_8);
    server.handle("/atom.xml", ex -> FeedSourceHttpTest.Loopback.send(ex, 200, body));
    List<Article> articles =
        FeedSource.builder(server.uri("/atom.xml")).maxItems(3).build().fetch();
    assertThat(articles).extracting(Article::title).containsExactly("n° 1", "n° 2", "n° 3");
    // what follows the skipped entries is read: the self link after them names the feed
    assertThat(articles.get(0).publication().feedUrl()).hasToString("http://e.example/feed");
  }
}
