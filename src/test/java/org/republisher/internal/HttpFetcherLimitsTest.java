package org.republisher.internal;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.republisher.source.DestinationRefusedException;
import org.republisher.source.SourceException;

/**
 * The fetcher against servers that misbehave: slow, lying, huge, or leading elsewhere. Every server
 * is real and local: JDK {@link HttpServer}s on loopback, and raw sockets for answers no HTTP
 * server library would send.
 */
@Timeout(30)
class HttpFetcherLimitsTest {
  private final List<HttpServer> servers = new CopyOnWriteArrayList<>();
  private final ExecutorService pool = Executors.newCachedThreadPool();
  private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
  private HttpServer a;
  private HttpServer b;

  @BeforeEach
  void start() throws IOException {
    a = server();
    b = server();
  }

  @AfterEach
  void stop() {
    servers.forEach(s -> s.stop(0));
    pool.shutdownNow();
  }

  private HttpServer server() throws IOException {
    HttpServer s =
        HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    s.setExecutor(pool);
    s.start();
    servers.add(s);
    return s;
  }

  interface Handler {
    void handle(HttpExchange exchange) throws Exception;
  }

  private void handle(HttpServer s, String path, Handler handler) {
    s.createContext(
        path,
        ex -> {
          hits.computeIfAbsent(port(s) + path, k -> new AtomicInteger()).incrementAndGet();
          try {
            handler.handle(ex);
          } catch (Exception e) {
            // the client hung up: as some of these tests mean it to
          } finally {
            ex.close();
          }
        });
  }

  private int hits(HttpServer s, String path) {
    AtomicInteger n = hits.get(port(s) + path);
    return n == null ? 0 : n.get();
  }

  private static int port(HttpServer s) {
    return s.getAddress().getPort();
  }

  private static URI uri(HttpServer s, String path) {
    return URI.create("http://127.0.0.1:" + port(s) + path);
  }

  private static void send(HttpExchange ex, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(US_ASCII);
    ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    ex.getResponseBody().write(bytes);
  }

  private static void redirect(HttpExchange ex, String location) throws IOException {
    ex.getResponseHeaders().set("Location", location);
    ex.sendResponseHeaders(302, -1);
  }

  /** A resolver that maps names to loopback, as a hosts file would, and counts its lookups. */
  private static final class Names implements HostResolver {
    final Map<String, List<InetAddress>> names = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> lookups = new ConcurrentHashMap<>();

    Names map(String name, String... addresses) {
      names.put(name, java.util.Arrays.stream(addresses).map(Destinations::literal).toList());
      return this;
    }

    @Override
    public List<InetAddress> resolve(String host) throws UnknownHostException {
      lookups.computeIfAbsent(host, k -> new AtomicInteger()).incrementAndGet();
      List<InetAddress> found = names.get(host);
      if (found == null) {
        throw new UnknownHostException(host);
      }
      return found;
    }

    int lookups(String host) {
      AtomicInteger n = lookups.get(host);
      return n == null ? 0 : n.get();
    }
  }

  // ---------------------------------------------------------------- time

  @Test
  void aBodyDrippingAByteASecondFailsAtTheTimeoutOfTheWholeCall() {
    handle(
        a,
        "/drip",
        ex -> {
          ex.sendResponseHeaders(200, 100);
          OutputStream out = ex.getResponseBody();
          for (int i = 0; i < 100; i++) {
            out.write('x');
            out.flush();
            Thread.sleep(1000);
          }
        });
    URI drip = uri(a, "/drip");
    HttpFetcher http =
        HttpFetcher.builder().configured(drip).readTimeout(Duration.ofSeconds(2)).build();
    assertThatThrownBy(() -> http.get("drip", drip, HttpFetcher.Validators.NONE))
        .isInstanceOfSatisfying(
            SourceException.class, e -> assertThat(e.httpStatus()).isEqualTo(200))
        .hasMessage("source drip (" + drip + "): HTTP 200: no complete answer within 2 s");
  }

  @Test
  void everyRedirectSharesTheOneDeadline() {
    for (int i = 0; i < 5; i++) {
      int next = i + 1;
      handle(
          a,
          "/hop" + i,
          ex -> {
            Thread.sleep(700);
            redirect(ex, "/hop" + next);
          });
    }
    handle(a, "/hop5", ex -> send(ex, 200, "arrived"));
    URI first = uri(a, "/hop0");
    HttpFetcher http =
        HttpFetcher.builder().configured(first).readTimeout(Duration.ofSeconds(2)).build();
    // each hop alone is well within 2 s; the chain is not
    assertThatThrownBy(() -> http.get("hops", first, HttpFetcher.Validators.NONE))
        .isInstanceOf(SourceException.class)
        .hasMessageStartingWith("source hops (" + first + "): no complete answer within 2 s (at ");
    assertThat(hits(a, "/hop5")).isZero();
  }

