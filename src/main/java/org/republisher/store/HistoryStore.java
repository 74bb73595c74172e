package org.republisher.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.republisher.InvalidArticleException;
import org.republisher.internal.History;
import org.republisher.store.Backend.StoredArticle;
import org.republisher.internal.NormalizedArticle;
import org.republisher.internal.Normalizer;
import org.republisher.internal.Text;
import org.republisher.model.Article;
import org.republisher.model.Publication;
import org.republisher.normalize.AttributionTemplate;
import org.republisher.normalize.ContentPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one {@link ArticleStore}: the history's rules over a {@link Backend}.
 *
 * <h2>Recording</h2>
 *
 * Each article of a fetch gets its {@link Keys key} and its {@link ArticleHash hash}. When the
 * source gave the same hash for that key last time, the article is unchanged: nothing is read,
 * normalized or written. Otherwise:
 *
 * <ul>
 *   <li>a key the history has never seen is a new article: it keeps its id, its published date
 *       (else its updated date, else the instant it was first seen) and is normalized once;
 *   <li>a key first seen by this source (its owner) with another hash is a change: the article
 *       keeps its id and published date, takes the new text, and its updated date becomes the
 *       given one when later, else the instant of the change;
 *   <li>a key first seen by another source is a sighting: it never makes a second article; it
 *       fills what the stored article lacks (summary, content, image, authors, categories,
 *       language), which counts as a change.
 * </ul>
 *
 * New articles of one fetch enter the history oldest first, so that a first import pages in date
 * order.
 */
final class HistoryStore implements ArticleStore, History {
  /** Bumped when the normalization rules change, so that stored articles are normalized again. */
  static final String NORMALIZATION_VERSION = "1";

  /** The longest wait after consecutive failures (unless the interval itself is longer). */
  static final Duration MAX_BACKOFF = Duration.ofHours(6);

  /** The longest {@code Retry-After} honoured. */
  static final Duration MAX_RETRY_AFTER = Duration.ofDays(1);

  private static final Logger LOG = LoggerFactory.getLogger(HistoryStore.class);

  private final Backend backend;
  private final ContentPolicy policy;
  private final AttributionTemplate template;
  private final Duration lease;
  private final String fingerprint;
  private final String owner = UUID.randomUUID().toString();

  /** Per source, the identity of each key of its last fetch: spares reading unchanged articles. */
  private final Map<String, Map<String, Identity>> identities = new ConcurrentHashMap<>();

  private volatile boolean closed;

  HistoryStore(Backend backend, ArticleStore.Builder b) {
    this.backend = backend;
    this.policy = b.policy;
    this.template = b.template;
    this.lease = b.lease;
    this.fingerprint = fingerprint(b.policy, b.template);
  }

  private static String fingerprint(ContentPolicy policy, AttributionTemplate template) {
    String credit =
        template == AttributionTemplate.LOCALIZED
            ? "localized"
            : template == AttributionTemplate.NONE ? "none" : template.getClass().getName();
    return NORMALIZATION_VERSION + ";" + policy.maxTitleLength() + "," + policy.maxSummaryLength()
        + "," + policy.maxContentLength() + ";" + credit;
  }

  /** The id and dates the history gave an article. */
  private record Identity(String id, Instant published, Instant updated) {
    static Identity of(StoredArticle a) {
      return new Identity(a.id(), a.published(), a.updated());
    }
  }

  /** One article of a fetch, with its key and hash. */
  private record Item(Article article, String key, String hash) {}

  // --- recording ---

  @Override
  public Recorded record(String sourceId, List<Article> articles, Instant now) {
    return recordAll(Map.of(sourceId, articles), now).get(sourceId);
  }

  /** One source's part in a recording: its items, what they cost, the identities they got. */
  private static final class Part {
    final String sourceId;
    final Map<String, Item> items = new LinkedHashMap<>();
    final Map<String, Identity> fresh = new HashMap<>();
    List<Item> pending = new ArrayList<>();
    int added;
    int updated;
    int rejected;

    Part(String sourceId) {
      this.sourceId = sourceId;
    }
  }

