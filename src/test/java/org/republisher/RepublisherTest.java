package org.republisher;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.republisher.model.Article;
import org.republisher.model.FeedSpec;
import org.republisher.model.Publication;
import org.republisher.source.ArticleSource;
import org.republisher.source.SourceConfig;
import org.republisher.source.SourceException;
import org.republisher.source.SourceProvider;
import org.republisher.source.TestProviders;
import org.republisher.write.FeedFormat;
import org.republisher.write.FeedOutput;
import org.republisher.write.WriteResult;

class RepublisherTest {
  private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
  private static final Duration SHORT = Duration.ofMillis(200);

  private static final Article OLD = article("old", "2M", "2020-06-04T11:00:00Z");
  private static final Article NEW = article("new", "2M", "2020-06-05T11:00:00Z");
  private static final Article OTHER = article("other", "Le360", "2020-06-06T11:00:00Z");

  // ---- isolation -------------------------------------------------------------------------------

  @Test
  void aThrowingSourceBecomesAFailureAndTheOthersArePublished() {
    ArticleSource bad =
        source(
            "bad",
            () -> {
              throw new IllegalStateException("upstream exploded");
            });
    try (LogCapture logs = new LogCapture();
        Republisher republisher =
            Republisher.builder().source(source("good", OLD, NEW)).source(bad).build()) {
      Snapshot snapshot = republisher.refresh();

      assertThat(snapshot.articles()).containsExactly(NEW, OLD);
      assertThat(snapshot.counts()).containsExactly(entry("good", 2), entry("bad", 0));
      assertThat(snapshot.failures())
          .singleElement()
          .satisfies(
              failure -> {
                assertThat(failure.sourceId()).isEqualTo("bad");
                assertThat(failure.uri()).isNull();
                assertThat(failure.httpStatus()).isEqualTo(-1);
                assertThat(failure.stale()).isFalse();
                assertThat(failure.cause())
                    .isInstanceOf(SourceException.class)
                    .hasCauseInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("upstream exploded");
                assertThat(((SourceException) failure.cause()).sourceId()).isEqualTo("bad");
              });
      assertThat(logs.warnings())
          .singleElement()
          .asString()
          .contains("bad: failed, no articles")
          .contains("upstream exploded");
    }
  }

  @Test
  void aRepublisherExceptionOfTheSourceIsKeptWithItsUriAndStatus() {
    URI uri = URI.create("https://www.2m.ma/fr/rss.xml");
    SourceException unavailable = new SourceException("2m", uri, 503, "Service Unavailable", null);
    ArticleSource down =
        source(
            "2m",
            () -> {
              throw unavailable;
            });
    try (Republisher republisher = Republisher.builder().source(down).build()) {
      SourceFailure failure = republisher.refresh().failures().get(0);

      assertThat(failure.cause()).isSameAs(unavailable);
      assertThat(failure.uri()).isEqualTo(uri);
      assertThat(failure.httpStatus()).isEqualTo(503);
    }
  }

