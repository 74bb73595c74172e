package org.republisher.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.republisher.store.Backend.ArticleRow;
import org.republisher.internal.History.Entry;
import org.republisher.store.Backend.Changes;
import org.republisher.store.Backend.NormalizedRow;
import org.republisher.store.Backend.SourceRow;
import org.republisher.store.Backend.StoredArticle;

/**
 * The contract of {@link Backend}, the same for each backend: in memory, a SQLite file and a
 * PostgreSQL schema (skipped without a test database outside CI, see {@link Databases}). Each test
 * runs once per kind, on a fresh store.
 */
class BackendContractTest {
  static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");

  /** A test run once on each kind of backend, given as its parameter. */
  @Target(ElementType.METHOD)
  @Retention(RetentionPolicy.RUNTIME)
  @ParameterizedTest(name = "{0}")
  @EnumSource(Databases.Kind.class)
  @interface EachBackend {}

  Backend backend;

  private void open(Databases.Kind kind) {
    backend = Databases.backend(kind);
  }

  @AfterEach
  void close() {
    if (backend != null) {
      backend.close();
    }
  }

  static ArticleRow row(String key, String sourceId, String hash) {
    return new ArticleRow(key, "id:" + key, sourceId, T0, T0.minusSeconds(3600), T0, hash, "2M",
        "fr", List.of("Maroc", "Politique"), "{\"title\":\"" + key + "\"}",
        "{\"title\":\"" + key + "\",\"n\":true}", "policy-1");
  }

  static Changes inserts(String sourceId, ArticleRow... rows) {
    Map<String, String> sightings = new LinkedHashMap<>();
    for (ArticleRow r : rows) {
      sightings.put(r.key(), r.hash());
    }
    return new Changes(sourceId, List.of(rows), List.of(), sightings);
  }

  static StoredArticle stored(long seq, ArticleRow r) {
    return new StoredArticle(seq, r.key(), r.id(), r.sourceId(), r.firstSeen(), r.published(),
        r.updated(), r.hash(), r.publication(), r.language(), r.categories(), r.articleJson(),
        r.normalizedJson(), r.normalizedWith());
  }

  static SourceRow state(String id, String etag, Instant nextFetch) {
    return new SourceRow(id, etag, "Tue, 05 May 2026 10:00:00 GMT", "body-hash", T0,
        T0.minusSeconds(60), 2, nextFetch, 503, "upstream answered 503", null, null);
  }

  private long seqOf(String key) {
    return backend.articles(List.of(key)).get(key).seq();
  }

  @EachBackend
  void aNewStoreIsEmpty(Databases.Kind kind) {
    open(kind);
    assertThat(backend.sightings("feed")).isEmpty();
    assertThat(backend.articles(List.of("a", "b"))).isEmpty();
    assertThat(backend.articles(List.of())).isEmpty();
    assertThat(backend.catalog()).isEmpty();
    assertThat(backend.bySeq(new long[] {1, 2})).isEmpty();
    assertThat(backend.bySeq(new long[0])).isEmpty();
    assertThat(backend.source("feed")).isEmpty();
  }

  @EachBackend
  void emptyChangesWriteNothing(Databases.Kind kind) {
    open(kind);
    assertThat(backend.apply(new Changes("feed", List.of(), List.of(), Map.of()))).isEmpty();

    assertThat(backend.catalog()).isEmpty();
    assertThat(backend.sightings("feed")).isEmpty();
    assertThat(backend.source("feed")).isEmpty();
  }

  @EachBackend
  void insertsGetGrowingSequenceNumbersInTheOrderGiven(Databases.Kind kind) {
    open(kind);
    ArticleRow c = row("https://c.example/1", "feed", "hc");
    ArticleRow a = row("https://a.example/1", "feed", "ha");
    ArticleRow b = row("https://b.example/1", "feed", "hb");

    assertThat(backend.apply(inserts("feed", c, a))).isEmpty();
    assertThat(backend.apply(inserts("feed", b))).isEmpty();

    List<Long> seqs = backend.catalog().stream().map(Entry::seq).toList();
    assertThat(seqs).hasSize(3).isSorted().doesNotHaveDuplicates();
    assertThat(backend.bySeq(new long[] {seqs.get(0), seqs.get(1), seqs.get(2)}))
        .extracting(StoredArticle::key).containsExactly(c.key(), a.key(), b.key());
    assertThat(backend.articles(List.of(a.key(), b.key(), c.key())))
        .containsEntry(a.key(), stored(seqs.get(1), a))
        .containsEntry(b.key(), stored(seqs.get(2), b))
        .containsEntry(c.key(), stored(seqs.get(0), c))
        .hasSize(3);
  }

