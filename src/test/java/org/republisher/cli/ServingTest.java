package org.republisher.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.republisher.SourceReport;
import org.republisher.store.Databases;
import org.republisher.write.FeedFormat;

/**
 * {@code serve} in this process, over real HTTP on an ephemeral loopback port, on a copy of the
 * example configuration, with a clock the test moves: a refresh happens when the test asks for one.
 */
@Timeout(300) // a hang guard: every wait below is on a condition
class ServingTest {
  static final Instant NOW = Instant.parse(RunCommandTest.NOW);
  static final String ALL = "/feeds/all.atom.xml";

  @TempDir Path dir;
  Workspace ws;
  final StepClock clock = new StepClock(NOW);
  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  final List<AutoCloseable> closing = new ArrayList<>();
  Serving serving;
  Thread loop;

  @BeforeEach
  void copyTheExample() throws IOException {
    ws = Workspace.ofExample(dir);
  }

  @AfterEach
  void stop() throws Exception {
    if (serving != null) {
      serving.stop();
      assertThat(serving.awaitStopped(Duration.ofMinutes(2))).as("stopped").isTrue();
      loop.join(TimeUnit.MINUTES.toMillis(1));
    }
    for (AutoCloseable c : closing) {
      c.close();
    }
  }

  /** Starts serving the workspace's configuration and waits for its first refresh. */
  void start() throws Exception {
    serving = Serving.open(ConfigReader.read(ws.config()), clock, 0,
        new PrintWriter(new java.io.OutputStreamWriter(printed, UTF_8), true));
    loop = new Thread(serving::run, "serving");
    loop.start();
    awaitRefreshes(1);
  }

  /** Moves the clock on and has the service refresh; returns once that refresh is done. */
  JsonNode refresh(Duration later) throws Exception {
    long done = health().get("refreshes").asLong();
    clock.advance(later);
    serving.refreshNow();
    return awaitRefreshes(done + 1);
  }

