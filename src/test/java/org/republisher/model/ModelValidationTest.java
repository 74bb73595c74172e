package org.republisher.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.republisher.InvalidArticleException;
import org.republisher.InvalidValueException;

class ModelValidationTest {

  static Article.Builder valid() {
    return Article.builder().title("Titre").sourceLink("https://www.2m.ma/fr/news/1");
  }

  @Test
  void aBlankTitleIsRejectedNamingTheArticleAndField() {
    assertThatThrownBy(() -> valid().id("a-1").title("  ").build())
        .isInstanceOf(InvalidArticleException.class)
        .hasMessage("article \"a-1\": title is blank: \"  \"")
        .satisfies(
            e -> {
              InvalidArticleException x = (InvalidArticleException) e;
              assertThat(x.article()).isEqualTo("a-1");
              assertThat(x.field()).isEqualTo("title");
            });
  }

  @Test
  void anArticleWithoutAnyLinkIsKeptWithANameBasedId() {
    Article a = Article.builder().title("Sans lien").build();
    assertThat(a.link()).isNull();
    assertThat(a.sourceLink()).isNull();
    assertThat(a.id())
        .startsWith("urn:uuid:")
        .isEqualTo(Article.builder().title("Sans lien").build().id())
        .isNotEqualTo(Article.builder().title("Autre").build().id());
  }

  @Test
  void aJavascriptLinkIsRejectedAtTheSetter() {
    assertThatThrownBy(() -> valid().link("javascript:alert(1)"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("link has a scheme other than http or https");
  }

  @Test
  void aBadLanguageIsRejected() {
    assertThatThrownBy(() -> valid().language("not a tag!").build())
        .isInstanceOf(InvalidArticleException.class)
        .hasMessageContaining("language");
    assertThat(valid().language("fr_MA").build().language()).isEqualTo("fr-MA");
  }

  @Test
  void idsAreDerivedFromContentNeverFromTimeOrChance() {
    Article a = valid().build();
    assertThat(a.id()).isEqualTo("https://www.2m.ma/fr/news/1");
    Article noAbsoluteLink =
        Article.builder()
            .title("Titre")
            .link("/fr/1")
            .publication(Publication.of("2M"))
            .published(Instant.parse("2020-06-04T11:00:00Z"))
            .build();
    assertThat(noAbsoluteLink.id())
        .startsWith("urn:uuid:")
        .isEqualTo(noAbsoluteLink.toBuilder().id(null).build().id());
    assertThat(noAbsoluteLink.toBuilder().title("Autre").id(null).build().id())
        .isNotEqualTo(noAbsoluteLink.id());
  }

  @Test
  void collectionsAreCopied() {
    Article a = valid().author("MAP").categories("Politique").build();
    assertThatThrownBy(() -> a.authors().add(Author.of("x")))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(a.toBuilder().build()).isEqualTo(a);
  }

  @Test
  void newestFirstIsATotalOrder() {
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    Article b = valid().id("b").published(t).build();
    Article a = valid().id("a").published(t).build();
    Article newer = valid().id("c").published(t.plusSeconds(1)).build();
    Article undated = valid().id("d").build();
    List<Article> sorted = new java.util.ArrayList<>(List.of(undated, b, a, newer));
    sorted.sort(Article.NEWEST_FIRST);
    assertThat(sorted).containsExactly(newer, a, b, undated);
  }

  @Test
  void publicationAndFeedSpecValuesAreChecked() {
    assertThatThrownBy(() -> Publication.of(" "))
        .hasMessage("publication.name is blank: \" \"");
    assertThatThrownBy(() -> Publication.builder("2M").url("/relative"))
        .hasMessageContaining("publication.url is not an absolute http(s) URL");
    assertThatThrownBy(() -> FeedSpec.builder("Feed", "https://x.example/f").limit(0).build())
        .hasMessage("feed.limit is below 1: \"0\"");
    assertThatThrownBy(() -> FeedSpec.builder(" \u0001\n", "https://x.example/f").build())
        .hasMessageContaining("feed.title is blank");
    // a spec's title is the host's plain text: what looks like markup is its text (issue #10)
    assertThat(FeedSpec.builder("C++ <T> & co", "https://x.example/f").build().title())
        .isEqualTo("C++ <T> & co");
    FeedSpec spec = FeedSpec.builder("Revue", "https://revue.example/feeds/all.xml").build();
    assertThat(spec.link()).isEqualTo(URI.create("https://revue.example/"));
    assertThat(spec.description()).isEqualTo("Revue");
    assertThatThrownBy(() -> new Enclosure(URI.create("https://x.example/i.jpg"), "jpeg", 1))
        .hasMessageContaining("image.type is not a media type");
    assertThatThrownBy(() -> new Author("MAP", "not-an-email", null))
        .hasMessageContaining("author.email");
  }
}