  @Override
  public Map<String, Recorded> recordAll(Map<String, List<Article>> fetched, Instant now) {
    checkOpen();
    Instant at = now.truncatedTo(ChronoUnit.SECONDS);
    ArticleHash hasher = new ArticleHash();
    Map<String, Part> parts = new LinkedHashMap<>();
    fetched.forEach((sourceId, articles) -> {
      Part part = new Part(sourceId);
      for (Article article : articles) {
        String key = Keys.of(article);
        part.items.putIfAbsent(key, new Item(article, key, hasher.of(article)));
      }
      parts.put(sourceId, part);
    });
    Map<String, Map<String, String>> seen = backend.sightings(parts.keySet());
    Map<String, List<Part>> unknownIdentity = new HashMap<>();
    for (Part part : parts.values()) {
      Map<String, String> hashes = seen.getOrDefault(part.sourceId, Map.of());
      Map<String, Identity> known = identities.getOrDefault(part.sourceId, Map.of());
      for (Item item : part.items.values()) {
        if (!item.hash.equals(hashes.get(item.key))) {
          part.pending.add(item);
          continue;
        }
        Identity identity = known.get(item.key);
        if (identity != null) {
          part.fresh.put(item.key, identity);
        } else {
          unknownIdentity.computeIfAbsent(item.key, key -> new ArrayList<>()).add(part);
        }
      }
    }
    if (!unknownIdentity.isEmpty()) { // after a restart: read, never written
      backend.articles(unknownIdentity.keySet()).forEach((key, a) ->
          unknownIdentity.get(key).forEach(part -> part.fresh.put(key, Identity.of(a))));
    }
    Normalizer normalizer = new Normalizer(Clock.fixed(at, ZoneOffset.UTC), policy, template);
    for (int round = 0; parts.values().stream().anyMatch(p -> !p.pending.isEmpty()); round++) {
      if (round == parts.size() + 3) {
        throw new StoreException("", "the same articles kept being inserted by another writer", null);
      }
      applyRound(parts.values(), at, normalizer);
    }
    Map<String, Recorded> recorded = new LinkedHashMap<>();
    for (Part part : parts.values()) {
      identities.put(part.sourceId, part.fresh);
      List<Article> articles = new ArrayList<>(part.items.size());
      for (Item item : part.items.values()) {
        Identity identity = part.fresh.get(item.key);
        if (identity != null) {
          articles.add(withIdentity(item.article, identity));
        }
      }
      recorded.put(part.sourceId,
          new Recorded(articles, part.added, part.updated, part.rejected));
    }
    return recorded;
  }

  /**
   * Writes one round of changes, in one transaction. A key is written by one source per round:
   * when two sources of one refresh bring the same article, the second waits for the next round
   * and is then a sighting of the first's. Items whose insert lost to another writer wait for the
   * next round too.
   */
  private void applyRound(Collection<Part> parts, Instant now, Normalizer normalizer) {
    Set<String> keys = new HashSet<>();
    for (Part part : parts) {
      part.pending.forEach(item -> keys.add(item.key));
    }
    Map<String, StoredArticle> stored = backend.articles(keys);
    Set<String> written = new HashSet<>();
    Map<String, Part> insertedBy = new HashMap<>();
    Map<String, Item> insertedItem = new HashMap<>();
    List<Backend.Changes> changes = new ArrayList<>();
    for (Part part : parts) {
      List<Item> todo = part.pending;
      part.pending = new ArrayList<>();
      List<Backend.ArticleRow> inserts = new ArrayList<>();
      List<Backend.ArticleRow> updates = new ArrayList<>();
      Map<String, String> sightings = new LinkedHashMap<>();
      List<Item> newItems = new ArrayList<>();
      for (Item item : todo) {
        if (!written.add(item.key)) {
          part.pending.add(item); // another source of this refresh writes it in this round
          continue;
        }
        StoredArticle old = stored.get(item.key);
        if (old == null) {
          newItems.add(item);
          continue;
        }
        try {
          Backend.ArticleRow row =
              old.sourceId().equals(part.sourceId)
                  ? changed(old, item, now, normalizer)
                  : merged(old, item, now, normalizer);
          if (row != null) {
            updates.add(row);
            part.fresh.put(item.key, new Identity(row.id(), row.published(), row.updated()));
            part.updated++;
          } else {
            part.fresh.put(item.key, Identity.of(old));
          }
        } catch (InvalidArticleException e) {
          reject(part, e);
        }
        sightings.put(item.key, item.hash);
      }
      // oldest first, so that a first import pages in date order; undated ones (seen now) last
      newItems.sort(
          Comparator.comparing((Item i) -> date(i.article, now)).thenComparing(Item::key));
      for (Item item : newItems) {
        try {
          Backend.ArticleRow row = inserted(part.sourceId, item, now, normalizer);
          inserts.add(row);
          insertedBy.put(item.key, part);
          insertedItem.put(item.key, item);
          part.fresh.put(item.key, new Identity(row.id(), row.published(), row.updated()));
          part.added++;
        } catch (InvalidArticleException e) {
          reject(part, e);
        }
        sightings.put(item.key, item.hash);
      }
      changes.add(new Backend.Changes(part.sourceId, inserts, updates, sightings));
    }
    for (String key : backend.apply(changes)) {
      Part part = insertedBy.get(key);
      part.added--;
      part.fresh.remove(key);
      part.pending.add(insertedItem.get(key));
    }
  }

