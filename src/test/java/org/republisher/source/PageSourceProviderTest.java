package org.republisher.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.republisher.source.PageFixtures.uri;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.republisher.InvalidValueException;
import org.republisher.model.Article;
import org.republisher.model.Publication;

/** The {@code page} provider and its options. */
class PageSourceProviderTest {
  private final PageSourceProvider provider = new PageSourceProvider();

  static SourceConfig config(String page, Map<String, String> options) {
    return new SourceConfig("revue", uri(page), "page", null, options);
  }

  @Test
  void itServesThePageKey() {
    assertThat(provider.keys()).containsExactly("page");
    assertThat(config("index.html", Map.of()).key()).isEqualTo(PageSourceProvider.KEY);
  }

  @Test
  void theDefaultsCrawlTheListingWithTheBuiltInProfile() {
    ArticleSource source =
        provider.create(config("index.html", Map.of("publicUrl", PageFixtures.PUBLIC)));
    assertThat(source.id()).isEqualTo("revue");
    assertThat(((PageSource) source).profile()).isSameAs(PageProfile.AGGREGATOR);
    assertThat(source.fetch()).hasSize(4);
  }

  @Test
  void optionsReachTheSource() {
    ArticleSource source =
        provider.create(
            config(
                "index.html",
                Map.ofEntries(
                    Map.entry("profile", "aggregator"),
                    Map.entry("maxPages", "2"),
                    Map.entry("maxDepth", "1"),
                    Map.entry("sameHostOnly", "true"),
                    Map.entry("maxPageBytes", "100000"),
                    Map.entry("publicUrl", "https://revue.example/pages/"),
                    Map.entry("zone", "+03:00"),
                    Map.entry("connectTimeout", "PT5S"),
                    Map.entry("readTimeout", "PT20S"),
                    Map.entry("crawlTimeout", "PT25S"),
                    Map.entry("allowPrivate", "10.0.0.0/8, intranet.example"))));
    List<Article> articles = source.fetch();
    assertThat(articles)
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.link()).hasToString("https://revue.example/pages/2m-fr.html");
              assertThat(a.published()).isEqualTo(Instant.parse("2020-06-04T09:00:00Z"));
            });
  }

  @Test
  void selectorOptionsReplaceTheProfiles() {
    ArticleSource source =
        provider.create(
            config(
                "custom-site.html",
                Map.of(
                    "selector.title", ".headline",
                    "selector.attribution", ".pub",
                    "selector.date", "time.stamp",
                    "selector.body", ".story-text > p",
                    "selector.sourceLink", "a.original",
                    "selector.image", "img.lead",
                    "selector.boilerplate", ".topbar",
                    "selector.listing", "")));
    PageProfile profile = ((PageSource) source).profile();
    assertThat(profile.title()).isEqualTo(".headline");
    assertThat(profile.listing()).isNull();
    Article a = source.fetch().get(0);
    assertThat(a.publication().name()).isEqualTo("Le360");
    assertThat(a.published()).isEqualTo(Instant.parse("2026-03-21T09:15:00Z"));
  }

  @Test
  void theConfiguredPublicationCreditsEveryArticle() {
    Publication twoM = Publication.builder("2M").url("https://www.2m.ma/").build();
    ArticleSource source =
        provider.create(
            new SourceConfig(
                "revue",
                uri("2m-fr.html"),
                "page",
                twoM,
                Map.of("publicUrl", PageFixtures.PUBLIC)));
    assertThat(source.fetch().get(0).publication()).isEqualTo(twoM);
  }

  @Test
  void badOptionsAreRejectedNamingTheOption() {
    assertRejected(Map.of("maxpages", "3"), "options.maxpages");
    assertRejected(Map.of("maxPages", "many"), "options.maxPages");
    assertRejected(Map.of("maxPages", "0"), "options.maxPages");
    assertRejected(Map.of("maxDepth", "11"), "options.maxDepth");
    assertRejected(Map.of("sameHostOnly", "yes"), "options.sameHostOnly");
    assertRejected(Map.of("maxPageBytes", "-1"), "options.maxPageBytes");
    assertRejected(Map.of("publicUrl", "file:/tmp/"), "options.publicUrl");
    assertRejected(Map.of("zone", "Mars/Olympus"), "options.zone");
    assertRejected(Map.of("readTimeout", "30"), "options.readTimeout");
    assertRejected(Map.of("crawlTimeout", "PT0S"), "options.crawlTimeout");
    assertRejected(Map.of("allowPrivate", "10.0.0.0/40"), "options.allowPrivate");
    assertRejected(Map.of("profile", "blog"), "options.profile");
    assertRejected(Map.of("selector.body", "p["), "options.selector.body");
    assertRejected(Map.of("selector.title", ""), "options.selector.title");
    assertRejected(Map.of("selector.author", ".by"), "options.selector.author");
  }

  @Test
  void aStartThatIsNotAPageIsRejected() {
    SourceConfig ftp =
        new SourceConfig(
            "revue", java.net.URI.create("ftp://example.org/x"), "page", null, Map.of());
    assertThatThrownBy(() -> provider.create(ftp))
        .isInstanceOfSatisfying(
            InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("start"));
  }

  private void assertRejected(Map<String, String> options, String field) {
    assertThatThrownBy(() -> provider.create(config("index.html", options)))
        .isInstanceOfSatisfying(
            InvalidValueException.class,
            e -> {
              assertThat(e.field()).isEqualTo(field);
              assertThat(e.value()).isEqualTo(options.values().iterator().next());
            })
        .hasMessageStartingWith(field + " ");
  }
}
