package org.republisher;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.republisher.source.FeedSource;
import org.republisher.model.Article;
import org.republisher.model.Publication;
import org.republisher.source.ArticleSource;
import org.republisher.source.SourceException;
import org.republisher.store.ArticleStore;

/** A republisher with a history store: due sources only, recorded, with the history's identity. */
class RepublisherHistoryTest {
  static final Instant MONDAY = Instant.parse("2026-12-07T08:00:00Z");

  static Article article(String slug, String link) {
    return Article.builder()
        .title("Titre " + slug)
        .sourceLink(link)
        .publication(Publication.builder("2M").url("https://www.2m.ma/fr").build())
        .build(); // undated, as many scraped items are
  }

  static Republisher republisher(ArticleStore store, Instant now, ArticleSource... sources) {
    Republisher.Builder b = Republisher.builder().store(store)
        .clock(Clock.fixed(now, ZoneOffset.UTC)).interval(Duration.ofMinutes(15));
    for (ArticleSource source : sources) {
      b.source(source);
    }
    return b.build();
  }

  @Test
  void undatedArticlesThroughTwoSourcesAreOneArticleDatedWhenFirstSeen() {
    Article viaFeed = article("a", "https://www.2m.ma/fr/news/a?utm_source=rss");
    Article viaPage = article("a", "http://www.2m.ma/fr/news/a#top");
    try (ArticleStore store = ArticleStore.inMemory()) {
      try (Republisher first = republisher(store, MONDAY,
          RepublisherTest.source("feed", viaFeed), RepublisherTest.source("page", viaPage))) {
        Snapshot snapshot = first.refresh();
        assertThat(snapshot.articles()).singleElement().satisfies(a -> {
          assertThat(a.published()).isEqualTo(MONDAY);
          assertThat(a.id()).isEqualTo(viaFeed.id());
        });
        assertThat(snapshot.added()).isEqualTo(1);
        assertThat(snapshot.reports()).extracting(SourceReport::outcome)
            .containsOnly(SourceReport.Outcome.FETCHED);
      }
      assertThat(store.articleCount()).isEqualTo(1);

      // the next run, an hour later: both due again, nothing new, the same date
      Instant later = MONDAY.plus(Duration.ofHours(1));
      try (Republisher second = republisher(store, later,
          RepublisherTest.source("feed", viaFeed), RepublisherTest.source("page", viaPage))) {
        Snapshot snapshot = second.refresh();
        assertThat(snapshot.added()).isZero();
        assertThat(snapshot.updated()).isZero();
        assertThat(snapshot.articles()).singleElement()
            .satisfies(a -> assertThat(a.published()).isEqualTo(MONDAY));
      }
    }
  }

  @Test
  void aSourceIsNotFetchedBeforeItIsDueAndBacksOffWhenFailing() {
    AtomicInteger fetches = new AtomicInteger();
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    ArticleSource flaky = RepublisherTest.source("flaky", () -> {
      fetches.incrementAndGet();
      if (failure.get() != null) {
        throw failure.get();
      }
      return List.of(article("b", "https://www.2m.ma/fr/news/b"));
    });
    try (ArticleStore store = ArticleStore.inMemory()) {
      try (Republisher r = republisher(store, MONDAY, flaky)) {
        r.refresh();
      }
      try (Republisher r = republisher(store, MONDAY.plusSeconds(60), flaky)) {
        Snapshot early = r.refresh();
        assertThat(early.reports()).singleElement().satisfies(report -> {
          assertThat(report.outcome()).isEqualTo(SourceReport.Outcome.NOT_DUE);
          assertThat(report.nextFetch()).isEqualTo(MONDAY.plus(Duration.ofMinutes(15)));
        });
      }
      assertThat(fetches).hasValue(1);

      failure.set(new SourceException("flaky", null, 500, "HTTP 500", null));
      Instant due = MONDAY.plus(Duration.ofMinutes(15));
      try (Republisher r = republisher(store, due, flaky)) {
        SourceReport report = r.refresh().reports().get(0);
        assertThat(report.outcome()).isEqualTo(SourceReport.Outcome.FAILED);
        assertThat(report.failure().httpStatus()).isEqualTo(500);
        assertThat(report.nextFetch()).isEqualTo(due.plus(Duration.ofMinutes(15)));
      }
      Instant again = due.plus(Duration.ofMinutes(15));
      try (Republisher r = republisher(store, again, flaky)) {
        assertThat(r.refresh().reports().get(0).nextFetch())
            .isEqualTo(again.plus(Duration.ofMinutes(30)));
      }
      assertThat(fetches).hasValue(3);
    }
  }

