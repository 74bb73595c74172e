package org.republisher.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.Headers;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.republisher.InvalidValueException;
import org.republisher.model.Article;

/**
 * The fetch a history store makes ({@link FeedSource#fetch(FetchState)}): conditional on what it
 * kept, even on a fresh source after a restart; and the {@code Retry-After} it reads.
 */
@Timeout(30)
class FeedSourceConditionalTest {
  private static final String ETAG = "\"v1\"";
  private static final String LAST_MODIFIED = "Thu, 04 Jun 2020 18:00:00 GMT";

  private final FeedSourceHttpTest.Loopback server = FeedSourceHttpTest.Loopback.start();

  @AfterEach
  void stop() {
    server.close();
  }

  private FeedSource fresh(String path) {
    return FeedSource.builder(server.uri(path)).id("2m").clock(FeedSourceTest.CLOCK).build();
  }

  private void serveWithValidators(byte[] rss) {
    server.handle(
        "/feed.xml",
        ex -> {
          if (ETAG.equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
            ex.getResponseHeaders().set("ETag", ETAG);
            ex.sendResponseHeaders(304, -1);
            return;
          }
          ex.getResponseHeaders().set("ETag", ETAG);
          ex.getResponseHeaders().set("Last-Modified", LAST_MODIFIED);
          FeedSourceHttpTest.Loopback.send(ex, 200, rss);
        });
  }

  @Test
  void aFreshSourceSendsTheKnownValidatorsAndA304IsNotModified() throws IOException {
    serveWithValidators(FeedSourceHttpTest.fixture("rss20.xml"));
    FetchResult first = fresh("/feed.xml").fetch(FetchState.NONE);
    assertThat(first.notModified()).isFalse();
    assertThat(first.articles()).hasSize(5); // link-less entries kept too
    assertThat(first.state().etag()).isEqualTo(ETAG);
    assertThat(first.state().lastModified()).isEqualTo(LAST_MODIFIED);
    assertThat(first.state().bodyHash()).matches("[0-9a-f]{64}");

    FeedSource afterRestart = fresh("/feed.xml");
    FetchResult second = afterRestart.fetch(first.state());
    Headers sent = server.requests.get(1).headers();
    assertThat(sent.getFirst("If-None-Match")).isEqualTo(ETAG);
    assertThat(sent.getFirst("If-Modified-Since")).isEqualTo(LAST_MODIFIED);
    assertThat(second.notModified()).isTrue();
    assertThat(second.articles()).isEmpty();
    assertThat(second.state()).isEqualTo(first.state());
    assertThat(afterRestart.parses()).isZero();
  }

  @Test
  void theSameBodyWithoutValidatorsIsNotModifiedByItsHash() throws IOException {
    AtomicReference<byte[]> body = new AtomicReference<>(FeedSourceHttpTest.fixture("rss20.xml"));
    server.handle("/feed.xml", ex -> FeedSourceHttpTest.Loopback.send(ex, 200, body.get()));
    FetchResult first = fresh("/feed.xml").fetch(FetchState.NONE);
    assertThat(first.state().etag()).isNull();

    FeedSource again = fresh("/feed.xml");
    FetchResult same = again.fetch(first.state());
    assertThat(same.notModified()).isTrue();
    assertThat(same.state().bodyHash()).isEqualTo(first.state().bodyHash());
    assertThat(again.parses()).isZero();

    body.set(
        new String(body.get(), StandardCharsets.UTF_8)
            .replace(
                "</channel>",
                "<item><title>nouveau</title>"
                    + "<link>https://www.2m.ma/fr/news/nouveau</link></item></channel>")
            .getBytes(StandardCharsets.UTF_8));
    FetchResult changed = again.fetch(first.state());
    assertThat(changed.notModified()).isFalse();
    assertThat(changed.articles()).hasSize(6);
    assertThat(changed.state().bodyHash()).isNotEqualTo(first.state().bodyHash());
  }

