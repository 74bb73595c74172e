package org.republisher.source;

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
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.republisher.model.Article;

/** Upstream feeds fetched from a real HTTP server on loopback: never the network, never a mock. */
class FeedSourceHttpTest {
  static final String ARABIC_TITLE =
      "المغرب يدعو إلى تعبئة أكبر للتحالف الدولي ضد داعش في غرب إفريقيا والساحل";

  private final Loopback server = Loopback.start();

  @AfterEach
  void stop() {
    server.close();
  }

  static byte[] fixture(String name) throws IOException {
    return Files.readAllBytes(FeedSourceTest.fixture(name));
  }

  FeedSource source(String path) {
    return FeedSource.builder(server.uri(path)).id("upstream").clock(FeedSourceTest.CLOCK).build();
  }

  @Test
  void aSecondPollSendsTheValidatorsAndA304CostsNoParse() throws IOException {
    byte[] rss = fixture("rss20.xml");
    String etag = "\"v1\"";
    String lastModified = "Thu, 04 Jun 2020 18:00:00 GMT";
    server.handle(
        "/feed.xml",
        ex -> {
          Headers in = ex.getRequestHeaders();
          if (etag.equals(in.getFirst("If-None-Match"))) {
            ex.sendResponseHeaders(304, -1);
            return;
          }
          ex.getResponseHeaders().set("Content-Type", "application/rss+xml; charset=UTF-8");
          ex.getResponseHeaders().set("ETag", etag);
          ex.getResponseHeaders().set("Last-Modified", lastModified);
          Loopback.send(ex, 200, rss);
        });
    FeedSource source = source("/feed.xml");

    List<Article> first = source.fetch();
    assertThat(first).hasSize(5);
    FeedSourceTest.writeValid(first);
    Headers sent = server.requests.get(0).headers();
    assertThat(sent.getFirst("If-None-Match")).isNull();
    assertThat(sent.getFirst("If-Modified-Since")).isNull();
    assertThat(sent.getFirst("User-Agent"))
        .isEqualTo("republisher/0.1 (+https://github.com/republisher/republisher)");
    assertThat(sent.getFirst("Accept")).startsWith("application/rss+xml, application/atom+xml");
    assertThat(sent.getFirst("Accept-Encoding")).isEqualTo("gzip, deflate");

    List<Article> second = source.fetch();
    Headers conditional = server.requests.get(1).headers();
    assertThat(conditional.getFirst("If-None-Match")).isEqualTo(etag);
    assertThat(conditional.getFirst("If-Modified-Since")).isEqualTo(lastModified);
    assertThat(second).isSameAs(first);
    assertThat(source.parses()).isEqualTo(1);
  }

  @Test
  void aChangedFeedIsParsedAgainAndKeepsItsFirstSeenDates() throws IOException {
    AtomicReference<byte[]> body = new AtomicReference<>(fixture("rss091.xml"));
    server.handle("/feed.xml", ex -> Loopback.send(ex, 200, body.get()));
    FeedSourceTest.MutableClock clock = new FeedSourceTest.MutableClock(FeedSourceTest.NOW);
    FeedSource source = FeedSource.builder(server.uri("/feed.xml")).clock(clock).build();
    List<Article> first = source.fetch();

    clock.now = FeedSourceTest.NOW.plusSeconds(600);
    assertThat(source.fetch()).isSameAs(first); // no validators, but the same bytes
    body.set(
        new String(body.get(), StandardCharsets.UTF_8)
            .replace("deux ans d'absence", "trois ans d'absence")
            .getBytes(StandardCharsets.UTF_8));
    List<Article> changed = source.fetch();
    assertThat(source.parses()).isEqualTo(2);
    assertThat(changed).isNotSameAs(first);
    assertThat(changed).extracting(Article::published).containsOnly(FeedSourceTest.NOW);
    assertThat(changed.get(1).contentHtml()).contains("trois ans");
  }

  @Test
  void a304WithoutAnEarlierCopyFails() {
    server.handle("/feed.xml", ex -> ex.sendResponseHeaders(304, -1));
    assertThatThrownBy(source("/feed.xml")::fetch)
        .isInstanceOfSatisfying(
            SourceException.class, e -> assertThat(e.httpStatus()).isEqualTo(304));
  }

