package org.republisher.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.republisher.model.Article;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The allocation bound of a fetch, as {@link FeedSource} documents it: all that a fetch allocates,
 * garbage included, is at most {@value #PER_BYTE} times the body's size plus {@value
 * #PER_ENTRY_KIB} KiB per entry read. The bound is measured by the JVM ({@code
 * getThreadAllocatedBytes}: the fetch runs on this thread, HTTP included) on documents of about 8
 * MiB that each stress one part: a million empty items, many small dated items, a thousand large
 * dated items, one entry of 7 MB; served chunked (the body's buffer then grows as it is read) or
 * with a {@code Content-Length}.
 */
@Timeout(120)
class FeedMemoryTest {
  static final int PER_BYTE = 16;
  static final int PER_ENTRY_KIB = 160;

  private static final Logger LOG = LoggerFactory.getLogger(FeedMemoryTest.class);
  private static final String HEAD =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>t</title>"
          + "<link>http://x.example/</link>\n";
  private static final String TAIL = "</channel></rss>\n";
  private static final String DATE = "<pubDate>Thu, 04 Jun 2020 18:00:00 GMT</pubDate>";

  private static FeedSourceHttpTest.Loopback server;

  @BeforeAll
  static void start() {
    server = FeedSourceHttpTest.Loopback.start();
    byte[] small = HugeFeeds.small();
    server.handle("/warm.xml", ex -> FeedSourceHttpTest.Loopback.send(ex, 200, small));
    FeedSource.builder(server.uri("/warm.xml")).build().fetch(); // classes loaded, caches filled
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static long allocated() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
        .getThreadAllocatedBytes(Thread.currentThread().getId());
  }

  private static String document(String shape) {
    StringBuilder doc = new StringBuilder(8_500_000).append(HEAD);
    IntFunction<String> item =
        switch (shape) {
          case "million-empty-items" -> i -> "<item/>\n";
          case "small-dated-items" ->
              i ->
                  "<item><title>t"
                      + i
                      + "</title><link>http://e.x/"
                      + i
                      + "</link>"
                      + DATE
                      + "</item>\n";
          case "large-dated-items" -> {
            String text = "<p>" + "Le ministre des Affaires étrangères a plaidé. ".repeat(170);
            yield i ->
                "<item><title>t"
                    + i
                    + "</title><link>http://e.x/"
                    + i
                    + "</link>"
                    + DATE
                    + "<description><![CDATA["
                    + text
                    + "]]></description></item>\n";
          }
          case "one-huge-entry" ->
              i ->
                  i > 0
                      ? ""
                      : "<item><title>t</title><link>http://e.x/1</link><description>"
                          + "<![CDATA[<p>"
                          + "Le ministre a plaidé pour la coalition. ".repeat(180_000)
                          + "]]></description></item>\n";
          default -> throw new IllegalArgumentException(shape);
        };
    for (int i = 0; doc.length() < 7_500_000 && i < 1_000_000; i++) {
      String next = item.apply(i);
      if (next.isEmpty()) {
        break;
      }
      doc.append(next);
    }
    return doc.append(TAIL).toString();
  }

  @ParameterizedTest(name = "{0}, chunked: {1}")
  @CsvSource({
    "million-empty-items, true",
    "small-dated-items, false",
    "large-dated-items, true",
    "one-huge-entry, true",
  })
  void aFetchAllocatesWithinItsBound(String shape, boolean chunked) {
    String document = document(shape);
    int entries = document.split("<item", -1).length - 1;
    byte[] body = document.getBytes(StandardCharsets.UTF_8);
    assertThat(body.length).isBetween(7_000_000, FeedSource.DEFAULT_MAX_BYTES);
    assertThat(entries).isPositive();
    String path = "/" + shape + (chunked ? "-chunked" : "") + ".xml";
    server.handle(
        path,
        ex -> {
          ex.sendResponseHeaders(200, chunked ? 0 : body.length);
          ex.getResponseBody().write(body);
        });
    URI uri = server.uri(path);
    FeedSource source = FeedSource.builder(uri).build();

    long before = allocated();
    List<Article> articles = source.fetch();
    long spent = allocated() - before;

    int read = Math.min(entries, FeedSource.DEFAULT_MAX_ITEMS);
    long bound = (long) PER_BYTE * body.length + PER_ENTRY_KIB * 1024L * read;
    LOG.info(
        "{}{}: {} bytes, {} entries read, {} articles; allocated {} = {} x the body, bound {}",
        shape,
        chunked ? " (chunked)" : "",
        body.length,
        read,
        articles.size(),
        spent,
        String.format("%.1f", spent / (double) body.length),
        bound);
    assertThat(articles).hasSizeLessThanOrEqualTo(read);
    assertThat(spent).isLessThanOrEqualTo(bound);
  }
}
