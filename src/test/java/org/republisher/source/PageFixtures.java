package org.republisher.source;


import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.republisher.model.Article;
import org.republisher.model.Attribution;
import org.republisher.model.FeedSpec;
import org.republisher.testing.FeedRules;
import org.republisher.write.FeedFormat;
import org.republisher.write.FeedWriter;

/**
 * The aggregator pages on the test classpath under {@code pages/} ({@code examples/data/pages/} and
 * {@code src/test/resources/pages/}) and what tests expect of them.
 */
final class PageFixtures {
  /** Where the fixture pages are published, for pages read from files. */
  static final String PUBLIC = "https://revue.example/pages/";

  static final ZoneId CASABLANCA = ZoneId.of("Africa/Casablanca");

  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T12:00:00Z"), ZoneOffset.UTC);

  /** The four article pages, in the order the listing page links to them. */
  static final List<String> ARTICLE_PAGES =
      List.of("2m-fr.html", "atalayar-es.html", "hespress-ar.html", "mwn-en.html");

  private PageFixtures() {}

  /** Returns the path of a fixture page. */
  static Path path(String name) {
    URL url = PageFixtures.class.getResource("/pages/" + name);
    if (url == null) {
      throw new AssertionError("no fixture page " + name);
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new AssertionError(e);
    }
  }

  /** Returns the {@code file:} URI of a fixture page. */
  static URI uri(String name) {
    return path(name).toUri();
  }

  /** Returns a builder for a source on a fixture page, published under {@link #PUBLIC}. */
  static PageSource.Builder source(String name) {
    return PageSource.builder(uri(name)).id("revue").publicUrl(URI.create(PUBLIC + name));
  }

  /** Returns the only article of a fixture page read with the built-in profile. */
  static Article article(String name) {
    List<Article> articles = source(name).build().fetch();
    if (articles.size() != 1) {
      throw new AssertionError(name + " gave " + articles.size() + " articles");
    }
    return articles.get(0);
  }

  /** Returns noon of a day in Casablanca, the instant of a date-only attribution line. */
  static Instant noon(int year, int month, int day) {
    return LocalDate.of(year, month, day)
        .atTime(Attribution.DATE_ONLY_TIME)
        .atZone(CASABLANCA)
        .toInstant();
  }

  /** Writes articles as one feed, with a fixed clock. */
  static byte[] feed(FeedFormat format, List<Article> articles) throws IOException {
    FeedSpec spec =
        FeedSpec.builder("Revue de presse", "https://revue.example/feeds/pages.xml")
            .link("https://revue.example/")
            .description("Articles lus sur les pages de l'agrégateur")
            .build();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    FeedWriter.builder(spec).clock(CLOCK).build().write(format, articles, out);
    return out.toByteArray();
  }

  /** Asserts a feed of page articles is valid, as {@link FeedRules#assertValid} does. */
  static void assertValid(FeedFormat format, List<Article> articles, byte[] feed) {
    FeedRules.assertValid(format, feed);
  }

  static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