  static final String RSS = """
      <?xml version="1.0" encoding="UTF-8"?>
      <rss version="2.0"><channel><title>2M</title><link>https://www.2m.ma/fr</link>
      <description>2M</description>
      <item><title>Un</title><link>https://www.2m.ma/fr/news/1</link>
      <pubDate>Thu, 04 Jun 2020 10:00:00 GMT</pubDate></item>
      <item><title>Deux</title><link>https://www.2m.ma/fr/news/2</link></item>
      </channel></rss>
      """;

  /** A feed on loopback with an ETag, answering 304 to it, or 503 with a Retry-After. */
  static final class Upstream implements AutoCloseable {
    final HttpServer server;
    final List<String> ifNoneMatch = new CopyOnWriteArrayList<>();
    volatile boolean unavailable;

    Upstream() throws java.io.IOException {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext("/feed.xml", ex -> {
        String sent = ex.getRequestHeaders().getFirst("If-None-Match");
        ifNoneMatch.add(String.valueOf(sent));
        if (unavailable) {
          ex.getResponseHeaders().set("Retry-After", "7200");
          ex.sendResponseHeaders(503, -1);
        } else if ("\"v1\"".equals(sent)) {
          ex.sendResponseHeaders(304, -1);
        } else {
          byte[] body = RSS.getBytes(java.nio.charset.StandardCharsets.UTF_8);
          ex.getResponseHeaders().set("Content-Type", "application/rss+xml");
          ex.getResponseHeaders().set("ETag", "\"v1\"");
          ex.sendResponseHeaders(200, body.length);
          ex.getResponseBody().write(body);
        }
        ex.close();
      });
      server.start();
    }

    URI uri() {
      return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/feed.xml");
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }

  static Republisher overHttp(ArticleStore store, Instant now, URI feed) {
    // a new FeedSource each time: what it knows of the last fetch comes from the store alone
    return republisher(store, now, FeedSource.builder(feed).id("2m").build());
  }

  @Test
  void aRestartSendsTheStoredValidatorsAndA503WithRetryAfterIsHonoured(@TempDir Path dir)
      throws Exception {
    String file = dir.resolve("history.db").toString();
    try (Upstream upstream = new Upstream()) {
      try (ArticleStore store = ArticleStore.open(file);
          Republisher r = overHttp(store, MONDAY, upstream.uri())) {
        SourceReport report = r.refresh().reports().get(0);
        assertThat(report.outcome()).isEqualTo(SourceReport.Outcome.FETCHED);
        assertThat(report.added()).isEqualTo(2);
      }
      assertThat(upstream.ifNoneMatch).containsExactly("null");

      // a new process, 15 minutes later: a conditional GET, and the 304 changes nothing
      Instant later = MONDAY.plus(Duration.ofMinutes(15));
      try (ArticleStore store = ArticleStore.open(file);
          Republisher r = overHttp(store, later, upstream.uri())) {
        SourceReport report = r.refresh().reports().get(0);
        assertThat(report.outcome()).isEqualTo(SourceReport.Outcome.NOT_MODIFIED);
        assertThat(store.articleCount()).isEqualTo(2);
      }
      assertThat(upstream.ifNoneMatch).containsExactly("null", "\"v1\"");

      // the upstream is down and asks for two hours: no request before then
      upstream.unavailable = true;
      Instant down = later.plus(Duration.ofMinutes(15));
      try (ArticleStore store = ArticleStore.open(file);
          Republisher r = overHttp(store, down, upstream.uri())) {
        SourceReport report = r.refresh().reports().get(0);
        assertThat(report.outcome()).isEqualTo(SourceReport.Outcome.FAILED);
        assertThat(report.failure().httpStatus()).isEqualTo(503);
        assertThat(report.nextFetch()).isEqualTo(down.plus(Duration.ofHours(2)));
      }
      try (ArticleStore store = ArticleStore.open(file);
          Republisher r = overHttp(store, down.plus(Duration.ofHours(1)), upstream.uri())) {
        assertThat(r.refresh().reports().get(0).outcome())
            .isEqualTo(SourceReport.Outcome.NOT_DUE);
      }
      assertThat(upstream.ifNoneMatch).hasSize(3);
    }
  }
}
