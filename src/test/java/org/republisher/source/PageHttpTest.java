package org.republisher.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.republisher.model.Article;
import org.republisher.source.PageFailureException.Kind;

/** The fixture pages served over HTTP by a real server on loopback. */
@Timeout(60)
class PageHttpTest {
  private HttpServer server;
  private String base;
  private int port;

  /** Requests by {@code Host} header and path, such as {@code 127.0.0.1:8080/pages/index.html}. */
  private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();

  private final List<String> notModified = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
    port = server.getAddress().getPort();
    base = "http://127.0.0.1:" + port + "/pages/";
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      requests
          .computeIfAbsent(
              exchange.getRequestHeaders().getFirst("Host") + path, k -> new AtomicInteger())
          .incrementAndGet();
      if (path.equals("/redirect/2m")) {
        exchange.getResponseHeaders().set("Location", "/pages/2m-fr.html");
        exchange.sendResponseHeaders(301, -1);
        return;
      }
      if (path.equals("/pages/feed.xml")) {
        send(exchange, "application/rss+xml", "<rss version=\"2.0\"><channel/></rss>".getBytes());
        return;
      }
      if (path.equals("/pages/huge.html")) {
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(200, 0);
        byte[] chunk = "<p>encore et encore</p>\n".repeat(1000).getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = exchange.getResponseBody()) {
          for (int sent = 0; sent < 5 * 1024 * 1024; sent += chunk.length) {
            out.write(chunk);
          }
        } catch (IOException e) {
          // the client hung up at its cap, as it should
        }
        return;
      }
      if (path.equals("/pages/same-host.html")) {
        String listing =
            "<html><body><ul class='article-list'>"
                + "<li><a href='2m-fr.html'>ici</a></li>"
                + "<li><a href='http://localhost:"
                + port
                + "/pages/mwn-en.html'>autre nom</a></li>"
                + "<li><a href='javascript:alert(1)'>piège</a></li>"
                + "<li><a href='file:///etc/passwd'>fichier</a></li>"
                + "</ul></body></html>";
        send(exchange, "text/html; charset=utf-8", listing.getBytes(StandardCharsets.UTF_8));
        return;
      }
      Path file = path.startsWith("/pages/") ? fixture(path.substring("/pages/".length())) : null;
      if (file == null) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      String etag = "\"" + file.getFileName() + "-v1\"";
      exchange.getResponseHeaders().set("ETag", etag);
      if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
        notModified.add(path);
        exchange.sendResponseHeaders(304, -1);
        return;
      }
      send(exchange, "text/html; charset=utf-8", Files.readAllBytes(file));
    }
  }

  private static Path fixture(String name) {
    if (name.contains("/") || PageFixtures.class.getResource("/pages/" + name) == null) {
      return null;
    }
    return PageFixtures.path(name);
  }

  private static void send(HttpExchange exchange, String type, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(200, body.length);
    exchange.getResponseBody().write(body);
  }

  private int requested(String hostAndPath) {
    AtomicInteger n = requests.get(hostAndPath);
    return n == null ? 0 : n.get();
  }

  private PageSource.Builder source(String path) {
    return PageSource.builder(URI.create(base + path)).id("revue-http");
  }

  @Test
  void theListingIsCrawledOverHttpAndEachArticleLinksItsOwnPage() {
    List<PageFailureException> problems = new ArrayList<>();
    List<Article> articles = source("index.html").problems(problems::add).build().fetch();
    assertThat(articles)
        .extracting(a -> a.link().toString())
        .containsExactly(
            base + "2m-fr.html",
            base + "atalayar-es.html",
            base + "hespress-ar.html",
            base + "mwn-en.html");
    Article fr = articles.get(0);
    assertThat(fr.baseUri()).isEqualTo(fr.link());
    assertThat(fr.image().url()).hasToString(base + "img/2m-coalition-anti-daesh.jpg");
    assertThat(fr.sourceLink().getHost()).isEqualTo("www.2m.ma");
    assertThat(articles.get(2).image().url())
        .hasToString("http://127.0.0.1:" + port + "/uploads/2025/09/rentree-scolaire.jpg");
    assertThat(problems).isEmpty();
    String host = "127.0.0.1:" + port;
    for (String page : List.of("index.html", "2m-fr.html", "hespress-ar.html")) {
      assertThat(requested(host + "/pages/" + page)).as(page).isEqualTo(1);
    }
    // the ticker and the menu link to ticker-only.html: boilerplate, not followed
    assertThat(requested(host + "/pages/ticker-only.html")).isZero();
  }

  @Test
  void aSecondFetchIsConditionalAndGivesTheSameArticles() {
    PageSource source = source("index.html").build();
    List<Article> first = source.fetch();
    List<Article> second = source.fetch();
    assertThat(second).isEqualTo(first).hasSize(4);
    assertThat(notModified)
        .containsExactly(
            "/pages/index.html",
            "/pages/2m-fr.html",
            "/pages/atalayar-es.html",
            "/pages/hespress-ar.html",
            "/pages/mwn-en.html");
  }

  @Test
  void onlyTheSameHostIsFollowedUnlessAsked() {
    String otherName = "localhost:" + port + "/pages/mwn-en.html";
    List<Article> same = source("same-host.html").build().fetch();
    assertThat(same).extracting(a -> a.link().toString()).containsExactly(base + "2m-fr.html");
    assertThat(requested(otherName)).isZero();

    List<Article> any = source("same-host.html").sameHostOnly(false).build().fetch();
    assertThat(any)
        .extracting(a -> a.link().toString())
        .containsExactly(base + "2m-fr.html", "http://" + otherName);
    assertThat(requested(otherName)).isEqualTo(1);
  }

  @Test
  void aMissingPageInACrawlIsSkippedWithItsStatus() {
    List<PageFailureException> problems = new ArrayList<>();
    List<Article> articles = source("listing-broken.html").problems(problems::add).build().fetch();
    assertThat(articles).hasSize(2);
    assertThat(problems)
        .extracting(PageFailureException::kind, PageFailureException::httpStatus)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Kind.ATTRIBUTION_NOT_FOUND, -1),
            org.assertj.core.groups.Tuple.tuple(Kind.UNREADABLE, 404));
    assertThat(problems.get(1))
        .hasMessageContaining(base + "gone.html")
        .hasMessageContaining("HTTP 404");
  }

  @Test
  void aRedirectedPageIsLinkedAtItsFinalUrl() {
    Article a =
        PageSource.builder(URI.create("http://127.0.0.1:" + port + "/redirect/2m"))
            .build()
            .fetch()
            .get(0);
    assertThat(a.link()).hasToString(base + "2m-fr.html");
  }

  @Test
  void aBodyThatIsNotHtmlIsATypedFailure() {
    assertThatThrownBy(source("feed.xml").build()::fetch)
        .isInstanceOfSatisfying(
            PageFailureException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(Kind.UNREADABLE);
              assertThat(e.httpStatus()).isEqualTo(200);
            })
        .hasMessageContaining("application/rss+xml");
  }

  @Test
  void aBodyOverTheCapIsATypedFailure() {
    assertThatThrownBy(source("huge.html").build()::fetch)
        .isInstanceOfSatisfying(
            PageFailureException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(Kind.TOO_LARGE);
              assertThat(e.uri()).hasToString(base + "huge.html");
            });
  }
}
