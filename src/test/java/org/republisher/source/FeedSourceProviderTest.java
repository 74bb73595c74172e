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
  void httpOptionsAreApplied() {
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
    assertThat(server.requests)
        .extracting(r -> r.headers().getFirst("User-Agent"))
        .containsOnly("revue-bot/1.0");
    ArticleSource noRedirects =
        provider.create(config(server.uri("/r"), Map.of("maxRedirects", "0")));
    assertThatThrownBy(noRedirects::fetch)
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("more than 0 redirects");
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
