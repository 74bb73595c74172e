package org.republisher.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.rometools.rome.feed.WireFeed;
import com.rometools.rome.io.WireFeedInput;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.republisher.testing.FeedRules;
import org.republisher.write.FeedFile;
import org.republisher.write.FeedFormat;

/** The server, over real HTTP on loopback, as a feed reader sees it. */
@Timeout(60)
class FeedServerTest {
  static final String RSS = "/feeds/all.rss.xml";

  final FeedResponder responder = FeedResponder.builder().build();
  final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  final AtomicInteger refreshes = new AtomicInteger();
  FeedServer server;

  @BeforeEach
  void start() {
    server =
        FeedServer.builder(responder)
            .address(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
            .threads(4)
            .grace(Duration.ofSeconds(30))
            .health(() -> Map.of("status", "ok", "refreshes", refreshes.get(), "sources", List.of("a", "b")))
            .start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.address().getPort() + path);
  }

  HttpResponse<byte[]> send(String method, String path, String... headers) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri(path)).method(method, HttpRequest.BodyPublishers.noBody());
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  static String header(HttpResponse<?> r, String name) {
    return r.headers().firstValue(name).orElse(null);
  }

  @Test
  void aReaderGets200Then304ByEtagAndByDate() throws Exception {
    List<FeedFile> v1 = Feeds.version(1);
    responder.swap(v1);
    HttpResponse<byte[]> first = send("GET", RSS);
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.body()).isEqualTo(Feeds.rss(v1).bytes());
    assertThat(header(first, "Content-Type")).isEqualTo("application/rss+xml; charset=utf-8");
    assertThat(header(first, "Cache-Control")).isEqualTo("public, max-age=300");
    assertThat(header(first, "Vary")).isEqualTo("Accept-Encoding");
    assertThat(header(first, "Content-Length")).isEqualTo(Integer.toString(Feeds.rss(v1).size()));
    String etag = header(first, "ETag");
    String lastModified = header(first, "Last-Modified");
    assertThat(lastModified).isEqualTo("Sun, 29 Nov 2026 12:00:01 GMT");

    HttpResponse<byte[]> byEtag = send("GET", RSS, "If-None-Match", etag);
    assertThat(byEtag.statusCode()).isEqualTo(304);
    assertThat(byEtag.body()).isEmpty();
    assertThat(header(byEtag, "ETag")).isEqualTo(etag);
    assertThat(header(byEtag, "Cache-Control")).isEqualTo("public, max-age=300");
    assertThat(header(byEtag, "Vary")).isEqualTo("Accept-Encoding");

    HttpResponse<byte[]> byDate = send("GET", RSS, "If-Modified-Since", lastModified);
    assertThat(byDate.statusCode()).isEqualTo(304);
    assertThat(byDate.body()).isEmpty();
  }

  @Test
  void headGetsTheHeaderFieldsAndNoBody() throws Exception {
    List<FeedFile> v1 = Feeds.version(1);
    responder.swap(v1);
    HttpResponse<byte[]> head = send("HEAD", RSS);
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
    assertThat(header(head, "Content-Length")).isEqualTo(Integer.toString(Feeds.rss(v1).size()));
    assertThat(header(head, "ETag")).isEqualTo(header(send("GET", RSS), "ETag"));
  }

  @Test
  void gzipIsSentToReadersThatAskForIt() throws Exception {
    List<FeedFile> v1 = Feeds.version(1);
    responder.swap(v1);
    HttpResponse<byte[]> gz = send("GET", RSS, "Accept-Encoding", "gzip");
    assertThat(header(gz, "Content-Encoding")).isEqualTo("gzip");
    assertThat(header(gz, "Vary")).isEqualTo("Accept-Encoding");
    assertThat(FeedResponderTest.gunzip(gz.body())).isEqualTo(Feeds.rss(v1).bytes());
    HttpResponse<byte[]> plain = send("GET", RSS, "Accept-Encoding", "gzip;q=0, br");
    assertThat(header(plain, "Content-Encoding")).isNull();
    assertThat(plain.body()).isEqualTo(Feeds.rss(v1).bytes());
  }

  @Test
  void otherMethodsGet405WithAllow() throws Exception {
    responder.swap(Feeds.version(1));
    for (String method : List.of("POST", "PUT", "DELETE")) {
      HttpResponse<byte[]> r = send(method, RSS);
      assertThat(r.statusCode()).isEqualTo(405);
      assertThat(header(r, "Allow")).isEqualTo("GET, HEAD");
    }
  }

  @Test
  void unknownPathsGet404AndTricksFindNothing() throws Exception {
    responder.swap(Feeds.version(1));
    assertThat(send("GET", "/feeds/none.rss.xml").statusCode()).isEqualTo(404);
    for (String path :
        List.of("/feeds/../feeds/all.rss.xml", "/feeds/%2e%2e/feeds/all.rss.xml",
            "/feeds%2fall.rss.xml", "/../../../etc/passwd", "/feeds/all.rss.xml%00")) {
      assertThat(raw("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))
          .startsWith("HTTP/1.1 404 ");
    }
  }

  /** Sends a request as written and returns the whole answer, for paths no client would send. */
  String raw(String request) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.address().getPort())) {
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  @Test
  void aChangedFeedGetsANewEtagAndTheOldOneThenGets200() throws Exception {
    responder.swap(Feeds.version(1));
    String old = header(send("GET", RSS), "ETag");
    List<FeedFile> v2 = Feeds.version(2);
    assertThat(responder.swap(v2)).contains(Feeds.rss(v2).url());
    HttpResponse<byte[]> r = send("GET", RSS, "If-None-Match", old);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo(Feeds.rss(v2).bytes());
    assertThat(header(r, "ETag")).isNotEqualTo(old);
    assertThat(send("GET", RSS, "If-None-Match", header(r, "ETag")).statusCode()).isEqualTo(304);
  }

  @Test
  void theServedFeedsPassRomeAndTheProjectsRules() throws Exception {
    responder.swap(Feeds.version(3, Feeds.HUB));
    for (FeedFormat format : FeedFormat.values()) {
      HttpResponse<byte[]> r = send("GET", "/feeds/all." + format.fileName());
      assertThat(r.statusCode()).isEqualTo(200);
      FeedRules.assertValid(format, r.body());
      assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains(Feeds.HUB);
      if (format != FeedFormat.JSON_FEED) {
        WireFeedInput input = new WireFeedInput();
        input.setAllowDoctypes(false);
        WireFeed feed =
            input.build(
                new InputStreamReader(new ByteArrayInputStream(r.body()), StandardCharsets.UTF_8));
        assertThat(feed.getFeedType()).isIn("rss_2.0", "atom_1.0");
      }
    }
  }

  @Test
  void readersNeverSeeATornOrMixedFeedWhileSwapsHappen() throws Exception {
    List<List<FeedFile>> versions = new ArrayList<>();
    Map<String, List<FeedFile>> byEtag = new LinkedHashMap<>();
    for (int v = 1; v <= 4; v++) {
      List<FeedFile> files = Feeds.version(v);
      versions.add(files);
      for (FeedFile f : files) {
        FeedRules.assertValid(f.format(), f.bytes());
        byEtag.put(Served.etag(f.bytes()), files);
      }
    }
    responder.swap(versions.get(0));
    AtomicBoolean reading = new AtomicBoolean(true);
    AtomicInteger swaps = new AtomicInteger();
    CompletableFuture<Void> swapper =
        CompletableFuture.runAsync(
            () -> {
              while (reading.get()) {
                responder.swap(versions.get(swaps.incrementAndGet() % versions.size()));
              }
            });
    ExecutorService readers = Executors.newFixedThreadPool(4);
    ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      int reader = t;
      done.add(
          readers.submit(
              () -> {
                for (int i = 0; i < 40; i++) {
                  FeedFormat format = FeedFormat.values()[(reader + i) % 3];
                  boolean gzip = i % 2 == 0;
                  HttpResponse<byte[]> r =
                      gzip
                          ? send("GET", "/feeds/all." + format.fileName(), "Accept-Encoding", "gzip")
                          : send("GET", "/feeds/all." + format.fileName());
                  byte[] body = gzip ? FeedResponderTest.gunzip(r.body()) : r.body();
                  String etag = header(r, "ETag").replace("-gz\"", "\"");
                  List<FeedFile> version = byEtag.get(etag);
                  if (r.statusCode() != 200 || version == null) {
                    problems.add(r.statusCode() + " " + header(r, "ETag"));
                  } else if (!Arrays.equals(body, version.get(format.ordinal()).bytes())) {
                    problems.add("a body that is not its ETag's version: " + body.length + " bytes");
                  }
                }
                return null;
              }));
    }
    try {
      for (Future<?> f : done) {
        f.get(50, TimeUnit.SECONDS);
      }
    } finally {
      reading.set(false);
      readers.shutdownNow();
      swapper.get(10, TimeUnit.SECONDS);
    }
    assertThat(problems).isEmpty();
    assertThat(swaps.get()).isGreaterThan(1);
  }

  @Test
  void healthAnswersTheSummaryAsJson() throws Exception {
    refreshes.set(7);
    HttpResponse<byte[]> r = send("GET", "/health");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(header(r, "Content-Type")).isEqualTo("application/json; charset=utf-8");
    assertThat(header(r, "Cache-Control")).isEqualTo("no-store");
    Map<String, Object> json = json(r.body());
    assertThat(json).containsEntry("status", "ok").containsEntry("refreshes", 7L)
        .containsEntry("sources", List.of("a", "b"));
    assertThat(send("HEAD", "/health").body()).isEmpty();
    assertThat(send("POST", "/health").statusCode()).isEqualTo(405);
  }

  @Test
  void aFailingHealthSummaryIs500() throws Exception {
    try (FeedServer failing =
        FeedServer.builder(responder)
            .address(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
            .health(() -> { throw new IllegalStateException("store closed"); })
            .start()) {
      HttpResponse<byte[]> r =
          client.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + failing.address().getPort() + "/health"))
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      assertThat(r.statusCode()).isEqualTo(500);
      assertThat(json(r.body())).containsEntry("status", "error");
    }
  }

  /** A flat JSON object of strings, numbers and arrays of strings. */
  static Map<String, Object> json(byte[] bytes) throws IOException {
    Map<String, Object> out = new LinkedHashMap<>();
    try (JsonParser p = new JsonFactory().createParser(bytes)) {
      assertThat(p.nextToken()).isEqualTo(JsonToken.START_OBJECT);
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if (value == JsonToken.START_ARRAY) {
          List<String> items = new ArrayList<>();
          while (p.nextToken() != JsonToken.END_ARRAY) {
            items.add(p.getText());
          }
          out.put(name, items);
        } else {
          out.put(name, value == JsonToken.VALUE_NUMBER_INT ? (Object) p.getLongValue() : p.getText());
        }
      }
    }
    return out;
  }

  @Test
  void aStopFinishesTheResponseBeingSentAndThenReleasesThePort() throws Exception {
    byte[] big = new byte[48 << 20];
    Arrays.fill(big, (byte) 'x');
    responder.swap(
        List.of(new FeedFile(URI.create("https://revue.example/big.xml"), FeedFormat.RSS, big,
            Feeds.UPDATED)));
    int port = server.address().getPort();
    try (Socket slow = new Socket(InetAddress.getLoopbackAddress(), port)) {
      slow.getOutputStream().write(
          "GET /big.xml HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      InputStream in = slow.getInputStream();
      String head = readHead(in); // the server is now blocked writing the body nobody reads
      assertThat(head).startsWith("HTTP/1.1 200 ").contains("Content-length: " + big.length);

      CompletableFuture<Void> stopping = CompletableFuture.runAsync(server::close);
      // while the slow response is in flight, a new request is refused politely
      String refused = "";
      for (int i = 0; i < 2000 && !refused.startsWith("HTTP/1.1 503 "); i++) {
        refused = raw("GET /none HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        if (!refused.startsWith("HTTP/1.1 503 ")) {
          Thread.sleep(5);
        }
      }
      assertThat(refused).startsWith("HTTP/1.1 503 ").containsIgnoringCase("Connection: close");
      assertThat(stopping).isNotDone();

      byte[] body = in.readNBytes(big.length);
      assertThat(body).hasSize(big.length);
      assertThat(body).isEqualTo(big);
      stopping.get(30, TimeUnit.SECONDS);
    }
    assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close())
        .isInstanceOf(ConnectException.class);
  }

  static String readHead(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int c = in.read();
      if (c < 0) {
        break;
      }
      head.append((char) c);
    }
    return head.toString();
  }

  @Test
  void aPortInUseIsAClearError() {
    assertThatThrownBy(
            () ->
                FeedServer.builder(responder).address(server.address()).start())
        .hasMessageContaining("cannot listen on")
        .hasMessageContaining(Integer.toString(server.address().getPort()));
  }

  @Test
  void closingTwiceIsHarmless() {
    server.close();
    server.close();
    assertThatThrownBy(() -> send("GET", RSS)).isInstanceOf(IOException.class);
  }
}
