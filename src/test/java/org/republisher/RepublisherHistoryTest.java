package org.republisher;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.republisher.model.Article;
import org.republisher.model.Publication;
import org.republisher.source.ArticleSource;
import org.republisher.source.SourceException;
import org.republisher.store.ArticleStore;

/** A republisher with a history store: due sources only, recorded, with the history's identity. */
class RepublisherHistoryTest {
  static final Instant MONDAY = Instant.parse("2026-12-07T08:00:00Z");

  static Article article(String slug, String link) {
    return Article.builder()
        .title("Titre " + slug)
        .sourceLink(link)
        .publication(Publication.builder("2M").url("https://www.2m.ma/fr").build())
        .build(); // undated, as many scraped items are
  }

  static Republisher republisher(ArticleStore store, Instant now, ArticleSource... sources) {
    Republisher.Builder b = Republisher.builder().store(store)
        .clock(Clock.fixed(now, ZoneOffset.UTC)).interval(Duration.ofMinutes(15));
    for (ArticleSource source : sources) {
      b.source(source);
    }
    return b.build();
  }

  @Test
  void undatedArticlesThroughTwoSourcesAreOneArticleDatedWhenFirstSeen() {
    Article viaFeed = article("a", "https://www.2m.ma/fr/news/a?utm_source=rss");
    Article viaPage = article("a", "http://www.2m.ma/fr/news/a#top");
    try (ArticleStore store = ArticleStore.inMemory()) {
      try (Republisher first = republisher(store, MONDAY,
          RepublisherTest.source("feed", viaFeed), RepublisherTest.source("page", viaPage))) {
        Snapshot snapshot = first.refresh();
        assertThat(snapshot.articles()).singleElement().satisfies(a -> {
          assertThat(a.published()).isEqualTo(MONDAY);
          assertThat(a.id()).isEqualTo(viaFeed.id());
        });
        assertThat(snapshot.added()).isEqualTo(1);
        assertThat(snapshot.reports()).extracting(SourceReport::outcome)
            .containsOnly(SourceReport.Outcome.FETCHED);
      }
      assertThat(store.articleCount()).isEqualTo(1);

      // the next run, an hour later: both due again, nothing new, the same date
      Instant later = MONDAY.plus(Duration.ofHours(1));
      try (Republisher second = republisher(store, later,
          RepublisherTest.source("feed", viaFeed), RepublisherTest.source("page", viaPage))) {
        Snapshot snapshot = second.refresh();
        assertThat(snapshot.added()).isZero();
        assertThat(snapshot.updated()).isZero();
        assertThat(snapshot.articles()).singleElement()
            .satisfies(a -> assertThat(a.published()).isEqualTo(MONDAY));
      }
    }
  }

  @Test
  void aSourceIsNotFetchedBeforeItIsDueAndBacksOffWhenFailing() {
    AtomicInteger fetches = new AtomicInteger();
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    ArticleSource flaky = RepublisherTest.source("flaky", () -> {
      fetches.incrementAndGet();
      if (failure.get() != null) {
        throw failure.get();
      }
      return List.of(article("b", "https://www.2m.ma/fr/news/b"));
    });
    try (ArticleStore store = ArticleStore.inMemory()) {
      try (Republisher r = republisher(store, MONDAY, flaky)) {
        r.refresh();
      }
      try (Republisher r = republisher(store, MONDAY.plusSeconds(60), flaky)) {
        Snapshot early = r.refresh();
        assertThat(early.reports()).singleElement().satisfies(report -> {
          assertThat(report.outcome()).isEqualTo(SourceReport.Outcome.NOT_DUE);
          assertThat(report.nextFetch()).isEqualTo(MONDAY.plus(Duration.ofMinutes(15)));
        });
      }
      assertThat(fetches).hasValue(1);

      failure.set(new SourceException("flaky", null, 500, "HTTP 500", null));
      Instant due = MONDAY.plus(Duration.ofMinutes(15));
      try (Republisher r = republisher(store, due, flaky)) {
        SourceReport report = r.refresh().reports().get(0);
        assertThat(report.outcome()).isEqualTo(SourceReport.Outcome.FAILED);
        assertThat(report.failure().httpStatus()).isEqualTo(500);
        assertThat(report.nextFetch()).isEqualTo(due.plus(Duration.ofMinutes(15)));
      }
      Instant again = due.plus(Duration.ofMinutes(15));
      try (Republisher r = republisher(store, again, flaky)) {
        assertThat(r.refresh().reports().get(0).nextFetch())
            .isEqualTo(again.plus(Duration.ofMinutes(30)));
      }
      assertThat(fetches).hasValue(3);
    }
  }
}
