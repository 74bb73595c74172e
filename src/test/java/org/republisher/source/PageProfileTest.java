package org.republisher.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.republisher.source.PageFixtures.uri;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.republisher.InvalidValueException;
import org.republisher.model.Article;
import org.republisher.source.PageFailureException.Kind;

/** Profiles: a site with its own selectors, and the checks a profile makes. */
class PageProfileTest {

  static final PageProfile PORTAIL =
      PageProfile.builder("portail")
          .title(".story .headline")
          .attribution(".pub")
          .date("time.stamp")
          .body(".story-text > p")
          .sourceLink("a.original")
          .image("img.lead")
          .boilerplate(".topbar")
          .build();

  @Test
  void aCustomProfileReadsASiteWithOtherMarkup() {
    Article a =
        PageSource.builder(uri("custom-site.html"))
            .publicUrl(URI.create("https://portail.example/eco/marrakech-safi.html"))
            .profile(PORTAIL)
            .build()
            .fetch()
            .get(0);
    assertThat(a.title()).isEqualTo("Marrakech-Safi : 12.341 entreprises créées en 2025");
    assertThat(a.publication().name()).isEqualTo("Le360");
    // the date selector's date-time replaces the line's day
    assertThat(a.published()).isEqualTo(Instant.parse("2026-03-21T09:15:00Z"));
    assertThat(a.language()).isEqualTo("fr-MA");
    assertThat(a.link()).hasToString("https://portail.example/eco/marrakech-safi.html");
    assertThat(a.sourceLink())
        .hasToString(
            "https://fr.le360.ma/economie/marrakech-safi-12341-entreprises-creees-en-2025_QX7R2/");
    assertThat(a.image().url())
        .hasToString("https://portail.example/media/2026/03/marrakech-safi-entreprises.jpg");
    assertThat(a.contentHtml())
        .startsWith("<p>Selon l'observatoire régional")
        .endsWith("devant le BTP et le tourisme.</p>")
        .doesNotContain("Abonnez-vous", "Flash", "Voir l'original");
  }

  @Test
  void theBuiltInProfileDoesNotFitThatSite() {
    // its topbar line is taken for the attribution, and it finds no h1: the profile matters
    PageSource source = PageSource.builder(uri("custom-site.html")).build();
    assertThatThrownBy(source::fetch)
        .isInstanceOfSatisfying(
            PageFailureException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TITLE_NOT_FOUND));
  }

  @Test
  void withoutADateSelectorTheLineGivesTheDay() {
    PageProfile noDate = PORTAIL.toBuilder().date(null).build();
    Article a =
        PageSource.builder(uri("custom-site.html"))
            .publicUrl(URI.create("https://portail.example/eco/x.html"))
            .profile(noDate)
            .build()
            .fetch()
            .get(0);
    // "Publié sur Le360 le samedi 21 mars 2026": a weekday and a month name
    assertThat(a.published()).isEqualTo(PageFixtures.noon(2026, 3, 21));
  }

  @Test
  void alternativesAreTriedInTheOrderWritten() {
    // document order would give the topbar; the order written prefers .pub
    PageProfile ordered =
        PORTAIL.toBuilder().attribution(".pub, .topbar").boilerplate(null).build();
    Article a =
        PageSource.builder(uri("custom-site.html"))
            .publicUrl(URI.create("https://portail.example/eco/x.html"))
            .profile(ordered)
            .build()
            .fetch()
            .get(0);
    assertThat(a.publication().name()).isEqualTo("Le360");
    assertThat(PageScraper.alternatives("a.x, a:matches(un, deux), [title='a,b'], p:contains(un)"))
        .hasSize(4);
  }

  @Test
  void selectorsAreCheckedWhenTheProfileIsBuilt() {
    assertThatThrownBy(() -> PageProfile.builder("x").body("p[").build())
        .isInstanceOfSatisfying(
            InvalidValueException.class,
            e -> {
              assertThat(e.field()).isEqualTo("profile.body");
              assertThat(e.value()).isEqualTo("p[");
            });
    assertThatThrownBy(() -> PageProfile.builder("x").title(" ").build())
        .hasMessageContaining("profile.title");
    assertThatThrownBy(() -> PageProfile.builder(" ").build()).hasMessageContaining("profile.name");
  }

  @Test
  void theBuiltInProfileIsComplete() {
    PageProfile p = PageProfile.AGGREGATOR;
    assertThat(p.name()).isEqualTo("aggregator");
    assertThat(
            List.of(
                p.attribution(), p.body(), p.sourceLink(), p.image(), p.boilerplate(), p.listing()))
        .doesNotContainNull();
    assertThat(p.date()).isNull();
    assertThat(p.toBuilder().build()).isEqualTo(p);
    assertThat(PageProfile.builder("bare").build().title()).isEqualTo("h1");
  }
}
