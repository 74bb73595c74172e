package org.republisher.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.republisher.InvalidValueException;
import org.republisher.source.SourceException;

/** The shared HTTP client, against a real server on loopback. */
@Timeout(20)
class HttpFetcherTest {
  private HttpServer server;
  private ExecutorService pool;
  private final CountDownLatch release = new CountDownLatch(1);
  private final List<Headers> seen = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    pool = Executors.newCachedThreadPool();
    server.setExecutor(pool);
    server.start();
  }

  @AfterEach
  void stop() {
    release.countDown();
    server.stop(0);
    pool.shutdownNow();
  }

  interface Handler {
    void handle(HttpExchange exchange) throws IOException;
  }

  void handle(String path, Handler handler) {
    server.createContext(
        path,
        ex -> {
          seen.add(ex.getRequestHeaders());
          try {
            handler.handle(ex);
          } finally {
            ex.close();
          }
        });
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  static void send(HttpExchange ex, int status, byte[] body) throws IOException {
    ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  /** A builder for a source configured with this test's server, which is on loopback. */
  HttpFetcher.Builder builder() {
    return HttpFetcher.builder().configured(uri("/"));
  }

  HttpFetcher fetcher() {
    return builder().build();
  }

  @Test
  void aGetSendsPoliteHeadersAndReturnsTheAnswer() {
    handle(
        "/page",
        ex -> {
          ex.getResponseHeaders().set("Content-Type", "text/html; charset=\"ISO-8859-1\"");
          ex.getResponseHeaders().set("ETag", "W/\"abc\"");
          ex.getResponseHeaders().set("Last-Modified", "Thu, 04 Jun 2020 18:00:00 GMT");
          send(ex, 200, "caf\u00e9".getBytes(StandardCharsets.ISO_8859_1));
        });
    HttpFetcher.Response r =
        builder()
            .accept("text/html")
            .build()
            .get("page", uri("/page"), HttpFetcher.Validators.NONE);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.notModified()).isFalse();
    assertThat(r.uri()).isEqualTo(uri("/page"));
    assertThat(r.body()).containsExactly('c', 'a', 'f', 0xe9);
    assertThat(r.truncated()).isFalse();
    assertThat(r.charset()).isEqualTo(StandardCharsets.ISO_8859_1);
    assertThat(r.contentType()).startsWith("text/html");
    assertThat(r.validators())
        .isEqualTo(new HttpFetcher.Validators("W/\"abc\"", "Thu, 04 Jun 2020 18:00:00 GMT"));
    Headers sent = seen.get(0);
    assertThat(sent.getFirst("User-Agent")).isEqualTo(HttpFetcher.DEFAULT_USER_AGENT);
    assertThat(sent.getFirst("Accept")).isEqualTo("text/html");
    assertThat(sent.getFirst("Accept-Encoding")).isEqualTo("gzip, deflate");
    assertThat(sent.containsKey("If-None-Match")).isFalse();
    assertThat(sent.containsKey("If-Modified-Since")).isFalse();
  }

  @Test
  void validatorsAreSentAndA304HasAnEmptyBody() {
    handle(
        "/feed",
        ex -> {
          if ("\"v7\"".equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
            ex.sendResponseHeaders(304, -1);
          } else {
            send(ex, 200, "changed".getBytes());
          }
        });
    HttpFetcher.Validators v =
        new HttpFetcher.Validators("\"v7\"", "Thu, 04 Jun 2020 18:00:00 GMT");
    HttpFetcher.Response r = fetcher().get("feed", uri("/feed"), v);
    assertThat(r.notModified()).isTrue();
    assertThat(r.body()).isEmpty();
    assertThat(seen.get(0).getFirst("If-None-Match")).isEqualTo("\"v7\"");
    assertThat(seen.get(0).getFirst("If-Modified-Since"))
        .isEqualTo("Thu, 04 Jun 2020 18:00:00 GMT");
  }

  @Test
  void aBodyAtTheCapIsWholeAndOneByteMoreIsCut() {
    byte[] body = new byte[1000];
    Arrays.fill(body, (byte) 'x');
    handle("/b", ex -> send(ex, 200, body));
    HttpFetcher.Response exact =
        builder().maxBytes(1000).build().get("b", uri("/b"), HttpFetcher.Validators.NONE);
    assertThat(exact.body()).hasSize(1000);
    assertThat(exact.truncated()).isFalse();
    HttpFetcher.Response cut =
        builder().maxBytes(999).build().get("b", uri("/b"), HttpFetcher.Validators.NONE);
    assertThat(cut.body()).hasSize(999);
    assertThat(cut.truncated()).isTrue();
  }

  @Test
  void aGzipBombIsDecodedNoFurtherThanTheCap() throws IOException {
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(compressed)) {
      byte[] zeros = new byte[1024 * 1024];
      for (int i = 0; i < 100; i++) {
        gz.write(zeros);
      }
    }
    byte[] bomb = compressed.toByteArray();
    handle(
        "/bomb",
        ex -> {
          ex.getResponseHeaders().set("Content-Encoding", "gzip");
          send(ex, 200, bomb);
        });
    HttpFetcher.Response r =
        builder().maxBytes(1 << 20).build().get("bomb", uri("/bomb"), HttpFetcher.Validators.NONE);
    assertThat(r.body()).hasSize(1 << 20);
    assertThat(r.truncated()).isTrue();
  }

  @Test
  void aCorruptOrUnknownCodingFails() {
    handle(
        "/corrupt",
        ex -> {
          ex.getResponseHeaders().set("Content-Encoding", "gzip");
          send(ex, 200, "not gzip at all".getBytes());
        });
    handle(
        "/br",
        ex -> {
          ex.getResponseHeaders().set("Content-Encoding", "br");
          send(ex, 200, "whatever".getBytes());
        });
    assertThatThrownBy(() -> fetcher().get("x", uri("/corrupt"), HttpFetcher.Validators.NONE))
        .isInstanceOfSatisfying(
            SourceException.class, e -> assertThat(e.httpStatus()).isEqualTo(200))
        .hasMessageContaining("corrupt");
    assertThatThrownBy(() -> fetcher().get("x", uri("/br"), HttpFetcher.Validators.NONE))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("unsupported Content-Encoding: br");
  }

  @Test
  void redirectsResolveRelativeLocationsAndRefuseOtherSchemes() {
    handle("/one", ex -> redirect(ex, 303, "two?x=1"));
    handle("/two", ex -> send(ex, 200, "done".getBytes()));
    handle("/ftp", ex -> redirect(ex, 301, "ftp://127.0.0.1/feed"));
    handle("/nowhere", ex -> ex.sendResponseHeaders(302, -1));
    HttpFetcher.Response r = fetcher().get("x", uri("/one"), HttpFetcher.Validators.NONE);
    assertThat(r.uri()).isEqualTo(uri("/two?x=1"));
    assertThat(new String(r.body(), StandardCharsets.US_ASCII)).isEqualTo("done");
    assertThatThrownBy(() -> fetcher().get("x", uri("/ftp"), HttpFetcher.Validators.NONE))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("ftp://127.0.0.1/feed, which is not an http(s) URI");
    assertThatThrownBy(() -> fetcher().get("x", uri("/nowhere"), HttpFetcher.Validators.NONE))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("without a Location");
    assertThatThrownBy(
            () ->
                builder()
                    .maxRedirects(0)
                    .build()
                    .get("x", uri("/one"), HttpFetcher.Validators.NONE))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("more than 0 redirects");
  }

  static void redirect(HttpExchange ex, int status, String location) throws IOException {
    ex.getResponseHeaders().set("Location", location);
    ex.sendResponseHeaders(status, -1);
  }

  @Test
  void aRefusedConnectionFails() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = socket.getLocalPort();
    }
    URI closed = URI.create("http://127.0.0.1:" + port + "/feed");
    HttpFetcher http = HttpFetcher.builder().configured(closed).build();
    assertThatThrownBy(() -> http.get("x", closed, HttpFetcher.Validators.NONE))
        .isInstanceOfSatisfying(
            SourceException.class,
            e -> {
              assertThat(e.httpStatus()).isEqualTo(-1);
              assertThat(e.uri()).isEqualTo(closed);
            })
        .hasMessageContaining("could not connect");
  }

  @Test
  void aStalledAnswerFailsAtTheReadTimeout() {
    handle("/slow", ex -> awaitRelease());
    long start = System.nanoTime();
    assertThatThrownBy(
            () ->
                builder()
                    .readTimeout(Duration.ofMillis(300))
                    .build()
                    .get("x", uri("/slow"), HttpFetcher.Validators.NONE))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("no complete answer within 300 ms");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  private void awaitRelease() {
    try {
      release.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void onlyHttpUrisAreFetched() {
    assertThatThrownBy(
            () -> fetcher().get("x", URI.create("file:///etc/passwd"), HttpFetcher.Validators.NONE))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("is not an absolute http(s) URI");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      nullValues = "null",
      value = {
        "application/rss+xml; charset=windows-1256 | windows-1256",
        "text/xml;Charset=\"utf-8\"                  | UTF-8",
        "text/html; charset='ISO-8859-1'; q=1      | ISO-8859-1",
        "application/xml                           | null",
        "application/xml; charset=x-no-such-thing  | null",
        "application/xml; charset=                 | null",
        "null                                      | null",
      })
  void theCharsetIsReadFromTheContentType(String contentType, String charset) {
    assertThat(HttpFetcher.charsetOf(contentType))
        .isEqualTo(charset == null ? null : Charset.forName(charset));
  }

  @Test
  void theBuilderRejectsUnsafeValues() {
    assertThatThrownBy(() -> HttpFetcher.builder().maxBytes(0))
        .isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> HttpFetcher.builder().readTimeout(Duration.ZERO))
        .isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> HttpFetcher.builder().connectTimeout(Duration.ofSeconds(-1)))
        .isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> HttpFetcher.builder().maxRedirects(21))
        .isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> HttpFetcher.builder().userAgent("bot\r\nX-Evil: 1"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("control character");
    assertThat(new HttpFetcher.Validators(" ", "").isEmpty()).isTrue();
  }
}