  @Test
  @Timeout(10)
  void aHangingSourceFailsAtItsDeadlineAndItsThreadIsInterrupted() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    ArticleSource hanging =
        source(
            "hanging",
            () -> {
              try {
                never.await();
              } catch (InterruptedException e) {
                interrupted.countDown();
                Thread.currentThread().interrupt();
              }
              return List.of(OTHER);
            });
    try (LogCapture logs = new LogCapture();
        Republisher republisher =
            Republisher.builder()
                .source(hanging)
                .source(source("good", OLD))
                .deadline(SHORT)
                .build()) {
      Snapshot snapshot = republisher.refresh();

      assertThat(snapshot.articles()).containsExactly(OLD);
      assertThat(snapshot.failures())
          .singleElement()
          .satisfies(
              failure -> {
                assertThat(failure.sourceId()).isEqualTo("hanging");
                assertThat(failure.cause())
                    .isInstanceOf(SourceException.class)
                    .hasCauseInstanceOf(TimeoutException.class)
                    .hasMessageContaining("deadline of 200 ms");
              });
      assertThat(interrupted.await(5, TimeUnit.SECONDS)).as("fetch thread interrupted").isTrue();
      assertThat(logs.warnings()).singleElement().asString().contains("hanging: failed");
    } finally {
      never.countDown();
    }
  }

  @Test
  void aSourceReturningNullBecomesAFailure() {
    try (Republisher republisher =
        Republisher.builder()
            .source(source("null", () -> null))
            .source(source("good", OLD))
            .build()) {
      Snapshot snapshot = republisher.refresh();

      assertThat(snapshot.articles()).containsExactly(OLD);
      assertThat(snapshot.failures())
          .singleElement()
          .satisfies(
              failure ->
                  assertThat(failure.cause())
                      .isInstanceOf(SourceException.class)
                      .hasMessageContaining("source null")
                      .hasMessageContaining("returned null"));
    }
  }

  @Test
  void aSourceReturningANullElementFailsAsAWhole() {
    try (Republisher republisher =
        Republisher.builder()
            .source(source("holey", () -> Arrays.asList(NEW, null)))
            .source(source("good", OLD))
            .build()) {
      Snapshot snapshot = republisher.refresh();

      assertThat(snapshot.articles()).containsExactly(OLD);
      assertThat(snapshot.counts()).containsEntry("holey", 0);
      assertThat(snapshot.failures())
          .singleElement()
          .satisfies(
              failure ->
                  assertThat(failure.cause()).hasMessageContaining("returned null at index 1"));
    }
  }

  @Test
  @SuppressWarnings({"unchecked", "rawtypes"})
  void aSourceReturningSomethingElseThanArticlesFailsAsAWhole() {
    List garbage = new ArrayList();
    garbage.add(NEW);
    garbage.add("not an article");
    try (Republisher republisher =
        Republisher.builder().source(source("garbage", () -> (List<Article>) garbage)).build()) {
      Snapshot snapshot = republisher.refresh();

      assertThat(snapshot.articles()).isEmpty();
      assertThat(snapshot.failures())
          .singleElement()
          .satisfies(
              failure ->
                  assertThat(failure.cause())
                      .hasMessageContaining("returned a java.lang.String at index 1"));
    }
  }

  @Test
  void aSourceFailingAfterASuccessKeepsItsLastGoodArticlesAndSaysItIsStale() {
    AtomicInteger calls = new AtomicInteger();
    ArticleSource flaky =
        source(
            "flaky",
            () ->
                switch (calls.incrementAndGet()) {
                  case 1 -> List.of(OLD, NEW);
                  case 2 -> throw new IllegalStateException("gone for lunch");
                  default -> List.of(OTHER);
                });
    try (LogCapture logs = new LogCapture();
        Republisher republisher = Republisher.builder().source(flaky).build()) {
      assertThat(republisher.refresh().failures()).isEmpty();

      Snapshot stale = republisher.refresh();
      assertThat(stale.articles()).containsExactly(NEW, OLD);
      assertThat(stale.counts()).containsExactly(entry("flaky", 2));
      assertThat(stale.failures())
          .singleElement()
          .satisfies(
              failure -> {
                assertThat(failure.stale()).isTrue();
                assertThat(failure.cause()).hasMessageContaining("gone for lunch");
              });
      assertThat(logs.warnings())
          .singleElement()
          .asString()
          .contains("flaky: failed, kept the 2 articles of its last good fetch");

      Snapshot recovered = republisher.refresh();
      assertThat(recovered.articles()).containsExactly(OTHER);
      assertThat(recovered.failures()).isEmpty();
    }
  }

  @Test
  void oneBrokenSourceAmongGoodOnesLosesOnlyItsOwnArticles() {
    try (Republisher republisher =
        Republisher.builder()
            .source(source("2m", OLD, NEW))
            .source(
                source(
                    "broken",
                    () -> {
                      throw new SourceException("broken", null, -1, "not a feed", null);
                    }))
            .source(source("le360", OTHER))
            .build()) {
      Snapshot snapshot = republisher.refresh();

      assertThat(snapshot.articles()).containsExactly(OTHER, NEW, OLD);
      assertThat(snapshot.counts())
          .containsExactly(entry("2m", 2), entry("broken", 0), entry("le360", 1));
      assertThat(snapshot.failures()).extracting(SourceFailure::sourceId).containsExactly("broken");
    }
  }

  // ---- merging ---------------------------------------------------------------------------------

  @Test
  void duplicatesAcrossSourcesKeepTheFirstSourceInConfigurationOrder() {
    Article fromFeed = OLD.toBuilder().title("From the feed").build();
    Article fromPage = OLD.toBuilder().title("From the page").build();
    ArticleSource feed = source("feed", fromFeed, NEW);
    ArticleSource page = source("page", fromPage, OTHER);

    try (Republisher feedFirst = Republisher.builder().source(feed).source(page).build();
        Republisher pageFirst = Republisher.builder().source(page).source(feed).build()) {
      Snapshot one = feedFirst.refresh();
      Snapshot two = pageFirst.refresh();

      assertThat(one.articles()).extracting(Article::id).containsExactly("other", "new", "old");
      assertThat(one.articles()).extracting(Article::title).contains("From the feed");
      assertThat(two.articles()).extracting(Article::title).contains("From the page");
      assertThat(one.counts()).containsExactly(entry("feed", 2), entry("page", 2));
    }
  }

  @Test
  void theSnapshotIsDatedByTheClockAndKeptAsTheLatest() {
    try (Republisher republisher =
        Republisher.builder()
            .source(source("2m", OLD))
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .build()) {
      assertThat(republisher.latest()).isEmpty();

      Snapshot snapshot = republisher.refresh();

      assertThat(snapshot.taken()).isEqualTo(NOW);
      assertThat(republisher.latest()).containsSame(snapshot);
    }
  }

  @Test
  void aSnapshotWritesTheSelectedArticlesTheSameBytesEachTime() throws Exception {
    try (Republisher republisher =
        Republisher.builder()
            .source(source("2m", OLD, NEW))
            .source(source("le360", OTHER))
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .build()) {
      Snapshot snapshot = republisher.refresh();
      FeedSpec spec = FeedSpec.builder("2M", "https://revue.example/feeds/2m.rss.xml").build();

      ByteArrayOutputStream rss = new ByteArrayOutputStream();
      ByteArrayOutputStream json = new ByteArrayOutputStream();
      WriteResult result =
          snapshot.write(
              spec,
              article -> "2M".equals(article.publication().name()),
              List.of(
                  FeedOutput.of(FeedFormat.RSS, rss), FeedOutput.of(FeedFormat.JSON_FEED, json)));
      ByteArrayOutputStream again = new ByteArrayOutputStream();
      snapshot.write(
          spec,
          article -> "2M".equals(article.publication().name()),
          List.of(FeedOutput.of(FeedFormat.RSS, again)));

      assertThat(result.written()).isEqualTo(2);
      assertThat(result.rejected()).isEmpty();
      SyndFeed feed =
          new SyndFeedInput().build(new XmlReader(new ByteArrayInputStream(rss.toByteArray())));
      assertThat(feed.getEntries()).extracting(SyndEntry::getTitle).containsExactly("new", "old");
      assertThat(json.toString(UTF_8)).contains("\"title\":\"new\"").doesNotContain("other");
      assertThat(again.toByteArray()).isEqualTo(rss.toByteArray());
    }
  }

  // ---- serialized fetches ----------------------------------------------------------------------

  @Test
  @Timeout(10)
  void aRefreshCalledDuringAnotherWaitsForItAndReturnsItsSnapshot() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger fetches = new AtomicInteger();
    ArticleSource slow =
        source(
            "slow",
            () -> {
              fetches.incrementAndGet();
              entered.countDown();
              awaitUninterruptibly(release);
              return List.of(OLD);
            });
    try (Republisher republisher = Republisher.builder().source(slow).build()) {
      AtomicReference<Snapshot> first = new AtomicReference<>();
      AtomicReference<Snapshot> second = new AtomicReference<>();
      Thread one = new Thread(() -> first.set(republisher.refresh()));
      one.start();
      entered.await();
      Thread two = new Thread(() -> second.set(republisher.refresh()));
      two.start();
      // the second caller parks (WAITING, no timeout) when it joins the running refresh; were it
      // to run a refresh of its own, it would park with a timeout (TIMED_WAITING) on its fetch
      while (!parked(two)) {
        if (Thread.interrupted()) {
          throw new InterruptedException("@Timeout");
        }
        Thread.onSpinWait();
      }
      release.countDown();
      one.join();
      two.join();

      assertThat(second.get()).isSameAs(first.get()).isNotNull();
      assertThat(fetches).hasValue(1);
    }
  }

  @Test
  @Timeout(10)
  void aSourceStillRunningPastItsDeadlineIsNotFetchedAgainUntilItReturns() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger fetches = new AtomicInteger();
    AtomicInteger running = new AtomicInteger();
    AtomicInteger mostRunning = new AtomicInteger();
    ArticleSource stubborn =
        source(
            "stubborn",
            () -> {
              fetches.incrementAndGet();
              mostRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
              awaitUninterruptibly(release); // ignores the interrupt at the deadline
              running.decrementAndGet();
              return List.of(OLD);
            });
    ExecutorService pool = Executors.newCachedThreadPool();
    Semaphore tasksDone = new Semaphore(0);
    try (Republisher republisher =
        Republisher.builder()
            .source(stubborn)
            .deadline(SHORT)
            .executor(
                task ->
                    pool.execute(
                        () -> {
                          try {
                            task.run();
                          } finally {
                            tasksDone.release();
                          }
                        }))
            .build()) {
      Snapshot first = republisher.refresh();
      assertThat(first.failures().get(0).cause()).hasCauseInstanceOf(TimeoutException.class);

      Snapshot second = republisher.refresh();
      assertThat(second.failures().get(0).cause()).hasMessageContaining("still running");
      assertThat(fetches).hasValue(1);

      release.countDown();
      tasksDone.acquire();
      Snapshot third = republisher.refresh();
      assertThat(third.failures()).isEmpty();
      assertThat(third.articles()).containsExactly(OLD);
      assertThat(fetches).hasValue(2);
      assertThat(mostRunning).hasValue(1);
    } finally {
      release.countDown();
      pool.shutdownNow();
    }
  }

  @Test
  void backToBackRefreshesFindTheSourceFreeAgain() {
    // regression: the source was marked free only after its result was published, so the next
    // refresh could find it "still running"
    try (Republisher republisher = Republisher.builder().source(source("quick", OLD)).build()) {
      for (int i = 0; i < 500; i++) {
        assertThat(republisher.refresh().failures()).as("refresh %d", i).isEmpty();
      }
    }
  }

  @Test
  void aDeadlineBeyondWhatNanosecondsCountStillWaits() {
    try (Republisher republisher =
        Republisher.builder()
            .source(source("2m", OLD))
            .deadline(Duration.ofSeconds(Long.MAX_VALUE))
            .build()) {
      assertThat(republisher.refresh().articles()).containsExactly(OLD);
    }
  }

  @Test
  void sourcesRunOnNamedDaemonThreadsThatCloseEnds() throws Exception {
    AtomicReference<Thread> fetcher = new AtomicReference<>();
    ArticleSource watched =
        source(
            "watched",
            () -> {
              fetcher.set(Thread.currentThread());
              return List.of(OLD);
            });
    Republisher republisher = Republisher.builder().source(watched).build();
    republisher.refresh();
    Thread thread = fetcher.get();

    assertThat(thread.getName()).matches("republisher-source-\\d+");
    assertThat(thread.isDaemon()).isTrue();

    republisher.close();
    thread.join(TimeUnit.SECONDS.toMillis(5));
    assertThat(thread.isAlive()).as("thread ended by close()").isFalse();
    assertThatThrownBy(republisher::refresh)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void closeLeavesTheHostsExecutorRunning() {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Republisher republisher =
          Republisher.builder().source(source("2m", OLD)).executor(pool).build();
      assertThat(republisher.refresh().articles()).containsExactly(OLD);

      republisher.close();

      assertThat(pool.isShutdown()).isFalse();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  @Timeout(10)
  void aRefreshOfAnInterruptedCallerThrowsKeepsTheInterruptAndCancelsTheFetches() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch never = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    ArticleSource waiting =
        source(
            "waiting",
            () -> {
              entered.countDown();
              try {
                never.await();
              } catch (InterruptedException e) {
                interrupted.countDown();
              }
              return List.of(OLD);
            });
    try (Republisher republisher = Republisher.builder().source(waiting).build()) {
      AtomicReference<Throwable> thrown = new AtomicReference<>();
      AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
      Thread caller =
          new Thread(
              () -> {
                try {
                  republisher.refresh();
                } catch (RuntimeException e) {
                  thrown.set(e);
                }
                stillInterrupted.set(Thread.currentThread().isInterrupted());
              });
      caller.start();
      entered.await();
      caller.interrupt();
      caller.join();

      assertThat(thrown.get())
          .isInstanceOf(RepublisherException.class)
          .hasCauseInstanceOf(InterruptedException.class);
      assertThat(stillInterrupted.get()).isTrue();
      assertThat(interrupted.await(5, TimeUnit.SECONDS)).as("fetch cancelled").isTrue();
      assertThat(republisher.latest()).isEmpty();
    } finally {
      never.countDown();
    }
  }

  // ---- build() validation ----------------------------------------------------------------------

  @Test
  void anUnknownKeyFailsAtBuildNamingTheSourceAndTheKey() {
    assertThatThrownBy(
            () ->
                Republisher.builder()
                    .source(source("2m", OLD))
                    .source(SourceConfig.of("archive", URI.create("ftp://example.org/feed.xml")))
                    .build())
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("archive")
        .hasMessageContaining("no source provider for key \"ftp\"")
        .hasMessageContaining("records")
        .satisfies(e -> assertThat(((SourceException) e).sourceId()).isEqualTo("archive"));
    assertThatThrownBy(
            () ->
                Republisher.builder()
                    .source(
                        new SourceConfig(
                            "cms", URI.create("https://example.org/"), "cms", null, Map.of()))
                    .build())
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("source cms")
        .hasMessageContaining("key \"cms\"")
        .hasCauseInstanceOf(InvalidValueException.class);
  }

  @Test
  void theBuiltInRecordsProviderReadsARecordsFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("desk.jsonl");
    Files.writeString(
        file,
        "{\"title\": \"Le Maroc plaide pour une mobilisation accrue\","
            + " \"sourceLink\": \"https://www.2m.ma/fr/news/article-12345\","
            + " \"attribution\": \"Publié dans 2M le 04 - 06 - 2020\"}\n",
        UTF_8);
    try (Republisher republisher =
        Republisher.builder()
            .source(new SourceConfig("desk", file.toUri(), "records", null, Map.of()))
            .build()) {
      Snapshot snapshot = republisher.refresh();

      assertThat(snapshot.failures()).isEmpty();
      assertThat(snapshot.articles())
          .singleElement()
          .satisfies(
              article -> {
                assertThat(article.publication().name()).isEqualTo("2M");
                assertThat(article.id()).isEqualTo("https://www.2m.ma/fr/news/article-12345");
              });
    }
  }

  @Test
  void aRegisteredProviderOverridesTheBuiltInOneForItsKey(@TempDir Path dir) {
    SourceConfig config =
        new SourceConfig("desk", dir.resolve("missing.jsonl").toUri(), "records", null, Map.of());
    try (Republisher builtIn = Republisher.builder().source(config).build();
        Republisher overridden =
            Republisher.builder()
                .provider(new TestProviders.RecordsOverride())
                .source(config)
                .build()) {
      assertThat(builtIn.refresh().failures())
          .singleElement()
          .satisfies(failure -> assertThat(failure.cause()).hasMessageContaining("no such file"));
      assertThat(overridden.refresh().articles())
          .extracting(Article::title)
          .containsExactly("overridden records");
    }
  }

  @Test
  void aProviderRejectingItsConfigurationFailsAtBuildNamingTheSource() {
    SourceConfig config =
        new SourceConfig(
            "desk", URI.create("https://example.org/a.jsonl"), "records", null, Map.of());

    assertThatThrownBy(() -> Republisher.builder().source(config).build())
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("source desk")
        .hasCauseInstanceOf(InvalidValueException.class)
        .hasMessageContaining("not a file: URI");
  }

  @Test
  void buildRejectsDuplicateIdsNoSourcesBlankIdsAndBadDeadlines() {
    assertThatThrownBy(
            () -> Republisher.builder().source(source("2m", OLD)).source(source("2m", NEW)).build())
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("source 2m")
        .hasMessageContaining("same id");
    assertThatThrownBy(() -> Republisher.builder().build())
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("sources are empty");
    assertThatThrownBy(() -> Republisher.builder().source(source(" ", OLD)).build())
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("source.id is blank");
    assertThatThrownBy(() -> Republisher.builder().deadline(Duration.ZERO))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("deadline is not positive");
    SourceProvider keyless =
        new SourceProvider() {
          @Override
          public Set<String> keys() {
            return Set.of();
          }

          @Override
          public ArticleSource create(SourceConfig config) {
            throw new AssertionError();
          }
        };
    assertThatThrownBy(
            () -> Republisher.builder().provider(keyless).source(source("2m", OLD)).build())
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("provider.keys are empty");
  }

  // ---- helpers ---------------------------------------------------------------------------------

  static Article article(String id, String publication, String published) {
    return Article.builder()
        .id(id)
        .title(id)
        .link("https://revue.example/" + id)
        .publication(Publication.of(publication))
        .published(Instant.parse(published))
        .build();
  }

  static ArticleSource source(String id, Article... articles) {
    List<Article> list = List.of(articles);
    return source(id, () -> list);
  }

  static ArticleSource source(String id, Supplier<List<Article>> fetch) {
    return new ArticleSource() {
      @Override
      public String id() {
        return id;
      }

      @Override
      public List<Article> fetch() {
        return fetch.get();
      }
    };
  }

  static boolean parked(Thread thread) {
    Thread.State state = thread.getState();
    return state == Thread.State.WAITING
        || state == Thread.State.TIMED_WAITING
        || state == Thread.State.TERMINATED;
  }

  static void awaitUninterruptibly(CountDownLatch latch) {
    boolean interrupted = false;
    while (true) {
      try {
        latch.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