  @Test
  void notFoundFailsWithTheStatus() {
    server.handle("/gone.xml", ex -> Loopback.send(ex, 404, "<h1>Not found</h1>".getBytes()));
    URI uri = server.uri("/gone.xml");
    assertThatThrownBy(source("/gone.xml")::fetch)
        .isInstanceOfSatisfying(
            SourceException.class,
            e -> {
              assertThat(e.httpStatus()).isEqualTo(404);
              assertThat(e.sourceId()).isEqualTo("upstream");
              assertThat(e.uri()).isEqualTo(uri);
              assertThat(e)
                  .hasMessage(
                      "source upstream ("
                          + uri
                          + "): HTTP 404: the server"
                          + " refused the request");
            });
  }

  @Test
  void aServerErrorFailsWithTheStatus() {
    server.handle("/feed.xml", ex -> Loopback.send(ex, 500, "oops".getBytes()));
    assertThatThrownBy(source("/feed.xml")::fetch)
        .isInstanceOfSatisfying(
            SourceException.class,
            e -> {
              assertThat(e.httpStatus()).isEqualTo(500);
              assertThat(e).hasMessageContaining("the server failed");
            });
  }

  @Test
  @Timeout(10)
  void aServerThatNeverAnswersFailsAtTheReadTimeout() {
    server.handle("/feed.xml", ex -> server.hang());
    FeedSource source =
        FeedSource.builder(server.uri("/feed.xml")).readTimeout(Duration.ofMillis(300)).build();
    long start = System.nanoTime();
    assertThatThrownBy(source::fetch)
        .isInstanceOfSatisfying(
            SourceException.class, e -> assertThat(e.httpStatus()).isEqualTo(-1))
        .hasMessageContaining("no complete answer within 300 ms");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  @Timeout(10)
  void aServerThatStallsInTheBodyFailsAtTheDeadline() {
    server.handle(
        "/feed.xml",
        ex -> {
          ex.sendResponseHeaders(200, 0);
          ex.getResponseBody().write("<?xml version=\"1.0\"?><rss version=\"2.0\">".getBytes());
          ex.getResponseBody().flush();
          server.hang();
        });
    FeedSource source =
        FeedSource.builder(server.uri("/feed.xml"))
            .connectTimeout(Duration.ofMillis(200))
            .readTimeout(Duration.ofSeconds(2)) // time enough for the headers on a loaded machine
            .build();
    assertThatThrownBy(source::fetch)
        .isInstanceOfSatisfying(
            SourceException.class, e -> assertThat(e.httpStatus()).isEqualTo(200))
        .hasMessageContaining("no complete answer within 2 s");
  }

  @Test
  @Timeout(10)
  void anInterruptedFetchStopsAtOnceAndKeepsTheFlag() throws InterruptedException {
    server.handle("/feed.xml", ex -> server.hang());
    FeedSource source = source("/feed.xml");
    AtomicReference<Throwable> failure = new AtomicReference<>();
    AtomicReference<Boolean> flag = new AtomicReference<>();
    Thread thread =
        new Thread(
            () -> {
              try {
                source.fetch();
              } catch (RuntimeException e) {
                failure.set(e);
                flag.set(Thread.currentThread().isInterrupted());
              }
            });
    thread.start();
    server.awaitRequests(1);
    thread.interrupt();
    thread.join(5_000);
    assertThat(thread.isAlive()).isFalse();
    assertThat(failure.get())
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("interrupted");
    assertThat(flag.get()).isTrue();
  }

  @Test
  @Timeout(20)
  void anOversizedBodyIsCutAtTheDefaultLimitAndFails() {
    int total = FeedSource.DEFAULT_MAX_BYTES + 1024 * 1024;
    server.handle(
        "/huge.xml",
        ex -> {
          ex.sendResponseHeaders(200, 0); // chunked: the client cannot know the size up front
          OutputStream out = ex.getResponseBody();
          out.write("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>".getBytes());
          byte[] chunk = "x".repeat(64 * 1024).getBytes();
          try {
            for (int sent = 0; sent < total; sent += chunk.length) {
              out.write(chunk);
            }
            out.write("</title></channel></rss>".getBytes());
          } catch (IOException e) {
            // the client hung up at the limit: expected
          }
        });
    assertThatThrownBy(source("/huge.xml")::fetch)
        .isInstanceOfSatisfying(
            SourceException.class, e -> assertThat(e.httpStatus()).isEqualTo(-1))
        .hasMessageContaining("the body exceeds 8388608 bytes and was cut at the limit")
        .hasMessageContaining("not well-formed XML");
  }

  @Test
  void aRedirectLoopFails() {
    server.handle("/a", ex -> Loopback.redirect(ex, 302, "/b"));
    server.handle("/b", ex -> Loopback.redirect(ex, 301, server.uri("/a").toString()));
    assertThatThrownBy(source("/a")::fetch)
        .isInstanceOfSatisfying(
            SourceException.class,
            e -> {
              assertThat(e.httpStatus()).isEqualTo(301);
              assertThat(e.uri()).isEqualTo(server.uri("/a"));
            })
        .hasMessageContaining("a redirect loop");
    assertThat(server.requests).hasSize(2);
  }

  @Test
  void moreRedirectsThanAllowedFail() {
    for (int i = 0; i < 7; i++) {
      int next = i + 1;
      server.handle("/r" + i, ex -> Loopback.redirect(ex, 307, "/r" + next));
    }
    assertThatThrownBy(source("/r0")::fetch)
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("more than 5 redirects");
    assertThat(server.requests).hasSize(6);
  }

  @Test
  void aRedirectChainIsFollowedAndTheFinalUriIsTheBase() throws IOException {
    String atom =
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom">
          <title>Le Matin</title>
          <id>tag:lematin.ma,2020:feed</id>
          <updated>2020-06-04T12:00:00Z</updated>
          <entry>
            <title>Rabat : le tramway reprend du service</title>
            <link href="articles/tramway.html"/>
            <id>tag:lematin.ma,2020:1</id>
            <updated>2020-06-04T12:00:00Z</updated>
          </entry>
        </feed>
        """;
    server.handle("/old", ex -> Loopback.redirect(ex, 301, "/moved/"));
    server.handle("/moved/", ex -> Loopback.redirect(ex, 302, "feeds/final.atom"));
    server.handle(
        "/moved/feeds/final.atom",
        ex -> Loopback.send(ex, 200, atom.getBytes(StandardCharsets.UTF_8)));
    List<Article> articles = source("/old").fetch();
    assertThat(articles)
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.sourceLink())
                  .isEqualTo(server.uri("/moved/feeds/articles/tramway.html"));
              assertThat(a.publication().feedUrl())
                  .isEqualTo(server.uri("/moved/feeds/final.atom"));
              assertThat(a.publication().name()).isEqualTo("Le Matin");
            });
    assertThat(server.requests)
        .extracting(Loopback.Request::path)
        .containsExactly("/old", "/moved/", "/moved/feeds/final.atom");
  }

  @Test
  void aGzipBodyIsDecoded() throws IOException {
    byte[] gzipped = gzip(fixture("atom10.xml"));
    server.handle(
        "/feed.atom",
        ex -> {
          ex.getResponseHeaders().set("Content-Encoding", "gzip");
          ex.getResponseHeaders().set("Content-Type", "application/atom+xml");
          Loopback.send(ex, 200, gzipped);
        });
    List<Article> articles = source("/feed.atom").fetch();
    assertThat(articles).hasSize(3);
    assertThat(articles.get(0).title()).startsWith("Marruecos aboga");
  }

  @Test
  void aDeflateBodyIsDecodedWhetherZlibWrappedOrRaw() throws IOException {
    byte[] rss = fixture("rss20.xml");
    for (boolean raw : new boolean[] {false, true}) {
      byte[] deflated = deflate(rss, raw);
      String path = raw ? "/raw.xml" : "/zlib.xml";
      server.handle(
          path,
          ex -> {
            ex.getResponseHeaders().set("Content-Encoding", "deflate");
            Loopback.send(ex, 200, deflated);
          });
      assertThat(source(path).fetch()).as(path).hasSize(5);
    }
  }

  @Test
  void aCharsetOnlyInTheHeaderIsUsed() throws IOException {
    byte[] body = fixture("rss20-windows-1256-undeclared.xml");
    assertThat(new String(body, 0, 40, StandardCharsets.US_ASCII)).doesNotContain("encoding");
    server.handle(
        "/feed.xml",
        ex -> {
          ex.getResponseHeaders().set("Content-Type", "application/rss+xml; charset=windows-1256");
          Loopback.send(ex, 200, body);
        });
    List<Article> articles = source("/feed.xml").fetch();
    assertThat(articles.get(0).title()).isEqualTo(ARABIC_TITLE);
    assertThat(articles.get(0).categories()).containsExactly("سياسة");
  }

  @Test
  void theHeaderCharsetWinsOverTheXmlDeclaration() throws IOException {
    byte[] body =
        new String(fixture("rss20-windows-1256.xml"), Charset.forName("windows-1256"))
            .replace("encoding=\"windows-1256\"", "encoding=\"UTF-8\"")
            .getBytes(Charset.forName("windows-1256"));
    server.handle(
        "/feed.xml",
        ex -> {
          ex.getResponseHeaders().set("Content-Type", "text/xml; charset=\"windows-1256\"");
          Loopback.send(ex, 200, body);
        });
    assertThat(source("/feed.xml").fetch().get(0).title()).isEqualTo(ARABIC_TITLE);
  }

  @Test
  void aLatin1ServerDefaultOverAUtf8BodyIsReadAsUtf8() throws IOException {
    byte[] body = fixture("atom10.xml");
    server.handle(
        "/feed.atom",
        ex -> {
          ex.getResponseHeaders().set("Content-Type", "text/xml; charset=ISO-8859-1");
          Loopback.send(ex, 200, body);
        });
    assertThat(source("/feed.atom").fetch().get(0).title())
        .isEqualTo(
            "Marruecos aboga por una mayor movilización de la coalición contra Daesh en África"
                + " Occidental y el Sahel");
  }

  @Test
  void aBodyThatIsNotAFeedFails() {
    server.handle(
        "/page",
        ex -> {
          ex.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
          Loopback.send(ex, 200, "<!DOCTYPE html><html><body>Hello</body></html>".getBytes());
        });
    assertThatThrownBy(source("/page")::fetch)
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("not a feed: an HTML page");
  }

  static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    }
    return out.toByteArray();
  }

  static byte[] deflate(byte[] data, boolean raw) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, raw);
    try (DeflaterOutputStream z = new DeflaterOutputStream(out, deflater)) {
      z.write(data);
    } finally {
      deflater.end();
    }
    return out.toByteArray();
  }

  /**
   * A real HTTP server on 127.0.0.1, on a free port, that records the requests it sees. Handlers
   * that hang wait at most ten seconds, and are released when the server closes.
   */
  static final class Loopback implements AutoCloseable {
    record Request(String path, Headers headers) {}

    /** A handler that may throw. */
    interface Handler {
      void handle(HttpExchange exchange) throws IOException;
    }

    final List<Request> requests = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final CountDownLatch release = new CountDownLatch(1);

    private Loopback(HttpServer server) {
      this.server = server;
    }

    static Loopback start() {
      try {
        HttpServer server =
            HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        Loopback loopback = new Loopback(server);
        server.setExecutor(loopback.pool);
        server.start();
        return loopback;
      } catch (IOException e) {
        throw new IllegalStateException("cannot start a loopback server", e);
      }
    }

    URI uri(String path) {
      return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    void handle(String path, Handler handler) {
      server.createContext(
          path,
          exchange -> {
            if (!exchange.getRequestURI().getPath().equals(path)) {
              exchange.sendResponseHeaders(404, -1);
              exchange.close();
              return;
            }
            requests.add(new Request(path, exchange.getRequestHeaders()));
            try {
              handler.handle(exchange);
            } finally {
              exchange.close();
            }
          });
    }

    /** Blocks the handler's thread until the server closes, ten seconds at most. */
    void hang() {
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    void awaitRequests(int n) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (requests.size() < n && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
    }

    static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
      exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }

    static void redirect(HttpExchange exchange, int status, String location) throws IOException {
      exchange.getResponseHeaders().set("Location", location);
      exchange.sendResponseHeaders(status, -1);
    }

    @Override
    public void close() {
      release.countDown();
      server.stop(0);
      pool.shutdownNow();
    }
  }
}
