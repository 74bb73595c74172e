package org.republisher.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile upstream feeds: external entities, entity bombs, DTDs, deep nesting, huge bodies. Each
 * must fail as a {@link SourceException} in bounded time, reading no file and fetching nothing.
 */
@Timeout(10)
class FeedHostileTest {

  /** Hostile fixtures, with a part of the failure's message. */
  static final Map<String, String> HOSTILE =
      Map.of(
          "hostile-xxe.xml", "has a DOCTYPE, refused",
          "hostile-xxe-entity.xml", "has a DOCTYPE, refused",
          "hostile-parameter-entity.xml", "has a DOCTYPE, refused",
          "hostile-billion-laughs.xml", "has a DOCTYPE, refused");

  private final FeedSourceHttpTest.Loopback server = FeedSourceHttpTest.Loopback.start();

  @AfterEach
  void stop() {
    server.close();
  }

  static Stream<Arguments> hostile() {
    return HOSTILE.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostile")
  @Timeout(5)
  void eachHostileFixtureIsRefusedQuickly(String name, String message) {
    long start = System.nanoTime();
    assertThatThrownBy(FeedSourceTest.source(name)::fetch)
        .isInstanceOf(SourceException.class)
        .hasMessageContaining(message)
        .hasMessageNotContaining("root:")
        .hasMessageNotContaining("lollollol");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
  }

  /** Every way a DTD or an entity could make the parser fetch a URL, aimed at the test server. */
  static Stream<String> fetchingDoctypes() {
    return Stream.of(
        "<!DOCTYPE rss SYSTEM \"%s\">",
        "<!DOCTYPE rss PUBLIC \"-//Netscape Communications//DTD RSS 0.91//EN\" \"%s\" [<!ENTITY x"
            + " \"y\">]>",
        "<!DOCTYPE rss [<!ENTITY xxe SYSTEM \"%s\">]>",
        "<!DOCTYPE rss [<!ENTITY % remote SYSTEM \"%s\"> %%remote;]>");
  }

  @ParameterizedTest
  @MethodSource("fetchingDoctypes")
  void noDtdOrEntityIsEverFetched(String doctype, @TempDir Path dir) throws IOException {
    server.handle("/evil.dtd", ex -> FeedSourceHttpTest.Loopback.send(ex, 200, "".getBytes()));
    String feed =
        "<?xml version=\"1.0\"?>\n"
            + doctype.replace("%s", server.uri("/evil.dtd").toString()).replace("%%", "%")
            + "\n<rss version=\"2.0\"><channel><title>t</title><link>https://a.example/</link>"
            + "<description>d</description></channel></rss>";
    Path file = dir.resolve("evil.xml");
    Files.writeString(file, feed);
    assertThatThrownBy(FeedSource.builder(file.toUri()).build()::fetch)
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("DOCTYPE");
    assertThat(server.requests).isEmpty();
  }

  @Test
  void theNetscapeDoctypeIsBlankedOutAndItsDtdNeverFetched(@TempDir Path dir) throws IOException {
    server.handle("/rss-0.91.dtd", ex -> FeedSourceHttpTest.Loopback.send(ex, 200, "".getBytes()));
    String feed =
        "<?xml version=\"1.0\"?>\n<!DOCTYPE rss PUBLIC"
            + " \"-//Netscape Communications//DTD RSS 0.91//EN\" \""
            + server.uri("/rss-0.91.dtd")
            + "\">\n<rss version=\"0.91\"><channel><title>MAP</title>"
            + "<link>https://www.mapexpress.ma/</link><description>d</description>"
            + "<item><title>D&eacute;p&ecirc;che</title><link>https://www.mapexpress.ma/1</link>"
            + "</item></channel></rss>";
    Path file = dir.resolve("netscape.xml");
    Files.writeString(file, feed);
    assertThat(FeedSource.builder(file.toUri()).build().fetch())
        .singleElement()
        .satisfies(a -> assertThat(a.title()).isEqualTo("Dépêche"));
    assertThat(server.requests).isEmpty();
  }

  @Test
  void aDoctypeBeyondTheScannedPrologIsRefusedByTheParserItself(@TempDir Path dir)
      throws IOException {
    server.handle("/evil.dtd", ex -> FeedSourceHttpTest.Loopback.send(ex, 200, "".getBytes()));
    String feed =
        "<?xml version=\"1.0\"?>\n<!-- "
            + "padding ".repeat(4096)
            + "-->\n<!DOCTYPE rss [<!ENTITY xxe SYSTEM \""
            + server.uri("/evil.dtd")
            + "\">]>\n<rss version=\"2.0\"><channel><title>&xxe;</title></channel></rss>";
    Path file = dir.resolve("late.xml");
    Files.writeString(file, feed);
    assertThatThrownBy(FeedSource.builder(file.toUri()).build()::fetch)
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("DOCTYPE is disallowed");
    assertThat(server.requests).isEmpty();
  }

  @Test
  void deepNestingIsRefused(@TempDir Path dir) throws IOException {
    StringBuilder feed =
        new StringBuilder("<rss version=\"2.0\"><channel><title>t</title><item><description>");
    feed.append("<b>".repeat(100_000)).append("</b>".repeat(100_000));
    feed.append("</description></item></channel></rss>");
    Path file = dir.resolve("deep.xml");
    Files.writeString(file, feed);
    assertThatThrownBy(FeedSource.builder(file.toUri()).build()::fetch)
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("maxElementDepth");
  }

  @Test
  void aHugeFileIsCutAtTheLimitAndFails(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("huge.xml");
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write("<rss version=\"2.0\"><channel><title>".getBytes(StandardCharsets.UTF_8));
      byte[] chunk = "Lorem ipsum &amp; ".repeat(4_000).getBytes(StandardCharsets.UTF_8);
      for (long written = 0; written < 9L * 1024 * 1024; written += chunk.length) {
        out.write(chunk);
      }
      out.write("</title></channel></rss>".getBytes(StandardCharsets.UTF_8));
    }
    assertThatThrownBy(FeedSource.builder(file.toUri()).build()::fetch)
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("the body exceeds 8388608 bytes and was cut at the limit");
  }

  @Test
  void aGzipBombIsCutAtTheLimit() throws IOException {
    byte[] bomb;
    java.io.ByteArrayOutputStream compressed = new java.io.ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(compressed)) {
      gz.write("<rss version=\"2.0\"><channel><title>".getBytes(StandardCharsets.UTF_8));
      byte[] zeros = new byte[1024 * 1024];
      java.util.Arrays.fill(zeros, (byte) 'a');
      for (int i = 0; i < 32; i++) { // 32 MiB once decoded, from about 32 KiB
        gz.write(zeros);
      }
    }
    bomb = compressed.toByteArray();
    assertThat(bomb.length).isLessThan(64 * 1024);
    server.handle(
        "/bomb.xml",
        ex -> {
          ex.getResponseHeaders().set("Content-Encoding", "gzip");
          FeedSourceHttpTest.Loopback.send(ex, 200, bomb);
        });
    assertThatThrownBy(FeedSource.builder(server.uri("/bomb.xml")).build()::fetch)
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("the body exceeds 8388608 bytes and was cut at the limit");
  }
}