  @EachBackend
  void aKeyInsertedFirstByAnotherWriterIsReturnedAndNotWritten(Databases.Kind kind) {
    open(kind);
    ArticleRow first = row("k1", "feed", "h1");
    backend.apply(inserts("feed", first));
    ArticleRow again = new ArticleRow("k1", "other-id", "page", T0.plusSeconds(5),
        T0.plusSeconds(5), T0.plusSeconds(5), "h9", "Other", "en", List.of(), "{}", "{}", "p2");
    ArticleRow fresh = row("k2", "page", "h2");

    assertThat(backend.apply(inserts("page", again, fresh))).containsExactly("k1");

    assertThat(backend.articles(List.of("k1")).get("k1"))
        .isEqualTo(stored(seqOf("k1"), first));
    assertThat(backend.sightings("page")).isEqualTo(Map.of("k2", "h2"));
    assertThat(backend.catalog()).hasSize(2);
  }

  @EachBackend
  void severalSourcesApplyInOneTransactionAndReadTheirSightingsInOneQuery(Databases.Kind kind) {
    open(kind);
    backend.apply(inserts("feed", row("k0", "feed", "h0")));
    ArticleRow fromFeed = row("k1", "feed", "h1");
    ArticleRow fromPage = row("k2", "page", "h2");
    ArticleRow taken = row("k0", "page", "h9");

    Set<String> lost = backend.apply(List.of(
        inserts("feed", fromFeed),
        new Changes("empty", List.of(), List.of(), Map.of()),
        inserts("page", fromPage, taken)));

    assertThat(lost).containsExactly("k0");
    assertThat(seqOf("k1")).isLessThan(seqOf("k2")); // in the order given, across sources
    assertThat(backend.sightings(List.of("feed", "page", "never")))
        .isEqualTo(Map.of("feed", Map.of("k0", "h0", "k1", "h1"), "page", Map.of("k2", "h2")));
    assertThat(backend.sightings(List.of())).isEmpty();
  }

  @EachBackend
  void aFailedApplyOfSeveralSourcesWritesNothing(Databases.Kind kind) {
    open(kind);
    if (kind == Databases.Kind.MEMORY) {
      return; // no constraint to break in memory: the recorder never writes such a row
    }
    ArticleRow good = row("k1", "feed", "h1");
    @SuppressWarnings("NullAway") // the database's NOT NULL, on purpose
    ArticleRow bad = new ArticleRow("k2", null, "page", T0, T0, T0, "h2", null, null, List.of(),
        "{}", "{}", "p");
    assertThatThrownBy(() -> backend.apply(List.of(inserts("feed", good), inserts("page", bad))))
        .isInstanceOf(StoreException.class);
    assertThat(backend.catalog()).isEmpty();
    assertThat(backend.sightings(List.of("feed", "page"))).isEmpty();
  }

  @EachBackend
  void finishOfSeveralSourcesSavesThoseItStillHolds(Databases.Kind kind) {
    open(kind);
    backend.claim(List.of("a", "b"), T0, T0.plusSeconds(60), "me");
    backend.claim(List.of("b"), T0.plusSeconds(60), T0.plusSeconds(120), "other");

    assertThat(backend.finish(
            List.of(state("a", "etag-a", null), state("b", "etag-b", null),
                state("new", "etag-new", null)), "me"))
        .containsExactlyInAnyOrder("a", "new");
    assertThat(backend.source("a").orElseThrow().etag()).isEqualTo("etag-a");
    assertThat(backend.source("b").orElseThrow().etag()).isNull();
    assertThat(backend.source("new").orElseThrow().etag()).isEqualTo("etag-new");
  }

