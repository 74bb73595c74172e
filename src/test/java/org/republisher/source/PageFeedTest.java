package org.republisher.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.republisher.source.PageFixtures.source;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.republisher.model.Article;
import org.republisher.write.FeedFormat;

/** Every fixture page, read and written through the core writer, makes a valid feed. */
class PageFeedTest {

  static Stream<Arguments> pagesAndFormats() {
    return Stream.of(
            "2m-fr.html",
            "atalayar-es.html",
            "hespress-ar.html",
            "mwn-en.html",
            "hostile.html",
            "custom-site.html")
        .flatMap(page -> Stream.of(FeedFormat.values()).map(format -> Arguments.of(page, format)));
  }

  @ParameterizedTest(name = "{0} as {1}")
  @MethodSource("pagesAndFormats")
  void eachPageMakesAValidFeed(String page, FeedFormat format) throws IOException {
    PageSource.Builder b = source(page);
    if (page.equals("custom-site.html")) {
      b.profile(PageProfileTest.PORTAIL);
    }
    List<Article> articles = b.build().fetch();
    assertThat(articles).hasSize(1);
    byte[] feed = PageFixtures.feed(format, articles);
    PageFixtures.assertValid(format, articles, feed);
    String text = PageFixtures.text(feed);
    Article a = articles.get(0);
    if (format != FeedFormat.JSON_FEED) {
      assertThat(text).contains(a.link().toString());
    }
    if (a.sourceLink() != null) {
      assertThat(text).contains(a.sourceLink().toString());
    }
    assertThat(text)
        .contains(a.publication().name())
        .doesNotContain("automatiquement bloqu", "Gracias por informar", "Thanks for reporting")
        .doesNotContain("Faux Journal", "L'Economiste", "Le Matin");
  }

  @Test
  void theCrawledListingMakesOneValidFeedInEveryFormat() throws IOException {
    List<Article> articles =
        PageSource.builder(PageFixtures.uri("index.html"))
            .publicUrl(URI.create(PageFixtures.PUBLIC + "index.html"))
            .build()
            .fetch();
    assertThat(articles).hasSize(4);
    for (FeedFormat format : FeedFormat.values()) {
      byte[] feed = PageFixtures.feed(format, articles);
      PageFixtures.assertValid(format, articles, feed);
      // the written attribution footer credits each publication, in the article's language
      assertThat(PageFixtures.text(feed))
          .contains("2M", "Atalayar", "هسبريس", "Morocco World News");
    }
  }
}