  JsonNode awaitRefreshes(long n) throws Exception {
    AtomicReference<JsonNode> last = new AtomicReference<>();
    until(() -> {
      try {
        last.set(health());
        return last.get().get("refreshes").asLong() >= n;
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    }, "refresh " + n);
    return last.get();
  }

  static void until(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2); // a hang guard only
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime() - deadline).as("waiting for " + what).isNegative();
      Thread.sleep(10);
    }
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + serving.address().getPort() + path);
  }

  HttpResponse<byte[]> send(String method, String path, String... headers) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri(path)).method(method, HttpRequest.BodyPublishers.noBody());
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  JsonNode health() throws Exception {
    HttpResponse<byte[]> r = send("GET", "/health");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(header(r, "Content-Type")).isEqualTo("application/json; charset=utf-8");
    return new ObjectMapper().readTree(r.body());
  }

  static String header(HttpResponse<?> r, String name) {
    return r.headers().firstValue(name).orElse(null);
  }

  /** Every file served, fetched over HTTP, by its path under the site: what the output holds. */
  Map<String, byte[]> fetchAll() throws Exception {
    Map<String, byte[]> fetched = new TreeMap<>();
    for (String path : ws.files().keySet()) {
      HttpResponse<byte[]> r = send("GET", "/feeds/" + path);
      assertThat(r.statusCode()).as(path).isEqualTo(200);
      assertThat(header(r, "Content-Type")).as(path)
          .isEqualTo(Workspace.format(path).mediaType() + "; charset=utf-8");
      fetched.put(path, r.body());
    }
    return fetched;
  }

  @Test
  void everyFeedAndArchivePageIsServedAtThePathOfItsUrlAsWrittenAndValid() throws Exception {
    start();

    Map<String, byte[]> written = ws.files();
    Map<String, byte[]> served = fetchAll();

    assertThat(written).containsKeys("all.atom.xml", "archive/all-1.rss.xml", "lang/ar.feed.json",
        "medias24.atom.xml");
    RunCommandTest.assertSameFiles(served, written);
    Workspace.assertEveryFileValid(served); // the project's rules, and Rome reads each back
  }

  @Test
  void aReaderGets200Then304ByEtagAndByDateHeadGzip405And404() throws Exception {
    start();

    HttpResponse<byte[]> first = send("GET", ALL);
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.body()).isEqualTo(ws.files().get("all.atom.xml"));
    assertThat(header(first, "Cache-Control")).isEqualTo("public, max-age=900"); // interval: 15m
    assertThat(header(first, "Vary")).isEqualTo("Accept-Encoding");
    String etag = header(first, "ETag");
    String lastModified = header(first, "Last-Modified");
    assertThat(etag).isEqualTo(etag(first.body()));
    assertThat(lastModified).isNotNull();

    HttpResponse<byte[]> byEtag = send("GET", ALL, "If-None-Match", etag);
    assertThat(byEtag.statusCode()).isEqualTo(304);
    assertThat(byEtag.body()).isEmpty();
    assertThat(header(byEtag, "ETag")).isEqualTo(etag);
    HttpResponse<byte[]> byDate = send("GET", ALL, "If-Modified-Since", lastModified);
    assertThat(byDate.statusCode()).isEqualTo(304);
    assertThat(byDate.body()).isEmpty();

    HttpResponse<byte[]> head = send("HEAD", ALL);
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
    assertThat(header(head, "Content-Length")).isEqualTo(Integer.toString(first.body().length));
    assertThat(header(head, "ETag")).isEqualTo(etag);

    HttpResponse<byte[]> gzip = send("GET", ALL, "Accept-Encoding", "gzip");
    assertThat(gzip.statusCode()).isEqualTo(200);
    assertThat(header(gzip, "Content-Encoding")).isEqualTo("gzip");
    assertThat(gzip.body().length).isLessThan(first.body().length);
    assertThat(new GZIPInputStream(new ByteArrayInputStream(gzip.body())).readAllBytes())
        .isEqualTo(first.body());
    assertThat(send("GET", ALL, "Accept-Encoding", "gzip", "If-None-Match",
        header(gzip, "ETag")).statusCode()).isEqualTo(304);

    HttpResponse<byte[]> post = send("POST", ALL);
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(header(post, "Allow")).isEqualTo("GET, HEAD");
    assertThat(send("GET", "/feeds/none.atom.xml").statusCode()).isEqualTo(404);
    assertThat(send("GET", "/all.atom.xml").statusCode()).isEqualTo(404);
    assertThat(send("GET", "/feeds/lang/../all.atom.xml").statusCode()).isEqualTo(404);
  }

  @Test
  void healthAnswersTheLastRefreshAsJson() throws Exception {
    start();

    JsonNode health = health();

    assertThat(health.get("status").asText()).isEqualTo("ok");
    assertThat(health.get("refreshes").asLong()).isEqualTo(1);
    JsonNode last = health.get("lastRefresh");
    assertThat(last.get("time").asText()).isEqualTo(RunCommandTest.NOW);
    assertThat(last.get("sources").get("ok").asInt()).isEqualTo(5);
    assertThat(last.get("sources").get("failed").asInt()).isZero();
    assertThat(last.get("sources").get("notDue").asInt()).isZero();
    int total = last.get("articles").get("total").asInt();
    assertThat(total).isPositive();
    assertThat(last.get("articles").get("new").asInt()).isEqualTo(total);
    assertThat(last.get("articles").get("updated").asInt()).isZero();
    assertThat(last.get("files").get("served").asInt()).isEqualTo(ws.files().size());
    assertThat(health.get("nextRefresh").asText()).isEqualTo("2026-12-01T08:15:00Z");
    List<String> ids = new ArrayList<>();
    for (JsonNode source : health.get("sources")) {
      ids.add(source.get("id").asText());
      assertThat(source.get("outcome").asText()).isEqualTo("fetched");
      assertThat(source.get("nextFetch").asText()).isEqualTo("2026-12-01T08:15:00Z");
      assertThat(source.get("error").isNull()).isTrue();
    }
    assertThat(ids).containsExactly("desk", "pages", "2m", "hespress", "atalayar");

    Files.delete(ws.data("feeds/hespress-ar.rss.xml"));
    JsonNode later = refresh(Duration.ofMinutes(15));

    assertThat(later.get("status").asText()).isEqualTo("degraded");
    assertThat(later.get("lastRefresh").get("sources").get("failed").asInt()).isEqualTo(1);
    JsonNode hespress = later.get("sources").get(3);
    assertThat(hespress.get("outcome").asText()).isEqualTo("failed");
    assertThat(hespress.get("error").asText()).contains("hespress-ar.rss.xml");
    assertThat(send("GET", "/feeds/hespress.atom.xml").statusCode()).isEqualTo(200);
  }

  @Test
  void aRefreshThatChangesAFeedGivesItANewEtagAndTheOldOneThenGets200() throws Exception {
    start();
    HttpResponse<byte[]> before = send("GET", ALL);
    HttpResponse<byte[]> arBefore = send("GET", "/feeds/lang/ar.atom.xml");
    String title = ws.addArticle("Un article de plus", "un-article-de-plus");

    JsonNode health = refresh(Duration.ofMinutes(15));

    assertThat(health.get("lastRefresh").get("articles").get("new").asInt()).isEqualTo(1);
    HttpResponse<byte[]> after = send("GET", ALL, "If-None-Match", header(before, "ETag"));
    assertThat(after.statusCode()).isEqualTo(200);
    assertThat(header(after, "ETag")).isNotEqualTo(header(before, "ETag"))
        .isEqualTo(etag(after.body()));
    assertThat(new String(after.body(), UTF_8)).contains(title);
    assertThat(after.body()).isEqualTo(ws.files().get("all.atom.xml"));
    // a feed the refresh did not change keeps its tag
    assertThat(send("GET", "/feeds/lang/ar.atom.xml", "If-None-Match", header(arBefore, "ETag"))
        .statusCode()).isEqualTo(304);
  }

  @Test
  void concurrentReadersGetWholeBodiesWhileRefreshesSwapTheFiles() throws Exception {
    start();
    Set<String> tags = ConcurrentHashMap.newKeySet();
    List<Throwable> failures = new CopyOnWriteArrayList<>();
    AtomicBoolean done = new AtomicBoolean();
    AtomicInteger bodies = new AtomicInteger();
    List<Thread> readers = new ArrayList<>();
    for (int r = 0; r < 4; r++) {
      boolean gzip = r % 2 == 1;
      Thread reader = new Thread(() -> {
        try {
          while (!done.get()) {
            HttpResponse<byte[]> response = gzip
                ? send("GET", ALL, "Accept-Encoding", "gzip") : send("GET", ALL);
            assertThat(response.statusCode()).isEqualTo(200);
            byte[] body = response.body();
            assertThat(header(response, "Content-Length"))
                .isEqualTo(Integer.toString(body.length));
            if (gzip) {
              assertThat(header(response, "ETag")).endsWith("-gz\"");
              body = new GZIPInputStream(new ByteArrayInputStream(body)).readAllBytes();
            } else {
              assertThat(header(response, "ETag")).as("the tag of the bytes sent")
                  .isEqualTo(etag(body));
            }
            assertThat(Workspace.rome(body).getEntries()).isNotEmpty(); // parses whole
            tags.add(etag(body));
            bodies.incrementAndGet();
          }
        } catch (Throwable e) {
          failures.add(e);
        }
      }, "reader-" + r);
      readers.add(reader);
      reader.start();
    }
    try {
      for (int i = 1; i <= 4; i++) {
        ws.addArticle("Article ajouté " + i, "ajoute-" + i);
        refresh(Duration.ofMinutes(15));
        String tag = etag(send("GET", ALL).body());
        until(() -> tags.contains(tag) || !failures.isEmpty(), "a reader to see version " + i);
      }
    } finally {
      done.set(true);
      for (Thread reader : readers) {
        reader.join(TimeUnit.MINUTES.toMillis(1));
      }
    }
    assertThat(failures).isEmpty();
    assertThat(tags).hasSizeGreaterThanOrEqualTo(4);
    assertThat(bodies.get()).isGreaterThanOrEqualTo(4);
  }

  @Test
  void aFailingWriteIsReportedAndServingGoesOnFromMemory() throws Exception {
    start();
    HttpResponse<byte[]> before = send("GET", ALL);
    Path feeds = ws.feeds();
    Path aside = dir.resolve("feeds-aside");
    Files.move(feeds, aside);
    Files.writeString(feeds, "a file where the folder should be");
    String title = ws.addArticle("Un article servi de mémoire", "de-memoire");

    JsonNode health = refresh(Duration.ofMinutes(15));

    assertThat(health.get("status").asText()).isEqualTo("degraded");
    assertThat(health.get("lastRefresh").get("error").asText())
        .contains("cannot write the feeds into " + feeds);
    HttpResponse<byte[]> after = send("GET", ALL, "If-None-Match", header(before, "ETag"));
    assertThat(after.statusCode()).isEqualTo(200);
    assertThat(new String(after.body(), UTF_8)).contains(title);
    assertThat(Files.readString(feeds)).isEqualTo("a file where the folder should be");

    Files.delete(feeds);
    Files.move(aside, feeds);
    JsonNode fixed = refresh(Duration.ofMinutes(15));

    assertThat(fixed.get("status").asText()).isEqualTo("ok");
    assertThat(ws.files().get("all.atom.xml")).isEqualTo(after.body());
  }

  @Test
  void everySourceFailingKeepsTheFilesServed() throws Exception {
    ws.recordsOnly();
    start();
    HttpResponse<byte[]> before = send("GET", ALL);
    Files.writeString(ws.data("articles.jsonl"), "not json\n", UTF_8);

    JsonNode health = refresh(Duration.ofMinutes(15));

    assertThat(health.get("status").asText()).isEqualTo("degraded");
    assertThat(health.get("lastRefresh").get("sources").get("failed").asInt()).isEqualTo(1);
    assertThat(send("GET", ALL, "If-None-Match", header(before, "ETag")).statusCode())
        .isEqualTo(304);
    assertThat(printed.toString(UTF_8)).contains("files     none written");
  }

  @Test
  void aRefreshThatFailsAsAWholeIsReportedAndServingGoesOnUntilTheNextOneWorks() throws Exception {
    String url = Databases.postgres();
    ws.store("\"" + url + "\"");
    start();
    HttpResponse<byte[]> before = send("GET", ALL);

    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.execute("ALTER TABLE source RENAME TO source_away"); // the store breaks under serve
    }
    JsonNode failing = refresh(Duration.ofMinutes(15));

    assertThat(failing.get("status").asText()).isEqualTo("failing");
    assertThat(failing.get("lastRefresh").get("error").asText()).contains("source");
    assertThat(failing.get("nextRefresh").asText())
        .isEqualTo(NOW.plus(Duration.ofMinutes(16)).toString()); // a minute later
    assertThat(send("GET", ALL, "If-None-Match", header(before, "ETag")).statusCode())
        .isEqualTo(304);
    assertThat(printed.toString(UTF_8)).contains("FAILED    the refresh: ");

    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.execute("ALTER TABLE source_away RENAME TO source");
    }
    JsonNode healed = refresh(Duration.ofMinutes(1));

    assertThat(healed.get("status").asText()).isEqualTo("ok");
    assertThat(healed.get("lastRefresh").get("sources").get("ok").asInt()).isEqualTo(5);
  }

  @Test
  void theHubIsToldOfEachChangedFeedOnceAndOfNothingWhenNothingChanged() throws Exception {
    FakeHub hub = new FakeHub();
    closing.add(hub);
    ws.append("websub:\n  hub: " + hub.url() + "\n");
    start();
    Set<URI> current = currentDocuments(ws.files().keySet());

    // the first refresh: every current document is new to the output folder
    List<URI> first = hub.take(current.size());
    assertThat(first).doesNotHaveDuplicates();
    assertThat(new HashSet<>(first)).isEqualTo(current);
    HttpResponse<byte[]> feed = send("GET", ALL);
    assertThat(new String(feed.body(), UTF_8)).contains("<link rel=\"hub\" href=\"" + hub.url()
        + "\"/>");
    assertThat(header(feed, "Link")).contains("<" + hub.url() + ">; rel=\"hub\"");

    Map<String, byte[]> before = ws.files();
    refresh(Duration.ofMinutes(15)); // every source due, nothing changed
    RunCommandTest.assertSameFiles(ws.files(), before);
    ws.addArticle("Un article annoncé", "annonce");
    refresh(Duration.ofMinutes(15));

    // the publisher sends in order: anything the unchanged refresh announced would come first
    Set<URI> changed = changedDocuments(before, ws.files());
    assertThat(changed).contains(URI.create("https://revue.example/feeds/medias24.atom.xml"),
        URI.create("https://revue.example/feeds/all.rss.xml"));
    List<URI> second = hub.take(changed.size());
    assertThat(second).doesNotHaveDuplicates();
    assertThat(new HashSet<>(second)).isEqualTo(changed);
  }

  @Test
  void aRestartAnnouncesNothingThatDidNotChangeWhileItWasDown() throws Exception {
    FakeHub hub = new FakeHub();
    closing.add(hub);
    ws.append("websub:\n  hub: " + hub.url() + "\n");
    Workspace.Run run = ws.run("--now", RunCommandTest.NOW);
    assertThat(run.status()).as(run.toString()).isZero();
    Set<URI> current = currentDocuments(ws.files().keySet());
    assertThat(run.out()).contains("websub    " + current.size() + " changed feeds announced to "
        + hub.url());
    assertThat(new HashSet<>(hub.drain())).isEqualTo(current);

    start(); // the same instant: nothing is due, nothing changed
    Map<String, byte[]> before = ws.files();
    ws.addArticle("Un article après le redémarrage", "apres");
    refresh(Duration.ofMinutes(15));

    Set<URI> changed = changedDocuments(before, ws.files());
    assertThat(changed).isNotEmpty();
    assertThat(new HashSet<>(hub.take(changed.size()))).isEqualTo(changed);
  }

  @Test
  void aStopDuringARefreshLetsItFinishThenClosesTheServerAndTheStore() throws Exception {
    Upstream upstream = new Upstream();
    closing.add(upstream);
    ws.source("  - id: fil\n    uri: " + upstream.url() + "\n");
    start();
    upstream.items("Premier article du fil", "Second article du fil");
    upstream.hold();
    clock.advance(Duration.ofMinutes(15));
    serving.refreshNow();
    assertThat(upstream.held.await(2, TimeUnit.MINUTES)).as("the refresh's fetch").isTrue();

    serving.stop(); // while the refresh waits for the upstream
    assertThat(printed.toString(UTF_8)).endsWith(
        "stopping  the refresh under way, if any, finishes first" + System.lineSeparator());
    upstream.release();

    assertThat(serving.awaitStopped(Duration.ofMinutes(2))).isTrue();
    String out = printed.toString(UTF_8);
    assertThat(out.substring(out.indexOf("stopping  ")))
        .containsPattern("ok +fil +2 articles, 1 new, 0 updated")
        .endsWith("stopped   the server and the store are closed" + System.lineSeparator());
    assertThat(new String(ws.files().get("all.atom.xml"), UTF_8)).contains("Second article du fil");
    assertThat(ws.root.resolve("target/republisher.db-wal")).doesNotExist(); // closed: no WAL left
    try (Stream<Path> files = Files.walk(ws.feeds())) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
    }
    Workspace.assertEveryFileValid(ws.files());
  }

  @Test
  void theNextRefreshIsWhenTheFirstSourceIsDueAndNeverSoonerThanTheMinimumWait() {
    Instant now = NOW;
    Duration interval = Duration.ofMinutes(15);

    assertThat(Serving.next(List.of(report("a", now.plusSeconds(600)),
        report("b", now.plusSeconds(60)), report("c", null)), now, interval))
        .isEqualTo(now.plusSeconds(60));
    assertThat(Serving.next(List.of(report("a", now.minusSeconds(60))), now, interval))
        .isEqualTo(now.plus(Serving.MIN_WAIT));
    assertThat(Serving.next(List.of(report("a", null)), now, interval)).isEqualTo(now.plus(interval));
    assertThat(Serving.next(List.of(), now, interval)).isEqualTo(now.plus(interval));
  }

  private static SourceReport report(String id, Instant next) {
    return new SourceReport(id, SourceReport.Outcome.NOT_DUE, 0, 0, 0, 0, next, null);
  }

  /** The URLs of the current documents (not archive pages) among output paths. */
  static Set<URI> currentDocuments(Set<String> paths) {
    Set<URI> urls = new HashSet<>();
    for (String path : paths) {
      if (!path.startsWith("archive/") && !path.contains("/archive/")) {
        urls.add(Workspace.SITE.resolve(path));
      }
    }
    return urls;
  }

  /** The URLs of the current documents whose bytes differ between two states of the output. */
  static Set<URI> changedDocuments(Map<String, byte[]> before, Map<String, byte[]> after) {
    Set<String> paths = new HashSet<>();
    for (Map.Entry<String, byte[]> file : after.entrySet()) {
      if (!java.util.Arrays.equals(before.get(file.getKey()), file.getValue())) {
        paths.add(file.getKey());
      }
    }
    return currentDocuments(paths);
  }

  /** A strong entity tag of the bytes, as the responder makes it: 128 bits of SHA-256. */
  static String etag(byte[] body) throws Exception {
    byte[] hash = MessageDigest.getInstance("SHA-256").digest(body);
    return "\"" + Base64.getUrlEncoder().withoutPadding()
        .encodeToString(java.util.Arrays.copyOf(hash, 16)) + "\"";
  }

  /** A clock the test moves on. */
  static final class StepClock extends Clock {
    private final AtomicReference<Instant> now;

    StepClock(Instant now) {
      this.now = new AtomicReference<>(now);
    }

    void advance(Duration by) {
      now.updateAndGet(t -> t.plus(by));
    }

    @Override
    public Instant instant() {
      return now.get();
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }
  }
}