  @EachBackend
  void normalizedBySeqReadsTheNormalizedJsonInTheOrderAsked(Databases.Kind kind) {
    open(kind);
    backend.apply(inserts("feed", row("k1", "feed", "h1"), row("k2", "feed", "h2")));
    long one = seqOf("k1");
    long two = seqOf("k2");
    assertThat(backend.normalizedBySeq(new long[] {two, 999_999, one}))
        .containsExactly(
            new NormalizedRow(two, "{\"title\":\"k2\",\"n\":true}", "policy-1"),
            new NormalizedRow(one, "{\"title\":\"k1\",\"n\":true}", "policy-1"));
    assertThat(backend.normalizedBySeq(new long[0])).isEmpty();
  }

  @EachBackend
  void aKeyTwiceInOneApplyIsInsertedOnce(Databases.Kind kind) {
    open(kind);
    ArticleRow one = row("k", "feed", "h1");
    ArticleRow two = row("k", "feed", "h2");

    assertThat(backend.apply(new Changes("feed", List.of(one, two), List.of(), Map.of())))
        .containsExactly("k");

    assertThat(backend.catalog()).hasSize(1);
    assertThat(backend.articles(List.of("k")).get("k").hash()).isEqualTo("h1");
  }

  @EachBackend
  void updatesWriteTheChangingColumnsOnly(Databases.Kind kind) {
    open(kind);
    ArticleRow first = row("k", "feed", "h1");
    backend.apply(inserts("feed", first));
    long seq = seqOf("k");
    ArticleRow changed = new ArticleRow("k", "ignored-id", "ignored-source", T0.plusSeconds(99),
        T0.plusSeconds(99), T0.plusSeconds(7200), "h2", null, null, List.of(), "{\"v\":2}",
        "{\"v\":2,\"n\":true}", "policy-2");
    ArticleRow missing = row("nowhere", "feed", "h3");

    assertThat(backend.apply(
        new Changes("feed", List.of(), List.of(changed, missing), Map.of("k", "h2")))).isEmpty();

    assertThat(backend.articles(List.of("k", "nowhere"))).containsOnlyKeys("k");
    assertThat(backend.articles(List.of("k")).get("k")).isEqualTo(new StoredArticle(seq, "k",
        first.id(), "feed", first.firstSeen(), first.published(), T0.plusSeconds(7200), "h2",
        null, null, List.of(), "{\"v\":2}", "{\"v\":2,\"n\":true}", "policy-2"));
    assertThat(backend.sightings("feed")).isEqualTo(Map.of("k", "h2"));
    assertThat(backend.catalog()).containsExactly(
        new Entry(seq, null, null, List.of(), T0, T0.plusSeconds(7200)));
  }

  @EachBackend
  void sightingsAreKeptPerSourceAndReplacedByKey(Databases.Kind kind) {
    open(kind);
    backend.apply(inserts("feed", row("a", "feed", "ha"), row("b", "feed", "hb")));
    backend.apply(new Changes("page", List.of(), List.of(), Map.of("a", "page-ha")));
    backend.apply(new Changes("feed", List.of(), List.of(), Map.of("a", "ha2", "c", "hc")));

    assertThat(backend.sightings("feed")).isEqualTo(Map.of("a", "ha2", "b", "hb", "c", "hc"));
    assertThat(backend.sightings("page")).isEqualTo(Map.of("a", "page-ha"));
    assertThat(backend.sightings("never")).isEmpty();
  }

  @EachBackend
  void bySeqKeepsTheOrderAskedAndLeavesMissingOnesOut(Databases.Kind kind) {
    open(kind);
    backend.apply(inserts("feed", row("a", "feed", "1"), row("b", "feed", "2"),
        row("c", "feed", "3")));
    long a = seqOf("a");
    long b = seqOf("b");
    long c = seqOf("c");

    assertThat(backend.bySeq(new long[] {c, 999_999, a, -1, b}))
        .extracting(StoredArticle::key).containsExactly("c", "a", "b");
    assertThat(backend.bySeq(new long[] {b})).extracting(StoredArticle::key).containsExactly("b");
  }

  @EachBackend
  void theCatalogIsInSequenceOrderWithoutBodies(Databases.Kind kind) {
    open(kind);
    List<ArticleRow> rows = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      ArticleRow r = row("k" + (29 - i), "feed", "h" + i);
      rows.add(r);
      backend.apply(inserts("feed", r));
    }

    List<Entry> catalog = backend.catalog();