  private static void reject(Part part, InvalidArticleException e) {
    part.rejected++;
    LOG.warn("{}: {}", part.sourceId, e.getMessage());
  }

  private static Instant date(Article a, Instant now) {
    Instant date = a.published() != null ? a.published() : a.updated();
    return date != null ? date : now;
  }

  private Backend.ArticleRow inserted(
      String sourceId, Item item, Instant now, Normalizer normalizer) {
    Article a = item.article;
    Instant published = a.published() != null ? a.published() : a.updated();
    Article dated = published != null ? a : a.toBuilder().published(now).build();
    NormalizedArticle n = normalizer.normalize(dated);
    return row(item.key, n, sourceId, now, item.hash, dated, n);
  }

  private Backend.ArticleRow changed(
      StoredArticle old, Item item, Instant now, Normalizer normalizer) {
    Article a = item.article;
    Instant updated =
        a.updated() != null && a.updated().isAfter(old.updated()) ? a.updated() : now;
    Article kept = a.toBuilder().id(old.id()).published(old.published()).updated(updated).build();
    NormalizedArticle n = normalizer.normalize(kept);
    return row(old.key(), n, old.sourceId(), old.firstSeen(), item.hash, kept, n);
  }

  /** Fills what the stored article lacks; {@code null} when the sighting adds nothing. */
  private Backend.@Nullable ArticleRow merged(
      StoredArticle old, Item item, Instant now, Normalizer normalizer) {
    Article mine = ArticleJson.readArticle(old.articleJson());
    Article other = item.article;
    Article.Builder b = mine.toBuilder();
    boolean filled = false;
    if (mine.summary() == null && other.summary() != null) {
      b.summary(other.summary());
      filled = true;
    }
    if (mine.contentHtml() == null && other.contentHtml() != null) {
      b.contentHtml(other.contentHtml());
      if (mine.baseUri() == null && other.baseUri() != null) {
        b.baseUri(other.baseUri().toString());
      }
      filled = true;
    }
    if (mine.image() == null && other.image() != null) {
      b.image(other.image());
      filled = true;
    }
    if (mine.authors().isEmpty() && !other.authors().isEmpty()) {
      other.authors().forEach(b::author);
      filled = true;
    }
    if (mine.categories().isEmpty() && !other.categories().isEmpty()) {
      b.categories(other.categories().toArray(String[]::new));
      filled = true;
    }
    if (mine.language() == null && other.language() != null) {
      b.language(other.language());
      filled = true;
    }
    if (!filled) {
      return null;
    }
    Article merged = b.id(old.id()).published(old.published()).updated(now).build();
    NormalizedArticle n = normalizer.normalize(merged);
    return row(old.key(), n, old.sourceId(), old.firstSeen(), old.hash(), merged, n);
  }

  private Backend.ArticleRow row(String key, NormalizedArticle n, String sourceId,
      Instant firstSeen, String hash, Article given, NormalizedArticle normalized) {
    NormalizedArticle.Source publication = n.publication();
    return new Backend.ArticleRow(key, given.id(), sourceId, firstSeen, n.published(),
        n.updated(), hash, publication == null ? null : publication.name(), n.language(),
        n.categories(), ArticleJson.write(given), ArticleJson.write(normalized), fingerprint);
  }

