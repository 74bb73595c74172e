package org.republisher.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.republisher.model.Article;
import org.republisher.model.Publication;

class KeysTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      https://www.2m.ma/fr/news/article-12345                          | https://www.2m.ma/fr/news/article-12345
      HTTPS://WWW.2M.MA/fr/news/article-12345                          | https://www.2m.ma/fr/news/article-12345
      http://www.2m.ma/fr/news/article-12345                           | https://www.2m.ma/fr/news/article-12345
      https://www.2m.ma:443/fr/news/article-12345                      | https://www.2m.ma/fr/news/article-12345
      http://www.2m.ma:80/fr/news/article-12345                        | https://www.2m.ma/fr/news/article-12345
      https://www.2m.ma:8443/fr/news/article-12345                     | https://www.2m.ma:8443/fr/news/article-12345
      https://www.2m.ma/fr/news/article-12345#comments                 | https://www.2m.ma/fr/news/article-12345
      https://www.2m.ma/fr/news/article-12345?utm_source=x&utm_medium=rss | https://www.2m.ma/fr/news/article-12345
      https://www.2m.ma/fr/news/article-12345?UTM_Campaign=x           | https://www.2m.ma/fr/news/article-12345
      https://www.2m.ma/a?id=7&fbclid=abc&gclid=d&mc_cid=1&mc_eid=2    | https://www.2m.ma/a?id=7
      https://www.2m.ma/a?at_medium=rss&id=7&at_campaign=x&xtor=RSS-1  | https://www.2m.ma/a?id=7&xtor=RSS-1
      https://www.2m.ma/a?b=2&a=1                                      | https://www.2m.ma/a?b=2&a=1
      https://www.2m.ma                                                | https://www.2m.ma/
      https://www.2m.ma?utm_source=x                                   | https://www.2m.ma/
      https://www.2m.ma./x                                             | https://www.2m.ma/x
      https://www.2m.ma/a/./b/../c                                     | https://www.2m.ma/a/c
      https://www.2m.ma/%7Euser/caf%c3%a9                              | https://www.2m.ma/~user/caf%C3%A9
      https://user:pw@www.2m.ma/x                                      | https://www.2m.ma/x
      """)
  void canonicalLinks(String given, String canonical) {
    assertThat(Keys.canonicalLink(URI.create(given))).isEqualTo(canonical);
  }

  @Test
  void internationalizedHostsAndPathsWithSpaces() {
    // as java.net.URI holds it: a registry-based authority with non-ASCII letters
    URI link = URI.create("https://www.médias24.ma/actualité/un%20article.html?utm_source=rss#top");
    assertThat(Keys.canonicalLink(link))
        .isEqualTo("https://www.xn--mdias24-bya.ma/actualit%C3%A9/un%20article.html");
  }

  @Test
  void theSameArticleThroughTwoSourcesHasOneKey() {
    Article fromFeed = Article.builder().title("Le Maroc plaide")
        .sourceLink("https://www.2m.ma/fr/news/article-12345?utm_source=rss&utm_medium=feed")
        .build();
    Article fromPage = Article.builder().title("Le Maroc plaide pour une mobilisation")
        .link("https://aggregator.example/fr/2m/12345")
        .sourceLink("http://WWW.2m.ma/fr/news/article-12345#xtor=RSS")
        .build();
    assertThat(Keys.of(fromFeed)).isEqualTo(Keys.of(fromPage));
  }

  @Test
  void theOwnLinkIsTheKeyWithoutASourceLink() {
    Article article = Article.builder().title("t").link("https://revue.example/a?utm_term=z").build();
    assertThat(Keys.of(article)).isEqualTo("https://revue.example/a");
  }

  @Test
  void withoutAbsoluteLinkTheKeyIsPublicationTitleAndDay() {
    Publication hespress = Publication.of("هسبريس");
    Article morning = Article.builder().title("« Le Maroc plaide… »").link("/ar/1")
        .publication(hespress).published(Instant.parse("2020-06-04T08:00:00Z")).build();
    Article evening = Article.builder().title("LE  MAROC PLAIDE").link("/ar/2")
        .publication(hespress).published(Instant.parse("2020-06-04T20:00:00Z")).build();
    Article undated = Article.builder().title("LE  MAROC PLAIDE").link("/ar/2")
        .publication(hespress).build();
    assertThat(Keys.of(morning))
        .isEqualTo("title:هسبريس\nle maroc plaide\n2020-06-04")
        .isEqualTo(Keys.of(evening));
    assertThat(Keys.of(undated)).isEqualTo("title:هسبريس\nle maroc plaide\n");
  }

  @Test
  void aHomePageLinkNamesNoArticle() {
    Publication twoM = Publication.builder("2M").url("https://www.2m.ma/fr").build();
    Instant day = Instant.parse("2020-06-04T08:00:00Z");
    Article one = Article.builder().title("Premier").sourceLink("https://WWW.2m.ma/fr#x")
        .publication(twoM).published(day).build();
    Article two = Article.builder().title("Second").sourceLink("https://www.2m.ma/fr")
        .publication(twoM).published(day).build();
    assertThat(Keys.of(one)).isEqualTo("title:2m\npremier\n2020-06-04");
    assertThat(Keys.of(two)).isEqualTo("title:2m\nsecond\n2020-06-04");
  }

  @Test
  void foldingKeepsLettersOfEveryScriptAndDropsPunctuation() {
    assertThat(Keys.folded("Ｌｅ  <b>Maroc</b> &amp; l'ONU !")).isEqualTo("le maroc l onu");
    assertThat(Keys.folded("نشر في هسبريس، اليوم")).isEqualTo("نشر في هسبريس اليوم");
  }

  @Test
  void longKeysAreBoundedAndStayDistinct() {
    String base = "https://www.2m.ma/" + "a".repeat(2000);
    String one = Keys.of(Article.builder().title("t").sourceLink(base + "1").build());
    String two = Keys.of(Article.builder().title("t").sourceLink(base + "2").build());
    assertThat(one).hasSizeLessThanOrEqualTo(Keys.MAX_KEY).isNotEqualTo(two);
    assertThat(one).startsWith("https://www.2m.ma/aaaa").contains(" sha256:");
  }
}