    assertThat(catalog).extracting(Entry::seq).isSorted().doesNotHaveDuplicates();
    assertThat(backend.bySeq(catalog.stream().mapToLong(Entry::seq).toArray()))
        .extracting(StoredArticle::key)
        .containsExactlyElementsOf(rows.stream().map(ArticleRow::key).toList());
    assertThat(catalog.get(0)).isEqualTo(new Entry(catalog.get(0).seq(), "2M", "fr",
        List.of("Maroc", "Politique"), T0, T0));
  }

  @EachBackend
  void claimTakesDueAndFreeSourcesOnly(Databases.Kind kind) {
    open(kind);
    Instant now = T0;
    Instant until = now.plusSeconds(300);
    backend.claim(List.of("later", "leased", "expired", "mine"), now.minusSeconds(600),
        now.minusSeconds(1), "someone");
    backend.finish(state("later", "e", now.plusSeconds(1)), "someone");
    backend.finish(state("dueNow", "e", now), "someone");
    backend.claim(List.of("leased"), now, now.plusSeconds(1), "other");
    backend.claim(List.of("mine"), now, now.plusSeconds(1), "me");
    // "expired": still leased to someone, until now - 1 s

    List<String> claimed = backend.claim(
        List.of("new", "later", "leased", "expired", "mine", "dueNow"), now, until, "me");

    assertThat(claimed).containsExactly("new", "expired", "mine", "dueNow");
    for (String id : claimed) {
      SourceRow row = backend.source(id).orElseThrow();
      assertThat(row.leaseOwner()).as(id).isEqualTo("me");
      assertThat(row.leaseUntil()).as(id).isEqualTo(until);
    }
    assertThat(backend.source("leased").orElseThrow().leaseOwner()).isEqualTo("other");
    assertThat(backend.source("later").orElseThrow().leaseOwner()).isNull();
    assertThat(backend.source("later").orElseThrow().etag()).isEqualTo("e");
    assertThat(backend.claim(List.of(), now, until, "me")).isEmpty();
  }

  @EachBackend
  void claimMakesARowForANewSourceEvenWhenNotClaimed(Databases.Kind kind) {
    open(kind);
    backend.claim(List.of("s"), T0, T0.plusSeconds(60), "other");

    assertThat(backend.claim(List.of("s", "t"), T0, T0.plusSeconds(60), "me"))
        .containsExactly("t");

    assertThat(backend.source("t")).contains(new SourceRow("t", null, null, null, null, null, 0,
        null, -1, null, "me", T0.plusSeconds(60)));
  }

  @EachBackend
  void aLeaseEndsAtItsInstantForAnotherOwner(Databases.Kind kind) {
    open(kind);
    backend.claim(List.of("s"), T0, T0.plusSeconds(60), "crashed");

    assertThat(backend.claim(List.of("s"), T0.plusSeconds(59), T0.plusSeconds(200), "me"))
        .isEmpty();
    assertThat(backend.claim(List.of("s"), T0.plusSeconds(60), T0.plusSeconds(200), "me"))
        .containsExactly("s");
    assertThat(backend.source("s").orElseThrow().leaseOwner()).isEqualTo("me");
  }

  @EachBackend
  void finishSavesTheStateAndReleasesTheLease(Databases.Kind kind) {
    open(kind);
    backend.claim(List.of("s"), T0, T0.plusSeconds(60), "me");
    SourceRow saved = state("s", "\"v1\"", T0.plusSeconds(900));

    assertThat(backend.finish(saved, "me")).isTrue();

    assertThat(backend.source("s")).contains(saved);
    assertThat(backend.claim(List.of("s"), T0.plusSeconds(10), T0.plusSeconds(70), "other"))
        .as("not due yet").isEmpty();
    assertThat(backend.claim(List.of("s"), T0.plusSeconds(900), T0.plusSeconds(960), "other"))
        .as("due, and free").containsExactly("s");
  }

  @EachBackend
  void finishIgnoresTheLeaseFieldsOfTheRow(Databases.Kind kind) {
    open(kind);
    backend.claim(List.of("s"), T0, T0.plusSeconds(60), "me");
    SourceRow withLease = new SourceRow("s", null, null, null, null, null, 0, null, 200, null,
        "somebody", T0.plusSeconds(999));

    assertThat(backend.finish(withLease, "me")).isTrue();

    assertThat(backend.source("s").orElseThrow().leaseOwner()).isNull();
    assertThat(backend.source("s").orElseThrow().leaseUntil()).isNull();
  }

  @EachBackend
  void finishAfterTheLeaseWasTakenOverReturnsFalseAndSavesNothing(Databases.Kind kind) {
    open(kind);
    backend.claim(List.of("s"), T0, T0.plusSeconds(60), "slow");
    backend.claim(List.of("s"), T0.plusSeconds(60), T0.plusSeconds(120), "fast");

    assertThat(backend.finish(state("s", "from-slow", null), "slow")).isFalse();

    SourceRow row = backend.source("s").orElseThrow();
    assertThat(row.etag()).isNull();
    assertThat(row.leaseOwner()).isEqualTo("fast");
    assertThat(backend.finish(state("s", "from-fast", null), "fast")).isTrue();
    assertThat(backend.source("s").orElseThrow().etag()).isEqualTo("from-fast");
  }

  @EachBackend
  void finishOfAnExpiredLeaseNobodyTookStillSaves(Databases.Kind kind) {
    open(kind);
    backend.claim(List.of("s"), T0, T0.plusSeconds(60), "slow");

    assertThat(backend.finish(state("s", "late", null), "slow")).isTrue();

    assertThat(backend.source("s").orElseThrow().etag()).isEqualTo("late");
  }

  @EachBackend
  void finishOfASourceNeverClaimedMakesItsRow(Databases.Kind kind) {
    open(kind);
    SourceRow saved = state("s", null, T0);

    assertThat(backend.finish(saved, "me")).isTrue();

    assertThat(backend.source("s")).contains(saved);
  }

  @EachBackend
  void instantsRoundTripToTheSecond(Databases.Kind kind) {
    open(kind);
    Instant[] instants = {
      Instant.EPOCH, Instant.parse("1900-01-01T00:00:00Z"), Instant.parse("1969-12-31T23:59:59Z"),
      Instant.parse("2038-01-19T03:14:08Z"), Instant.parse("9999-12-31T23:59:59Z"),
    };
    for (int i = 0; i < instants.length; i++) {
      Instant t = instants[i];
      ArticleRow r = new ArticleRow("k" + i, "id", "feed", t, t.plusSeconds(1), t.minusSeconds(1),
          "h", null, null, List.of(), "{}", "{}", "p");
      backend.apply(inserts("feed", r));
      assertThat(backend.articles(List.of(r.key())).get(r.key()))
          .isEqualTo(stored(seqOf(r.key()), r));
      SourceRow s = new SourceRow("s" + i, null, null, null, t, t.plusSeconds(1), 0,
          t.minusSeconds(1), -1, null, null, null);
      backend.finish(s, "me");
      assertThat(backend.source(s.sourceId())).contains(s);
    }
  }

  @EachBackend
  void anyTextRoundTrips(Databases.Kind kind) {
    open(kind);
    StringBuilder planes = new StringBuilder("\u00e9\u0644\u200f\ufeff\ufffd\t\r\n'\"\\%_;--");
    for (int plane = 0; plane <= 16; plane++) {
      planes.appendCodePoint(plane * 0x10000 + 0x100 + plane);
    }
    planes.appendCodePoint(0x1F600).appendCodePoint(0x10FFFD);
    String text = planes.toString();
    String big = text.repeat(20_000);
    ArticleRow r = new ArticleRow(text, text, text, T0, T0, T0, text, text, text,
        List.of(text, "", "[\"x\"]"), big, big, text);

    backend.apply(new Changes(text, List.of(r), List.of(), Map.of(text, text)));
    SourceRow s = new SourceRow(text, text, text, text, T0, T0, 1, T0, 304, text, null, null);
    backend.claim(List.of(text), T0, T0.plusSeconds(1), text);
    backend.finish(s, text);

    assertThat(backend.articles(List.of(text)).get(text)).isEqualTo(stored(seqOf(text), r));
    assertThat(backend.sightings(text)).isEqualTo(Map.of(text, text));
    assertThat(backend.source(text)).contains(s);
    assertThat(backend.catalog().get(0).categories()).isEqualTo(r.categories());
  }
}