  private static Article withIdentity(Article a, Identity identity) {
    // the article as given, when the history's identity says the same (no rebuilding, which checks
    // every field again)
    Instant updated = a.updated() != null ? a.updated() : identity.published();
    if (identity.id().equals(a.id()) && identity.published().equals(a.published())
        && identity.updated().equals(updated)) {
      return a;
    }
    return a.toBuilder()
        .id(identity.id())
        .published(identity.published())
        .updated(identity.updated())
        .build();
  }

  // --- fetch state ---

  @Override
  public List<String> claim(List<String> sourceIds, Instant now) {
    checkOpen();
    return backend.claim(sourceIds, now, now.plus(lease), owner);
  }

  @Override
  public Validators validators(String sourceId) {
    return backend.source(sourceId)
        .map(row -> new Validators(row.etag(), row.lastModified(), row.bodyHash()))
        .orElse(Validators.NONE);
  }

  @Override
  public @Nullable Instant nextFetch(String sourceId) {
    return backend.source(sourceId).map(Backend.SourceRow::nextFetch).orElse(null);
  }

  @Override
  public Instant succeeded(String sourceId, Validators validators, Instant now, Duration interval) {
    return finish(List.of(Fetch.succeeded(sourceId, validators, interval)), now).get(sourceId);
  }

  @Override
  public Instant failed(String sourceId, int status, @Nullable Duration retryAfter, String message,
      Instant now, Duration interval) {
    return finish(List.of(Fetch.failed(sourceId, status, retryAfter, message, interval)), now)
        .get(sourceId);
  }

  @Override
  public Map<String, Instant> finish(List<Fetch> fetches, Instant now) {
    checkOpen();
    Instant at = now.truncatedTo(ChronoUnit.SECONDS);
    Map<String, Instant> next = new LinkedHashMap<>();
    List<Backend.SourceRow> rows = new ArrayList<>(fetches.size());
    for (Fetch fetch : fetches) {
      Validators v = fetch.validators();
      Backend.SourceRow row;
      if (v != null) {
        Instant due = at.plus(fetch.interval()).truncatedTo(ChronoUnit.SECONDS);
        row = new Backend.SourceRow(fetch.sourceId(), v.etag(), v.lastModified(), v.bodyHash(),
            at, at, 0, due, fetch.status(), null, null, null);
      } else {
        // a failure keeps what the last good fetch learned; its count makes the wait longer
        Backend.SourceRow old = backend.source(fetch.sourceId()).orElse(null);
        int failures = old == null ? 1 : old.failures() + 1;
        Instant due = at.plus(wait(fetch.interval(), failures, fetch.retryAfter()))
            .truncatedTo(ChronoUnit.SECONDS);
        row = new Backend.SourceRow(fetch.sourceId(),
            old == null ? null : old.etag(), old == null ? null : old.lastModified(),
            old == null ? null : old.bodyHash(), at, old == null ? null : old.lastSuccess(),
            failures, due, fetch.status(), Text.forLog(String.valueOf(fetch.message())), null,
            null);
      }
      rows.add(row);
      next.put(fetch.sourceId(), row.nextFetch());
    }
    Set<String> saved = backend.finish(rows, owner);
    for (Backend.SourceRow row : rows) {
      if (!saved.contains(row.sourceId())) {
        LOG.warn("{}: its claim expired before the fetch ended; another instance took it over",
            Text.forLog(row.sourceId()));
      }
    }
    return next;
  }

  /**
   * The wait after {@code failures} consecutive failures: the interval, doubled after each further
   * failure, at most {@link #MAX_BACKOFF} (or the interval when it is longer); and at least what
   * {@code Retry-After} asked, up to {@link #MAX_RETRY_AFTER}.
   */
  static Duration wait(Duration interval, int failures, @Nullable Duration retryAfter) {
    Duration cap = interval.compareTo(MAX_BACKOFF) > 0 ? interval : MAX_BACKOFF;
    Duration backoff = interval;
    for (int i = 1; i < failures && backoff.compareTo(cap) < 0; i++) {
      backoff = backoff.multipliedBy(2);
    }
    if (backoff.compareTo(cap) > 0) {
      backoff = cap;
    }
    if (retryAfter != null && !retryAfter.isNegative()) {
      Duration asked = retryAfter.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : retryAfter;
      if (asked.compareTo(backoff) > 0) {
        return asked;
      }
    }
    return backoff;
  }