  // ---------------------------------------------------------------- messages

  @Test
  void aHugeLocationMakesAShortMessageThatNamesTheSourceFirst() {
    String huge = "http://127.0.0.1/" + "x".repeat(300 * 1024);
    handle(a, "/huge", ex -> redirect(ex, huge));
    String long9k = "/" + "y".repeat(9 * 1024);
    handle(a, "/long", ex -> redirect(ex, long9k));
    HttpFetcher http = HttpFetcher.builder().configured(uri(a, "/")).build();
    assertThatThrownBy(() -> http.get("feed", uri(a, "/huge"), HttpFetcher.Validators.NONE))
        .isInstanceOf(SourceException.class)
        .hasMessage("source feed (" + uri(a, "/huge") + "): the response headers exceed 64 KiB")
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(200));
    assertThatThrownBy(() -> http.get("feed", uri(a, "/long"), HttpFetcher.Validators.NONE))
        .isInstanceOf(SourceException.class)
        .hasMessageStartingWith(
            "source feed ("
                + uri(a, "/long")
                + "): HTTP 302: a redirect whose Location is longer than 8192 characters: /yyy")
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(400).endsWith("(9217 chars)"));
  }

  @Test
  void controlCharactersFromUpstreamAreEscapedInMessages() {
    handle(
        a,
        "/br",
        ex -> {
          ex.getResponseHeaders().set("Content-Encoding", "br\u0007\u001b[31m");
          send(ex, 200, "whatever");
        });
    HttpFetcher http = HttpFetcher.builder().configured(uri(a, "/")).build();
    assertThatThrownBy(() -> http.get("x", uri(a, "/br"), HttpFetcher.Validators.NONE))
        .hasMessageEndingWith("unsupported Content-Encoding: br\\u0007\\u001b[31m");
  }

  // ---------------------------------------------------------------- Retry-After

  @Test
  void retryAfterIsReadOn429And503InSecondsOrAsADate() throws IOException {
    handle(
        a,
        "/429",
        ex -> {
          ex.getResponseHeaders().set("Retry-After", "120");
          ex.sendResponseHeaders(429, -1);
        });
    handle(
        a,
        "/429-forever",
        ex -> {
          ex.getResponseHeaders().set("Retry-After", "99999999999");
          ex.sendResponseHeaders(429, -1);
        });
    handle(
        a,
        "/429-garbage",
        ex -> {
          ex.getResponseHeaders().set("Retry-After", "soon");
          ex.sendResponseHeaders(429, -1);
        });
    handle(
        a,
        "/500",
        ex -> {
          ex.getResponseHeaders().set("Retry-After", "60");
          ex.sendResponseHeaders(500, -1);
        });
    Clock clock = Clock.fixed(Instant.parse("2020-06-04T18:30:00Z"), ZoneOffset.UTC);
    HttpFetcher http = HttpFetcher.builder().configured(uri(a, "/")).clock(clock).build();
    assertThat(failure(http, "/429").retryAfter()).contains(Duration.ofSeconds(120));
    assertThat(failure(http, "/429"))
        .hasMessageEndingWith(
            "HTTP 429: the server asks to slow down (Too Many Requests);"
                + " it asks to retry after 120 s");
    // dates: the JDK's server writes its own Date header, so these answers come from raw sockets
    URI dated =
        raw(
            ("HTTP/1.1 503 Service Unavailable\r\nDate: Thu, 04 Jun 2020 18:00:00 GMT\r\n"
                    + "Retry-After: Thu, 04 Jun 2020 18:01:30 GMT\r\nContent-Length: 0\r\n\r\n")
                .getBytes(ISO_8859_1));
    assertThat(failure(HttpFetcher.builder().configured(dated).build(), dated).retryAfter())
        .contains(Duration.ofSeconds(90));
    URI undated =
        raw(
            ("HTTP/1.1 503 Service Unavailable\r\n"
                    + "Retry-After: Thu, 04 Jun 2020 19:00:00 GMT\r\nContent-Length: 0\r\n\r\n")
                .getBytes(ISO_8859_1));
    HttpFetcher clocked = HttpFetcher.builder().configured(undated).clock(clock).build();
    assertThat(failure(clocked, undated).retryAfter()).contains(Duration.ofMinutes(30));
    assertThat(failure(http, "/429-forever").retryAfter()).contains(Duration.ofDays(1));
    assertThat(failure(http, "/429-garbage").retryAfter()).isEmpty();
    assertThat(failure(http, "/500").retryAfter()).isEmpty();
    assertThat(failure(http, "/500").httpStatus()).isEqualTo(500);
  }

  private SourceException failure(HttpFetcher http, String path) {
    return failure(http, uri(a, path));
  }

  private static SourceException failure(HttpFetcher http, URI uri) {
    try {
      http.get("x", uri, HttpFetcher.Validators.NONE);
    } catch (SourceException e) {
      return e;
    }
    throw new AssertionError(uri + " did not fail");
  }

  // ---------------------------------------------------------------- destinations

  @Test
  void aNameThatResolvesToLoopbackIsRefusedBeforeAnyRequest() {
    handle(a, "/feed", ex -> send(ex, 200, "secret"));
    Names names = new Names().map("feed.example", "127.0.0.1");
    URI feed = URI.create("http://feed.example:" + port(a) + "/feed");
    HttpFetcher http = HttpFetcher.builder().configured(feed).resolver(names).build();
    assertThatThrownBy(() -> http.get("feed", feed, HttpFetcher.Validators.NONE))
        .isInstanceOfSatisfying(
            DestinationRefusedException.class, e -> assertThat(e.target()).isEqualTo(feed))
        .hasMessage(
            "source feed ("
                + feed
                + "): refused to connect to "
                + feed
                + ": it resolves to 127.0.0.1, a loopback address (allowPrivate allows it)");
    assertThat(hits(a, "/feed")).isZero();
    // allowed by name, it is read
    HttpFetcher allowed =
        HttpFetcher.builder()
            .configured(feed)
            .resolver(names)
            .allowPrivate(List.of("feed.example"))
            .build();
    assertThat(allowed.get("feed", feed, HttpFetcher.Validators.NONE).body())
        .asString(US_ASCII)
        .isEqualTo("secret");
  }

  @Test
  void aRedirectToLoopbackFromAnotherNameIsRefusedAndNothingReachesIt() {
    handle(b, "/secret", ex -> send(ex, 200, "the cache's keys"));
    handle(a, "/to-literal", ex -> redirect(ex, uri(b, "/secret").toString()));
    handle(a, "/to-name", ex -> redirect(ex, "http://evil.example:" + port(b) + "/secret"));
    Names names = new Names().map("feed.example", "127.0.0.1").map("evil.example", "127.0.0.1");
    HttpFetcher http =
        HttpFetcher.builder()
            .configured(URI.create("http://feed.example:" + port(a) + "/"))
            .resolver(names)
            .allowPrivate(List.of("feed.example"))
            .build();
    URI literal = URI.create("http://feed.example:" + port(a) + "/to-literal");
    assertThatThrownBy(() -> http.get("feed", literal, HttpFetcher.Validators.NONE))
        .isInstanceOfSatisfying(
            DestinationRefusedException.class,
            e -> {
              assertThat(e.target()).isEqualTo(uri(b, "/secret"));
              assertThat(e.uri()).isEqualTo(literal);
              assertThat(e.httpStatus()).isEqualTo(302);
            })
        .hasMessage(
            "source feed ("
                + literal
                + "): HTTP 302: refused to connect to "
                + uri(b, "/secret")
                + ": it resolves to 127.0.0.1, a loopback address (allowPrivate allows it)");
    URI name = URI.create("http://feed.example:" + port(a) + "/to-name");
    assertThatThrownBy(() -> http.get("feed", name, HttpFetcher.Validators.NONE))
        .isInstanceOf(DestinationRefusedException.class)
        .hasMessageContaining("refused to connect to http://evil.example:" + port(b) + "/secret");
    assertThat(hits(a, "/to-literal")).isEqualTo(1);
    assertThat(hits(b, "/secret")).isZero();
  }

  @Test
  void aConfiguredLoopbackFeedMayNotRedirectToAnotherLocalPort() {
    handle(b, "/secret", ex -> send(ex, 200, "the cache's keys"));
    handle(a, "/away", ex -> redirect(ex, uri(b, "/secret").toString()));
    handle(a, "/home", ex -> redirect(ex, "http://localhost:" + port(a) + "/feed"));
    handle(a, "/feed", ex -> send(ex, 200, "feed"));
    HttpFetcher http = HttpFetcher.builder().configured(uri(a, "/away")).build();
    assertThatThrownBy(() -> http.get("local", uri(a, "/away"), HttpFetcher.Validators.NONE))
        .isInstanceOf(DestinationRefusedException.class);
    assertThat(hits(b, "/secret")).isZero();
    // the same address and port under another name is the same service
    assertThat(http.get("local", uri(a, "/home"), HttpFetcher.Validators.NONE).body())
        .asString(US_ASCII)
        .isEqualTo("feed");
  }

  @Test
  void eachConnectionResolvesItsHostOnceAndUsesWhatItChecked() {
    handle(a, "/one", ex -> redirect(ex, "/two"));
    handle(a, "/two", ex -> send(ex, 200, "two"));
    Names names = new Names().map("feed.example", "127.0.0.1");
    URI one = URI.create("http://feed.example:" + port(a) + "/one");
    HttpFetcher http =
        HttpFetcher.builder()
            .configured(one)
            .resolver(names)
            .allowPrivate(List.of("127.0.0.1"))
            .build();
    assertThat(http.get("feed", one, HttpFetcher.Validators.NONE).body())
        .asString(US_ASCII)
        .isEqualTo("two");
    assertThat(names.lookups("feed.example")).isEqualTo(2); // one per connection, no more
    // the name now rebinds to another loopback address, not allowed: the next connection checks
    // what it will connect to, whatever the first said
    names.map("feed.example", "127.0.0.2");
    assertThatThrownBy(() -> http.get("feed", one, HttpFetcher.Validators.NONE))
        .isInstanceOf(DestinationRefusedException.class)
        .hasMessageContaining("it resolves to 127.0.0.2, a loopback address");
    assertThat(names.lookups("feed.example")).isEqualTo(3);
  }

  @Test
  void validatorsThatCouldInjectHeadersAreNeverSent() {
    List<String> seen = new CopyOnWriteArrayList<>();
    handle(
        a,
        "/v",
        ex -> {
          ex.getRequestHeaders().forEach((k, v) -> seen.add(k + ": " + v));
          send(ex, 200, "ok");
        });
    HttpFetcher.Validators evil =
        new HttpFetcher.Validators("\"a\"\r\nX-Evil: 1", "Thu, 04 Jun 2020\n X-Evil: 2");
    assertThat(evil.isEmpty()).isTrue();
    HttpFetcher.builder().configured(uri(a, "/")).build().get("x", uri(a, "/v"), evil);
    assertThat(seen).noneMatch(h -> h.contains("X-evil") || h.startsWith("If-"));
  }

  // ---------------------------------------------------------------- framing, on raw sockets

  /** Serves one connection with the given bytes after reading the request head. */
  private URI raw(byte[] answer) throws IOException {
    ServerSocket socket = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"));
    pool.submit(
        () -> {
          try (socket;
              Socket client = socket.accept()) {
            InputStream in = client.getInputStream();
            int matched = 0;
            while (matched < 4) {
              int c = in.read();
              if (c < 0) {
                return null;
              }
              matched = c == "\r\n\r\n".charAt(matched) ? matched + 1 : c == '\r' ? 1 : 0;
            }
            client.getOutputStream().write(answer);
            client.getOutputStream().flush();
            client.shutdownOutput();
            Thread.sleep(200);
          }
          return null;
        });
    return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/");
  }

  private HttpFetcher.Response rawGet(String answer) throws IOException {
    URI uri = raw(answer.getBytes(ISO_8859_1));
    return HttpFetcher.builder()
        .configured(uri)
        .build()
        .get("raw", uri, HttpFetcher.Validators.NONE);
  }

  @Test
  void bodiesAreFramedByChunksByLengthOrByTheEndOfTheConnection() throws IOException {
    assertThat(
            rawGet(
                    "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "5;ext=1\r\nhello\r\n1\r\n \r\n5\r\nworld\r\n0\r\nX-Trailer: t\r\n\r\n")
                .body())
        .asString(US_ASCII)
        .isEqualTo("hello world");
    assertThat(rawGet("HTTP/1.0 200 OK\r\n\r\nuntil the end").body())
        .asString(US_ASCII)
        .isEqualTo("until the end");
    assertThat(
            rawGet(
                    "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n"
                        + "X-Folded: a\r\n b\r\n\r\nokIGNORED")
                .body())
        .asString(US_ASCII)
        .isEqualTo("ok");
  }

  @Test
  void malformedAnswersAreTypedFailures() throws IOException {
    assertThatThrownBy(() -> rawGet("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort"))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("closed before the end of the body");
    assertThatThrownBy(
            () -> rawGet("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nabc"))
        .hasMessageContaining("conflicting Content-Length");
    assertThatThrownBy(
            () -> rawGet("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n"))
        .hasMessageContaining("a malformed chunk size: zz");
    assertThatThrownBy(() -> rawGet("SSH-2.0-OpenSSH_9.2\r\n\r\n"))
        .hasMessageContaining("the answer is not HTTP/1.x: SSH-2.0-OpenSSH_9.2");
    assertThatThrownBy(
            () -> rawGet("HTTP/1.1 200 OK\r\nX-Big: " + "b".repeat(70_000) + "\r\n\r\nok"))
        .hasMessageEndingWith("the response headers exceed 64 KiB");
  }
}
