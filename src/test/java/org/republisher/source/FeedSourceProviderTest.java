package org.republisher.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.republisher.InvalidValueException;
import org.republisher.model.Article;
import org.republisher.model.Publication;

class FeedSourceProviderTest {
  private final FeedSourceProvider provider = new FeedSourceProvider();
  private final FeedSourceHttpTest.Loopback server = FeedSourceHttpTest.Loopback.start();

  @AfterEach
  void stop() {
    server.close();
  }

  static SourceConfig config(URI uri, Map<String, String> options) {
    return new SourceConfig("feed", uri, null, null, options);
  }

  @Test
  void servesHttpHttpsAndFile() {
    assertThat(provider.keys()).containsExactlyInAnyOrder("http", "https", "file");
    assertThat(provider.create(SourceConfig.of("2m", URI.create("https://www.2m.ma/fr/rss.xml"))))
        .isInstanceOf(FeedSource.class)
        .satisfies(s -> assertThat(s.id()).isEqualTo("2m"));
  }

  @Test
  void theConfigurationsIdAndPublicationAreUsed() {
    Publication twoM = Publication.builder("2M").url("https://www.2m.ma/fr").build();
    SourceConfig config =
        new SourceConfig("2m", FeedSourceTest.fixture("rss20.xml").toUri(), null, twoM, Map.of());
    assertThat(provider.create(config).fetch()).extracting(Article::publication).containsOnly(twoM);
  }

  @Test
  void optionsAreApplied() {
    URI uri = FeedSourceTest.fixture("rss20-html-titles.xml").toUri();
    assertThat(provider.create(config(uri, Map.of("maxItems", "1"))).fetch()).hasSize(1);
    assertThatThrownBy(provider.create(config(uri, Map.of("maxBytes", "1KiB")))::fetch)
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("exceeds 1024 bytes");
  }

  @Test
  void httpOptionsAreApplied() throws InterruptedException {
    server.handle("/feed.xml", ex -> server.hang());
    server.handle("/r", ex -> FeedSourceHttpTest.Loopback.redirect(ex, 302, "/feed.xml"));
    ArticleSource source =
        provider.create(
            config(
                server.uri("/r"),
                Map.of(
                    "readTimeout", "200ms",
                    "connectTimeout", "PT1S",
                    "userAgent", "revue-bot/1.0",
                    "maxRedirects", "1")));
    assertThatThrownBy(source::fetch)
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("no complete answer within 200 ms");
    server.awaitRequests(1); // a loaded machine may time out before the server reads the request
    assertThat(server.requests)
        .extracting(r -> r.headers().getFirst("User-Agent"))
        .containsOnly("revue-bot/1.0");
    ArticleSource noRedirects =
        provider.create(config(server.uri("/r"), Map.of("maxRedirects", "0")));
    assertThatThrownBy(noRedirects::fetch)
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("more than 0 redirects");
  }

  @Test
  void allowPrivateLetsARedirectReachAnotherLocalServer() {
    try (FeedSourceHttpTest.Loopback other = FeedSourceHttpTest.Loopback.start()) {
      other.handle("/feed.xml", ex -> FeedSourceHttpTest.Loopback.send(ex, 200, HugeFeeds.small()));
      String elsewhere = other.uri("/feed.xml").toString();
      server.handle("/moved", ex -> FeedSourceHttpTest.Loopback.redirect(ex, 301, elsewhere));
      ArticleSource refused = provider.create(config(server.uri("/moved"), Map.of()));
      assertThatThrownBy(refused::fetch).isInstanceOf(DestinationRefusedException.class);
      assertThat(other.requests).isEmpty();
      ArticleSource allowed =
          provider.create(
              config(server.uri("/moved"), Map.of("allowPrivate", " 127.0.0.0/8 , ::1 ")));
      assertThat(allowed.fetch()).hasSize(1);
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "maxBytes       | lots  | options.maxBytes",
        "maxBytes       | 0     | options.maxBytes",
        "maxBytes       | 3GiB  | options.maxBytes",
        "maxBytes       | 4096MiB | options.maxBytes",
        "connectTimeout | soon  | options.connectTimeout",
        "readTimeout    | 0s    | options.readTimeout",
        "readTimeout    | -PT1S | options.readTimeout",
        "maxRedirects   | five  | options.maxRedirects",
        "maxRedirects   | 50    | maxRedirects",
        "maxItems       | 0     | maxItems",
        "userAgent      | ' '   | userAgent",
        "maxbytes       | 10    | options.maxbytes",
        "allowPrivate   | 10.0.0.0/99 | allowPrivate",
        "allowPrivate   | 'intranet.example, not a host' | allowPrivate",
      })
  void badOptionsAreRejectedByName(String option, String value, String field) {
    SourceConfig config = config(URI.create("https://www.2m.ma/fr/rss.xml"), Map.of(option, value));
    assertThatThrownBy(() -> provider.create(config))
        .isInstanceOfSatisfying(
            InvalidValueException.class, e -> assertThat(e.field()).isEqualTo(field));
  }

  @Test
  void aUriThatIsNotAFeedLocationIsRejected() {
    assertThatThrownBy(
            () -> provider.create(SourceConfig.of("x", URI.create("mailto:a@b.example"))))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("source.uri");
  }
}