  // --- reading ---

  @Override
  public List<Entry> catalog() {
    checkOpen();
    return backend.catalog();
  }

  @Override
  public List<NormalizedArticle> normalized(long[] seqs, Instant now) {
    checkOpen();
    List<Backend.NormalizedRow> rows = backend.normalizedBySeq(seqs);
    List<NormalizedArticle> articles = new ArrayList<>(rows.size());
    List<Long> stale = new ArrayList<>();
    for (Backend.NormalizedRow row : rows) {
      if (row.normalizedWith().equals(fingerprint)) {
        articles.add(ArticleJson.readNormalized(row.normalizedJson()));
      } else {
        stale.add(row.seq());
        articles.add(null); // its place, filled below
      }
    }
    if (stale.isEmpty()) {
      return articles;
    }
    // made with other settings (or an older republisher): normalized again, not kept
    Normalizer normalizer = new Normalizer(Clock.fixed(now, ZoneOffset.UTC), policy, template);
    Map<Long, NormalizedArticle> again = new HashMap<>();
    for (StoredArticle a : backend.bySeq(stale.stream().mapToLong(Long::longValue).toArray())) {
      Article given = ArticleJson.readArticle(a.articleJson());
      Article kept =
          given.toBuilder().id(a.id()).published(a.published()).updated(a.updated()).build();
      try {
        again.put(a.seq(), normalizer.normalize(kept));
      } catch (InvalidArticleException e) {
        LOG.warn("history: {}", e.getMessage());
      }
    }
    List<NormalizedArticle> all = new ArrayList<>(articles.size());
    for (int i = 0; i < rows.size(); i++) {
      NormalizedArticle n = articles.get(i) != null ? articles.get(i) : again.get(rows.get(i).seq());
      if (n != null) {
        all.add(n);
      }
    }
    return all;
  }

  /** How many articles of one publication are read at most to complete its description. */
  private static final int PUBLICATION_LOOKUPS = 200;

  @Override
  public List<Publication> publications() {
    checkOpen();
    Map<String, List<Long>> byName = new TreeMap<>();
    for (Entry row : backend.catalog()) {
      if (row.publication() != null) {
        List<Long> seqs = byName.computeIfAbsent(row.publication(), name -> new ArrayList<>());
        if (seqs.size() < PUBLICATION_LOOKUPS) {
          seqs.add(row.seq());
        }
      }
    }
    List<Publication> publications = new ArrayList<>(byName.size());
    byName.forEach((name, seqs) -> publications.add(describe(name, seqs)));
    return publications;
  }

  /**
   * The publication of a name as its articles describe it: the first article's, with the home
   * page, feed and language of the first later articles that give them when it lacks them (an
   * article read from an attribution line names its publication only).
   */
  private Publication describe(String name, List<Long> seqs) {
    Publication found = null;
    for (int from = 0; from < seqs.size(); from += 20) {
      long[] batch = seqs.subList(from, Math.min(seqs.size(), from + 20)).stream()
          .mapToLong(Long::longValue).toArray();
      for (StoredArticle a : backend.bySeq(batch)) {
        Publication p = ArticleJson.readArticle(a.articleJson()).publication();
        if (p == null) {
          continue;
        }
        found = found == null
            ? new Publication(name, p.url(), p.feedUrl(), p.language(), p.zone())
            : new Publication(name, found.url() != null ? found.url() : p.url(),
                found.feedUrl() != null ? found.feedUrl() : p.feedUrl(),
                found.language() != null ? found.language() : p.language(), found.zone());
        if (found.url() != null && found.feedUrl() != null && found.language() != null) {
          return found;
        }
      }
    }
    return found != null ? found : Publication.of(name);
  }

  @Override
  public long articleCount() {
    checkOpen();
    return backend.catalog().size();
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("the history store is closed");
    }
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      backend.close();
    }
  }
}
