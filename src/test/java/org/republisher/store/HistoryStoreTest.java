package org.republisher.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.republisher.internal.History;
import org.republisher.internal.NormalizedArticle;
import org.republisher.model.Article;
import org.republisher.model.Publication;

/** The history's rules, the same on every backend. */
class HistoryStoreTest {
  static final Instant MONDAY = Instant.parse("2026-12-07T08:00:00Z");
  static final Instant TUESDAY = Instant.parse("2026-12-08T08:00:00Z");
  static final Publication TWO_M =
      Publication.builder("2M").url("https://www.2m.ma/fr").language("fr").build();

  static Stream<Arguments> backends() {
    return StoreBackends.all();
  }

  static HistoryStore open(CountingBackend backend) {
    return new HistoryStore(backend, ArticleStore.builder("test"));
  }

  static Article.Builder article(int n) {
    return Article.builder()
        .title("Article " + n)
        .sourceLink("https://www.2m.ma/fr/news/article-" + n)
        .publication(TWO_M)
        .published(Instant.parse("2026-12-01T10:00:00Z").plusSeconds(n * 60L))
        .contentHtml("<p>Corps de l'article " + n + "</p>");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("backends")
  void aSecondRunOfTheSameInputWritesNothing(String name, Supplier<Backend> backends) {
    CountingBackend backend = new CountingBackend(backends.get());
    try (HistoryStore store = open(backend)) {
      List<Article> fetched = List.of(article(1).build(), article(2).build(), article(3).build());
      History.Recorded first = store.record("2m", fetched, MONDAY);
      assertThat(first.added()).isEqualTo(3);
      assertThat(backend.articlesWritten.get()).isEqualTo(3);
      backend.reset();

      History.Recorded second = store.record("2m", fetched, TUESDAY);
      assertThat(second.added()).isZero();
      assertThat(second.updated()).isZero();
      assertThat(backend.rowsWritten()).isZero();
      assertThat(backend.articlesRead.get()).isZero(); // ids known from the last fetch
      assertThat(second.articles()).extracting(Article::id).isEqualTo(
          first.articles().stream().map(Article::id).toList());
      assertThat(store.articleCount()).isEqualTo(3);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("backends")
  void overlappingRunsAddOnlyWhatIsNewAndKeepWhatLeftTheWindow(
      String name, Supplier<Backend> backends) {
    CountingBackend backend = new CountingBackend(backends.get());
    try (HistoryStore store = open(backend)) {
      store.record("2m", List.of(article(1).build(), article(2).build(), article(3).build()),
          MONDAY);
      backend.reset();
      History.Recorded second =
          store.record("2m", List.of(article(3).build(), article(4).build(), article(5).build()),
              TUESDAY);
      assertThat(second.added()).isEqualTo(2);
      assertThat(backend.articlesWritten.get()).isEqualTo(2);
      assertThat(store.articleCount()).isEqualTo(5); // 1 and 2 left the upstream window, not us
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("backends")
  void anUndatedArticleIsDatedWhenFirstSeenForEver(String name, Supplier<Backend> backends) {
    try (HistoryStore store = open(new CountingBackend(backends.get()))) {
      Article undated = article(1).published((Instant) null).build();
      Article first = store.record("2m", List.of(undated), MONDAY).articles().get(0);
      assertThat(first.published()).isEqualTo(MONDAY);
      HistoryStore again = store;
      Article later = again.record("2m", List.of(undated), TUESDAY).articles().get(0);
      assertThat(later.published()).isEqualTo(MONDAY);
      assertThat(normalized(store).get(0).published()).isEqualTo(MONDAY);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("backends")
  void anUndatedArticleKeepsItsDateAfterARestart(String name, Supplier<Backend> backends) {
    Backend shared = backends.get();
    Article undated = article(1).published((Instant) null).build();
    HistoryStore first = open(new CountingBackend(shared));
    first.record("2m", List.of(undated), MONDAY);
    // a new process: no identities in memory, the same rows
    HistoryStore second = open(new CountingBackend(shared));
    assertThat(second.record("2m", List.of(undated), TUESDAY).articles().get(0).published())
        .isEqualTo(MONDAY);
    second.close();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("backends")
  void oneArticleThroughTwoSourcesIsOneArticle(String name, Supplier<Backend> backends) {
    CountingBackend backend = new CountingBackend(backends.get());
    try (HistoryStore store = open(backend)) {
      Article fromFeed = Article.builder()
          .title("Le Maroc plaide pour une mobilisation accrue")
          .sourceLink("https://www.2m.ma/fr/news/article-12345?utm_source=rss&utm_medium=feed")
          .publication(TWO_M)
          .published(Instant.parse("2020-06-04T10:00:00Z"))
          .build();
      Article fromPage = Article.builder()
          .title("Le Maroc plaide pour une mobilisation accrue de la coalition")
          .link("https://aggregator.example/fr/2m/12345")
          .sourceLink("http://www.2m.ma/fr/news/article-12345#top")
          .publication(TWO_M)
          .published(Instant.parse("2020-06-04T11:00:00Z"))
          .contentHtml("<p>Le ministre des Affaires étrangères…</p>")
          .build();
      History.Recorded feed = store.record("2m-rss", List.of(fromFeed), MONDAY);
      History.Recorded page = store.record("aggregator", List.of(fromPage), TUESDAY);
      assertThat(store.articleCount()).isEqualTo(1);
      assertThat(page.added()).isZero();
      assertThat(page.updated()).isEqualTo(1); // the page gave the content the feed lacked
      Article merged = page.articles().get(0);
      assertThat(merged.id()).isEqualTo(feed.articles().get(0).id());
      assertThat(merged.published()).isEqualTo(Instant.parse("2020-06-04T10:00:00Z"));
      NormalizedArticle n = normalized(store).get(0);
      assertThat(n.title()).isEqualTo("Le Maroc plaide pour une mobilisation accrue");
      assertThat(n.contentHtml()).contains("Le ministre des Affaires étrangères");
      assertThat(n.updated()).isEqualTo(TUESDAY);

      // both sources again, unchanged: no flapping between their versions
      backend.reset();
      store.record("2m-rss", List.of(fromFeed), TUESDAY.plusSeconds(60));
      store.record("aggregator", List.of(fromPage), TUESDAY.plusSeconds(120));
      assertThat(backend.rowsWritten()).isZero();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("backends")
  void aChangedTitleKeepsIdAndPublishedAndSetsUpdated(String name, Supplier<Backend> backends) {
    try (HistoryStore store = open(new CountingBackend(backends.get()))) {
      Article first = store.record("2m", List.of(article(1).id("guid-1").build()), MONDAY)
          .articles().get(0);
      History.Recorded changed = store.record("2m",
          List.of(article(1).id("guid-1-renamed").title("Article 1, corrigé").build()), TUESDAY);
      assertThat(changed.updated()).isEqualTo(1);
      Article now = changed.articles().get(0);
      assertThat(now.id()).isEqualTo(first.id()).isEqualTo("guid-1");
      assertThat(now.published()).isEqualTo(first.published());
      assertThat(now.updated()).isEqualTo(TUESDAY);
      NormalizedArticle n = normalized(store).get(0);
      assertThat(n.title()).isEqualTo("Article 1, corrigé");
      assertThat(n.updated()).isEqualTo(TUESDAY);
      assertThat(n.id()).isEqualTo("guid-1");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("backends")
  void aReStampedDateAloneIsNoChange(String name, Supplier<Backend> backends) {
    CountingBackend backend = new CountingBackend(backends.get());
    try (HistoryStore store = open(backend)) {
      store.record("2m", List.of(article(1).updated(MONDAY).build()), MONDAY);
      backend.reset();
      History.Recorded again = store.record("2m",
          List.of(article(1).published(TUESDAY).updated(TUESDAY).build()), TUESDAY);
      assertThat(again.updated()).isZero();
      assertThat(backend.rowsWritten()).isZero();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("backends")
  void newArticlesEnterOldestFirst(String name, Supplier<Backend> backends) {
    try (HistoryStore store = open(new CountingBackend(backends.get()))) {
      store.record("2m", List.of(article(3).build(), article(1).build(), article(2).build()),
          MONDAY);
      assertThat(store.catalog()).extracting(History.Entry::seq).isSorted();
      long[] seqs = store.catalog().stream().mapToLong(History.Entry::seq).toArray();
      assertThat(store.normalized(seqs, MONDAY)).extracting(NormalizedArticle::title)
          .containsExactly("Article 1", "Article 2", "Article 3");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("backends")
  void anArticleNoRuleCanRepairIsRejectedAndTheOthersKept(
      String name, Supplier<Backend> backends) {
    try (HistoryStore store = open(new CountingBackend(backends.get()))) {
      // a relative link and nothing to resolve it against
      Article baseless = Article.builder().title("Sans base").link("/fr/news/9").build();
      History.Recorded recorded =
          store.record("2m", List.of(article(1).build(), baseless, article(2).build()), MONDAY);
      assertThat(recorded.added()).isEqualTo(2);
      assertThat(recorded.rejected()).isEqualTo(1);
      assertThat(recorded.articles()).hasSize(2);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("backends")
  void fetchStateSurvivesAndBacksOff(String name, Supplier<Backend> backends) {
    Backend shared = backends.get();
    HistoryStore store = open(new CountingBackend(shared));
    Duration interval = Duration.ofMinutes(15);
    assertThat(store.claim(List.of("2m", "hespress"), MONDAY)).containsExactly("2m", "hespress");
    Instant next = store.succeeded("2m",
        new History.Validators("\"v1\"", "Mon, 07 Dec 2026 07:00:00 GMT", "abc"), MONDAY,
        interval);
    assertThat(next).isEqualTo(MONDAY.plus(interval));
    assertThat(store.failed("hespress", 503, Duration.ofHours(2), "503 Service Unavailable",
        MONDAY, interval)).isEqualTo(MONDAY.plus(Duration.ofHours(2)));

    // a restart: the validators are there, and neither source is due yet
    HistoryStore restarted = open(new CountingBackend(shared));
    assertThat(restarted.validators("2m"))
        .isEqualTo(new History.Validators("\"v1\"", "Mon, 07 Dec 2026 07:00:00 GMT", "abc"));
    assertThat(restarted.claim(List.of("2m", "hespress"), MONDAY.plusSeconds(60))).isEmpty();
    assertThat(restarted.claim(List.of("2m", "hespress"), MONDAY.plus(interval)))
        .containsExactly("2m");
    // consecutive failures wait longer: 15 min, 30 min, 1 h...
    restarted.failed("2m", 500, null, "500", MONDAY.plus(interval), interval);
    Instant t = MONDAY.plus(interval);
    assertThat(restarted.nextFetch("2m")).isEqualTo(t.plus(interval));
    restarted.claim(List.of("2m"), t.plus(interval));
    assertThat(restarted.failed("2m", 500, null, "500", t.plus(interval), interval))
        .isEqualTo(t.plus(interval).plus(Duration.ofMinutes(30)));
    restarted.close();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("backends")
  void publicationsAreDescribedByTheirArticles(String name, Supplier<Backend> backends) {
    try (HistoryStore store = open(new CountingBackend(backends.get()))) {
      Article fromLine = article(1).publication(Publication.of("هسبريس")).build();
      Article fromFeed = article(2).publication(Publication.builder("هسبريس")
          .url("https://www.hespress.com/").feedUrl("https://www.hespress.com/feed")
          .language("ar").build()).build();
      store.record("page", List.of(fromLine), MONDAY);
      store.record("feed", List.of(fromFeed, article(3).build()), TUESDAY);
      assertThat(store.publications()).extracting(Publication::name)
          .containsExactly("2M", "هسبريس");
      assertThat(store.publications().get(1)).satisfies(p -> {
        assertThat(p.url()).hasToString("https://www.hespress.com/");
        assertThat(p.feedUrl()).hasToString("https://www.hespress.com/feed");
        assertThat(p.language()).isEqualTo("ar");
      });
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("backends")
  void articlesKeptWithOtherSettingsAreNormalizedAgainWhenRendered(
      String name, Supplier<Backend> backends) {
    Backend shared = backends.get();
    HistoryStore credited = open(new CountingBackend(shared));
    credited.record("2m", List.of(article(1).build()), MONDAY);
    assertThat(normalized(credited).get(0).contentHtml()).contains("2M");
    // the same history opened without a credit line: rendered without it, the rows untouched
    HistoryStore plain = new HistoryStore(new CountingBackend(shared),
        ArticleStore.builder("test").attributionTemplate(
            org.republisher.normalize.AttributionTemplate.NONE));
    NormalizedArticle n = normalized(plain).get(0);
    assertThat(n.contentHtml()).isEqualTo("<p>Corps de l'article 1</p>");
    assertThat(n.published()).isEqualTo(article(1).build().published());
    assertThat(normalized(credited).get(0).contentHtml()).contains("2M");
    plain.close();
  }

  @Test
  void backoffDoublesUpToItsCapAndHonoursRetryAfter() {
    Duration fifteen = Duration.ofMinutes(15);
    assertThat(HistoryStore.wait(fifteen, 1, null)).isEqualTo(fifteen);
    assertThat(HistoryStore.wait(fifteen, 2, null)).isEqualTo(Duration.ofMinutes(30));
    assertThat(HistoryStore.wait(fifteen, 5, null)).isEqualTo(Duration.ofHours(4));
    assertThat(HistoryStore.wait(fifteen, 6, null)).isEqualTo(HistoryStore.MAX_BACKOFF);
    assertThat(HistoryStore.wait(fifteen, 60, null)).isEqualTo(HistoryStore.MAX_BACKOFF);
    assertThat(HistoryStore.wait(Duration.ofDays(1), 3, null)).isEqualTo(Duration.ofDays(1));
    assertThat(HistoryStore.wait(fifteen, 1, Duration.ofHours(3))).isEqualTo(Duration.ofHours(3));
    assertThat(HistoryStore.wait(fifteen, 4, Duration.ofMinutes(1))).isEqualTo(Duration.ofHours(2));
    assertThat(HistoryStore.wait(fifteen, 1, Duration.ofDays(30)))
        .isEqualTo(HistoryStore.MAX_RETRY_AFTER);
  }

  static List<NormalizedArticle> normalized(HistoryStore store) {
    long[] seqs = store.catalog().stream().mapToLong(History.Entry::seq).toArray();
    return store.normalized(seqs, TUESDAY);
  }
}