  @Test
  void aFileFeedIsComparedByItsHash(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("feed.xml");
    Files.write(file, FeedSourceHttpTest.fixture("rss20.xml"));
    URI uri = file.toUri();
    FetchResult first = FeedSource.builder(uri).build().fetch(FetchState.NONE);
    assertThat(first.articles()).hasSize(5); // link-less entries kept too
    assertThat(FeedSource.builder(uri).build().fetch(first.state()).notModified()).isTrue();
    Files.writeString(file, Files.readString(file).replace("Daesh", "Daech"));
    assertThat(FeedSource.builder(uri).build().fetch(first.state()).notModified()).isFalse();
  }

  @Test
  void theConditionalFetchLeavesThePlainFetchsMemoryAlone() throws IOException {
    serveWithValidators(FeedSourceHttpTest.fixture("rss20.xml"));
    FeedSource source = fresh("/feed.xml");
    List<Article> plain = source.fetch();
    assertThat(source.fetch(FetchState.NONE).articles()).isEqualTo(plain);
    assertThat(source.fetch()).isSameAs(plain); // still conditional on its own validators
    assertThat(server.requests.get(2).headers().getFirst("If-None-Match")).isEqualTo(ETAG);
  }

  @Test
  void a304ToAnUnconditionalRequestFails() {
    server.handle("/feed.xml", ex -> ex.sendResponseHeaders(304, -1));
    assertThatThrownBy(() -> fresh("/feed.xml").fetch(FetchState.NONE))
        .isInstanceOfSatisfying(
            SourceException.class, e -> assertThat(e.httpStatus()).isEqualTo(304))
        .hasMessageContaining("no validator was sent");
  }

  @Test
  void retryAfterIsInTheFailure() {
    server.handle(
        "/feed.xml",
        ex -> {
          ex.getResponseHeaders().set("Retry-After", "3600");
          ex.sendResponseHeaders(503, -1);
        });
    for (ArticleSource source : List.of(fresh("/feed.xml"), fresh("/feed.xml"))) {
      assertThatThrownBy(source::fetch)
          .isInstanceOfSatisfying(
              SourceException.class,
              e -> {
                assertThat(e.retryAfter()).contains(Duration.ofHours(1));
                assertThat(e.httpStatus()).isEqualTo(503);
                assertThat(e.sourceId()).isEqualTo("2m");
              })
          .hasMessage(
              "source 2m ("
                  + server.uri("/feed.xml")
                  + "): HTTP 503: the server is unavailable;"
                  + " it asks to retry after 3600 s");
    }
    assertThatThrownBy(() -> fresh("/feed.xml").fetch(FetchState.NONE))
        .isInstanceOfSatisfying(
            SourceException.class, e -> assertThat(e.retryAfter()).contains(Duration.ofHours(1)));
  }

  @Test
  void theStateAndResultCheckTheirValues() {
    assertThat(new FetchState(" ", "", " abc ")).isEqualTo(new FetchState(null, null, "abc"));
    assertThatThrownBy(() -> new FetchState("\"a\"\r\nX-Evil: 1", null, null))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("etag");
    assertThatThrownBy(() -> new FetchState(null, "x".repeat(2000), null))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("lastModified");
    Article article =
        Article.builder().title("un").sourceLink("https://www.2m.ma/fr/news/1").build();
    assertThatThrownBy(() -> new FetchResult(List.of(article), true, FetchState.NONE))
        .isInstanceOf(InvalidValueException.class);
    assertThat(FetchResult.unchanged(FetchState.NONE).articles()).isEmpty();
    assertThat(FetchResult.changed(List.of(article), FetchState.NONE).notModified()).isFalse();
  }

  @Test
  void aSourceWithoutConditionalFetchingFetchesAndReportsAChange() {
    ArticleSource host =
        HostSource.of(
            "cms",
            List.of("https://revue.example/a/1"),
            link -> Article.builder().title("un").link(link).build());
    FetchResult result = host.fetch(new FetchState("\"x\"", null, "abc"));
    assertThat(result.notModified()).isFalse();
    assertThat(result.articles()).hasSize(1);
    assertThat(result.state()).isEqualTo(FetchState.NONE);
  }
}
