package org.republisher.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.republisher.model.Article;
import org.republisher.model.Author;
import org.republisher.model.Enclosure;
import org.republisher.model.Publication;

class ArticleHashTest {
  static final Article BASE = Article.builder()
      .id("guid-1")
      .title("Le Maroc plaide")
      .link("https://revue.example/fr/1")
      .sourceLink("https://www.2m.ma/fr/news/1")
      .publication(Publication.builder("2M").url("https://www.2m.ma/fr").language("fr").build())
      .published(Instant.parse("2020-06-04T10:00:00Z"))
      .updated(Instant.parse("2020-06-04T12:00:00Z"))
      .author("MAP")
      .categories("Politique")
      .language("fr")
      .summary("Résumé")
      .contentHtml("<p>" + "Le ministre des Affaires étrangères… ".repeat(300) + "</p>")
      .image(Enclosure.of("https://www.2m.ma/img/1.jpg"))
      .baseUri("https://www.2m.ma/fr/news/")
      .build();

  static String hash(Article a) {
    return new ArticleHash().of(a);
  }

  @Test
  void everyFieldAReaderSeesChangesTheHash() {
    List<UnaryOperator<Article.Builder>> changes = List.of(
        b -> b.title("Le Maroc plaide encore"),
        b -> b.link("https://revue.example/fr/2"),
        b -> b.sourceLink("https://www.2m.ma/fr/news/2"),
        b -> b.publication(Publication.of("2M TV")),
        b -> b.author(Author.of("AFP")),
        b -> b.categories("Diplomatie"),
        b -> b.language("ar"),
        b -> b.summary("Autre résumé"),
        b -> b.contentHtml("<p>Le ministre des Affaires étrangères</p>"),
        b -> b.image(Enclosure.of("https://www.2m.ma/img/2.jpg")),
        b -> b.baseUri("https://www.2m.ma/"));
    Set<String> hashes = new HashSet<>();
    hashes.add(hash(BASE));
    for (UnaryOperator<Article.Builder> change : changes) {
      hashes.add(hash(change.apply(BASE.toBuilder()).build()));
    }
    assertThat(hashes).hasSize(changes.size() + 1);
  }

  @Test
  void theIdAndTheDatesDoNotChangeIt() {
    Article restamped = BASE.toBuilder().id("guid-2")
        .published(Instant.parse("2026-12-07T08:00:00Z"))
        .updated(Instant.parse("2026-12-07T09:00:00Z")).build();
    assertThat(hash(restamped)).isEqualTo(hash(BASE)).hasSize(16);
  }

  @Test
  void fieldBoundariesCount() {
    Article one = BASE.toBuilder().title("ab").summary("c").build();
    Article two = BASE.toBuilder().title("a").summary("bc").build();
    Article none = BASE.toBuilder().summary(null).build();
    Article empty = BASE.toBuilder().summary("").build();
    assertThat(Set.of(hash(one), hash(two), hash(none), hash(empty))).hasSize(4);
  }

  @Test
  void oneHasherGivesTheSameHashAsAFreshOne() {
    ArticleHash reused = new ArticleHash();
    reused.of(BASE.toBuilder().title("x".repeat(10_001)).build());
    assertThat(reused.of(BASE)).isEqualTo(hash(BASE));
    // content longer than the copy buffer, and of every length around a round
    for (int n = 4090; n < 4110; n++) {
      Article a = BASE.toBuilder().contentHtml("é".repeat(n)).build();
      Article b = BASE.toBuilder().contentHtml("é".repeat(n - 1) + "e").build();
      assertThat(reused.of(a)).isEqualTo(hash(a)).isNotEqualTo(hash(b));
    }
  }
}
