package org.republisher.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.republisher.Republisher;
import org.republisher.Snapshot;
import org.republisher.model.Article;
import org.republisher.source.PageFailureException.Kind;

/**
 * A crawl against two real servers on loopback, one per port: it keeps to the exact scheme, host
 * and port of its page, redirects included, and a hanging page or a spent budget costs only the
 * pages concerned.
 */
@Timeout(60)
class PageCrawlLimitsTest {
  private final ExecutorService pool = Executors.newCachedThreadPool();
  private final CountDownLatch release = new CountDownLatch(1);
  private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
  private final List<PageFailureException> problems = new CopyOnWriteArrayList<>();
  private HttpServer a;
  private HttpServer b;

  @BeforeEach
  void start() throws IOException {
    a = server();
    b = server();
  }

  @AfterEach
  void stop() {
    release.countDown();
    a.stop(0);
    b.stop(0);
    pool.shutdownNow();
  }

  private HttpServer server() throws IOException {
    HttpServer s =
        HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    s.setExecutor(pool);
    s.createContext("/", ex -> serve(s, ex));
    s.start();
    return s;
  }

  private final Map<String, String> listings = new ConcurrentHashMap<>();

  private void serve(HttpServer s, HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath();
      hits.computeIfAbsent(base(s) + path, k -> new AtomicInteger()).incrementAndGet();
      if (path.startsWith("/hang")) {
        try {
          release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return;
      }
      if (path.startsWith("/jump/")) {
        ex.getResponseHeaders().set("Location", base(b) + "/pages/" + path.substring(6));
        ex.sendResponseHeaders(302, -1);
        return;
      }
      byte[] body;
      String listing = listings.get(base(s) + path);
      if (listing != null) {
        body = listing.getBytes(StandardCharsets.UTF_8);
      } else if (path.startsWith("/pages/")) {
        body = Files.readAllBytes(PageFixtures.path(path.substring(7)));
      } else {
        ex.sendResponseHeaders(404, -1);
        return;
      }
      ex.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
    }
  }

  private static String base(HttpServer s) {
    return "http://127.0.0.1:" + s.getAddress().getPort();
  }

  private URI listing(HttpServer s, String... links) {
    StringBuilder html = new StringBuilder("<html><body><ul class='article-list'>");
    for (String link : links) {
      html.append("<li><a href='").append(link).append("'>lien</a></li>");
    }
    listings.put(base(s) + "/list.html", html.append("</ul></body></html>").toString());
    return URI.create(base(s) + "/list.html");
  }

  private int hits(String uri) {
    AtomicInteger n = hits.get(uri);
    return n == null ? 0 : n.get();
  }

