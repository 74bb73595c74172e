package org.republisher.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.republisher.model.Article;
import org.republisher.source.FeedSourceHttpTest.Loopback;

/**
 * How the bytes of a feed served over HTTP become characters (RFC 7303): a byte order mark first,
 * then the {@code charset} of the response, then what the bytes say, UTF-32 included. Over a real
 * server on loopback.
 */
class FeedEncodingHttpTest {
  private static final String TITLE = "المغرب يدعو إلى تعبئة أكبر للتحالف الدولي ضد داعش";

  private final Loopback server = Loopback.start();

  @AfterEach
  void stop() {
    server.close();
  }

  /** A one-item feed whose XML declaration names {@code declared}, encoded in {@code charset}. */
  private static byte[] feed(String declared, Charset charset, boolean byteOrderMark) {
    String xml =
        "<?xml version=\"1.0\" encoding=\""
            + declared
            + "\"?>\n<rss version=\"2.0\"><channel><title>Hespress</title>"
            + "<link>https://www.hespress.com/</link><description>d</description><item><title>"
            + TITLE
            + "</title><link>https://www.hespress.com/1.html</link>"
            + "<pubDate>Thu, 04 Jun 2020 18:00:00 +0100</pubDate></item></channel></rss>";
    return ((byteOrderMark ? "\uFEFF" : "") + xml).getBytes(charset);
  }

  private List<Article> fetch(byte[] body, @Nullable String contentType) {
    server.handle(
        "/feed.xml",
        ex -> {
          if (contentType != null) {
            ex.getResponseHeaders().set("Content-Type", contentType);
          }
          Loopback.send(ex, 200, body);
        });
    return FeedSource.builder(server.uri("/feed.xml"))
        .id("upstream")
        .clock(FeedSourceTest.CLOCK)
        .build()
        .fetch();
  }

  @ParameterizedTest(name = "{0} bom={2} as {3}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        // UTF-32, with and without byte order mark, with and without a charset
        "UTF-32BE | UTF-32   | true  | -",
        "UTF-32LE | UTF-32   | true  | -",
        "UTF-32BE | UTF-32BE | false | -",
        "UTF-32LE | UTF-32LE | false | -",
        "UTF-32LE | UTF-32   | false | application/rss+xml; charset=utf-32le",
        "UTF-32BE | UTF-32   | true  | application/rss+xml; charset=utf-32",
        // the byte order mark wins over the header
        "UTF-32LE | UTF-32   | true  | text/xml; charset=UTF-8",
        "UTF-16LE | UTF-16   | true  | text/xml; charset=ISO-8859-1",
        // a server's single-byte default cannot read a body that starts as UTF-32 or UTF-16
        "UTF-32LE | UTF-32LE | false | text/xml; charset=ISO-8859-1",
        "UTF-16BE | UTF-16BE | false | text/xml; charset=windows-1252",
        // the header wins over the XML declaration
        "windows-1256 | ISO-8859-1 | false | application/rss+xml; charset=windows-1256",
        "UTF-8    | windows-1256 | false | application/rss+xml; charset=UTF-8",
        // else the declaration
        "windows-1256 | windows-1256 | false | application/rss+xml",
      })
  void theBytesAreReadAsRfc7303Says(
      String encoding, String declared, boolean byteOrderMark, @Nullable String contentType)
      throws IOException {
    List<Article> articles =
        fetch(feed(declared, Charset.forName(encoding), byteOrderMark), contentType);

    assertThat(articles).singleElement().satisfies(a -> assertThat(a.title()).isEqualTo(TITLE));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"rss20-utf-32be-bom.xml", "rss20-utf-32le.xml"})
  void theUtf32FixturesReadOverHttpWithoutCharset(String name) throws IOException {
    byte[] body = FeedSourceHttpTest.fixture(name);
    assertThat(new String(body, 0, 8, StandardCharsets.ISO_8859_1)).contains("\0");

    assertThat(fetch(body, "application/xml"))
        .singleElement()
        .satisfies(a -> assertThat(a.contentHtml()).isEqualTo("Café, 😀 et نص عربي."));
  }
}