  @Test
  void theCrawlKeepsToTheExactSchemeHostAndPortRedirectsIncluded() {
    URI start =
        listing(
            a,
            "/pages/2m-fr.html",
            base(b) + "/pages/atalayar-es.html", // same host, another port
            "https://127.0.0.1:" + a.getAddress().getPort() + "/pages/mwn-en.html", // scheme
            "/jump/hespress-ar.html"); // same site, redirecting to the other port
    List<Article> articles =
        PageSource.builder(start).id("revue").problems(problems::add).build().fetch();
    assertThat(articles)
        .extracting(x -> x.link().toString())
        .containsExactly(base(a) + "/pages/2m-fr.html");
    assertThat(hits(base(b) + "/pages/atalayar-es.html")).isZero();
    assertThat(hits(base(b) + "/pages/hespress-ar.html")).isZero();
    assertThat(hits(base(a) + "/jump/hespress-ar.html")).isOne();
    assertThat(problems)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.kind()).isEqualTo(Kind.REFUSED);
              assertThat(e.uri()).hasToString(base(a) + "/jump/hespress-ar.html");
              assertThat(e.getCause())
                  .isInstanceOfSatisfying(
                      DestinationRefusedException.class,
                      r -> assertThat(r.target()).hasToString(base(b) + "/pages/hespress-ar.html"));
              assertThat(e.getMessage())
                  .startsWith("source revue (" + base(a) + "/jump/hespress-ar.html): HTTP 302:")
                  .contains("leaves the crawl's site (" + base(a) + ")");
            });
  }

  @Test
  void leavingTheSiteWhenAskedStillCannotReachAnotherLocalPort() {
    URI start = listing(a, "/pages/2m-fr.html", base(b) + "/pages/atalayar-es.html");
    List<Article> articles =
        PageSource.builder(start).sameHostOnly(false).problems(problems::add).build().fetch();
    assertThat(articles).hasSize(1);
    assertThat(hits(base(b) + "/pages/atalayar-es.html")).isZero();
    assertThat(problems).extracting(PageFailureException::kind).containsExactly(Kind.REFUSED);
  }

  @Test
  void aHangingPageAmongGoodOnesCostsOnlyItselfWithinTheRepublishersDeadline() {
    URI start =
        listing(
            a,
            "/pages/2m-fr.html",
            "/pages/atalayar-es.html",
            "/hang.html",
            "/pages/hespress-ar.html",
            "/pages/mwn-en.html");
    PageSource pages =
        PageSource.builder(start)
            .id("revue")
            .readTimeout(Duration.ofSeconds(1))
            .crawlTimeout(Duration.ofSeconds(8))
            .problems(problems::add)
            .build();
    try (Republisher republisher =
        Republisher.builder().source(pages).deadline(Duration.ofSeconds(12)).build()) {
      Snapshot snapshot = republisher.refresh();
      assertThat(snapshot.failures()).isEmpty();
      assertThat(snapshot.counts()).containsEntry("revue", 4);
    }
    assertThat(problems)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.kind()).isEqualTo(Kind.UNREADABLE);
              assertThat(e.uri()).hasToString(base(a) + "/hang.html");
              assertThat(e.reason()).contains("no complete answer within 1 s");
            });
  }

  @Test
  void aLongTitleIsCutAndAnOverlongUrlIsIgnored() throws IOException {
    String page =
        Files.readString(PageFixtures.path("2m-fr.html"))
            .replace(
                "Le Maroc plaide pour une mobilisation accrue",
                "Le Maroc plaide pour une mobilisation accrue ".repeat(60))
            .replace(
                "https://www.2m.ma/fr/news/le-maroc-plaide",
                "https://www.2m.ma/fr/news/" + "x".repeat(9000));
    listings.put(base(a) + "/long.html", page);
    Article article = PageSource.builder(URI.create(base(a) + "/long.html")).build().fetch().get(0);
    assertThat(article.title()).hasSizeLessThanOrEqualTo(1024).endsWith("…");
    assertThat(article.sourceLink()).isNull(); // 9 KiB: not a link
    assertThat(article.link()).hasToString(base(a) + "/long.html");
  }

  @Test
  void theDefaultsLeaveTheCrawlTimeToReturnBeforeTheRepublisherGivesUp() {
    assertThat(PageSource.DEFAULT_READ_TIMEOUT.multipliedBy(2))
        .isLessThanOrEqualTo(PageSource.DEFAULT_CRAWL_TIMEOUT);
    assertThat(PageSource.DEFAULT_CRAWL_TIMEOUT.plus(PageSource.DEFAULT_READ_TIMEOUT))
        .isLessThanOrEqualTo(Republisher.DEFAULT_DEADLINE);
  }

  @Test
  void aSpentBudgetReturnsWhatWasReadAndReportsThePagesLeft() {
    URI start =
        listing(
            a,
            "/pages/2m-fr.html",
            "/hang1.html",
            "/hang2.html",
            "/hang3.html",
            "/pages/atalayar-es.html");
    List<Article> articles =
        PageSource.builder(start)
            .readTimeout(Duration.ofSeconds(1))
            .crawlTimeout(Duration.ofMillis(2500))
            .problems(problems::add)
            .build()
            .fetch();
    // each hanging page takes a second, or what is left: after three, nothing is
    assertThat(articles)
        .extracting(x -> x.link().toString())
        .containsExactly(base(a) + "/pages/2m-fr.html");
    assertThat(problems)
        .extracting(e -> e.uri().toString())
        .containsExactly(
            base(a) + "/hang1.html",
            base(a) + "/hang2.html",
            base(a) + "/hang3.html",
            base(a) + "/pages/atalayar-es.html");
    assertThat(problems)
        .extracting(PageFailureException::kind)
        .allMatch(k -> k == Kind.UNREADABLE || k == Kind.NOT_READ)
        .last()
        .isEqualTo(Kind.NOT_READ);
    assertThat(problems.get(3).reason()).contains("the crawl's 2500 ms were spent");
    assertThat(hits(base(a) + "/pages/atalayar-es.html")).isZero();
  }
}
