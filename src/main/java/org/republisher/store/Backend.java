package org.republisher.store;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.republisher.internal.History.Entry;

/**
 * Where the history is kept: the rows of articles, sightings and sources, and nothing of the rules.
 * The rules (keys, hashes, first sighting wins, merges, backoff) live in the recorder above, so
 * every backend behaves the same. Implementations: {@code JdbcBackend} (SQLite, PostgreSQL) and
 * {@code MemoryBackend}. Thread-safe; each method is one transaction.
 *
 * <p>Instants are kept to the second.
 */
interface Backend extends AutoCloseable {

  /**
   * Returns what one source gave last time, by article key: the hash of its version of each article
   * it has given. Called once per source per refresh, so it must be one query.
   *
   * @param sourceId the source
   * @return key to hash, empty for a source never recorded
   */
  default Map<String, String> sightings(String sourceId) {
    return sightings(List.of(sourceId)).getOrDefault(sourceId, Map.of());
  }

  /**
   * Returns what several sources gave last time, as {@link #sightings(String)} does for one, in
   * one query: a refresh reads the sightings of all its sources at once.
   *
   * @param sourceIds the sources
   * @return source to (key to hash); a source never recorded is absent
   */
  Map<String, Map<String, String>> sightings(Collection<String> sourceIds);

  /**
   * Returns the stored articles with these keys; keys with no article are absent from the map.
   *
   * @param keys article keys
   * @return key to article
   */
  Map<String, StoredArticle> articles(Collection<String> keys);

  /**
   * Applies what one source's fetch changed, in one transaction: inserts the new articles in the
   * order given, each with the next sequence number (sequence numbers only grow, and an article
   * committed later never gets a smaller one, even with several instances on one database), updates
   * the changed ones by key, and upserts the source's sightings. A new article whose key another
   * writer inserted first is not inserted (nor is its sighting written), and its key is returned,
   * so that the caller can treat it as a sighting of that article and apply again. Writes nothing
   * when {@code changes} is empty.
   *
   * @param changes the changes
   * @return the keys of new articles that were already there
   */
  default Set<String> apply(Changes changes) {
    return apply(List.of(changes));
  }

  /**
   * Applies what several fetches changed, as {@link #apply(Changes)} does for one, in one
   * transaction: a refresh commits once. No two changes may insert one key.
   *
   * @param changes the changes, applied in order
   * @return the keys of new articles that were already there
   */
  Set<String> apply(List<Changes> changes);

  /**
   * Returns the catalog of every article, in sequence order: what feed selection and archive paging
   * need, without the articles' bodies.
   *
   * @return the rows, oldest sequence first
   */
  List<Entry> catalog();

  /**
   * Returns the stored articles with these sequence numbers, in the order asked; missing ones are
   * left out.
   *
   * @param seqs sequence numbers
   * @return the articles
   */
  List<StoredArticle> bySeq(long[] seqs);

  /**
   * Returns what rendering needs of the articles with these sequence numbers, in the order asked:
   * their normalized JSON only, not the article as given (half the bytes).
   *
   * @param seqs sequence numbers
   * @return the rows; missing ones are left out
   */
  List<NormalizedRow> normalizedBySeq(long[] seqs);

  /**
   * Returns the fetch state of a source.
   *
   * @param sourceId the source
   * @return its row, or empty for a source never claimed
   */
  Optional<SourceRow> source(String sourceId);

  /**
   * Claims the sources among {@code sourceIds} that are due and free, for one owner: due means
   * never fetched or {@code nextFetch <= now}; free means no lease, an expired lease ({@code
   * leaseUntil <= now}) or a lease of the same owner. Claimed sources get {@code leaseOwner = owner}
   * and {@code leaseUntil}. Sources without a row get one (due at once). With several instances on
   * one database no source is ever claimed by two owners at once (PostgreSQL: {@code SELECT … FOR
   * UPDATE SKIP LOCKED}).
   *
   * @param sourceIds the sources this instance serves
   * @param now the instance's clock
   * @param leaseUntil when the claim expires if the owner never finishes
   * @param owner this instance's id
   * @return the claimed sources, in the order of {@code sourceIds}
   */
  List<String> claim(List<String> sourceIds, Instant now, Instant leaseUntil, String owner);

  /**
   * Saves a source's fetch state and releases the owner's lease on it.
   *
   * @param row the new state (its lease fields are ignored)
   * @param owner the owner that claimed it
   * @return false when the owner no longer held the lease (it expired and another owner claimed the
   *     source); the state is then not saved
   */
  default boolean finish(SourceRow row, String owner) {
    return !finish(List.of(row), owner).isEmpty();
  }

  /**
   * Saves the fetch state of several sources, as {@link #finish(SourceRow, String)} does for one,
   * in one transaction.
   *
   * @param rows the new states
   * @param owner the owner that claimed them
   * @return the sources whose state was saved (the owner still held their lease)
   */
  Set<String> finish(List<SourceRow> rows, String owner);

  /** Releases the database: connections, pools, file handles. */
  @Override
  void close();

  /**
   * One stored article.
   *
   * @param seq its sequence number: the order the history first saw articles in
   * @param key its identity: the canonical source link, else publication, title and day
   * @param id its id, from the first sighting, for ever
   * @param sourceId the source that first saw it (its owner: only the owner's changes update it)
   * @param firstSeen when it was first seen
   * @param published its published date, from the first sighting (else {@code firstSeen}), for ever
   * @param updated its last change
   * @param hash the hash of the owner's version
   * @param publication the publication's name, plain text, for selection; or {@code null}
   * @param language its language tag, for selection; or {@code null}
   * @param categories its categories, plain text, for selection
   * @param articleJson the article as given (the owner's version, merged), as JSON
   * @param normalizedJson the article as normalized, as JSON
   * @param normalizedWith a fingerprint of the normalization settings {@code normalizedJson} was
   *     made with
   */
  record StoredArticle(
      long seq,
      String key,
      String id,
      String sourceId,
      Instant firstSeen,
      Instant published,
      Instant updated,
      String hash,
      @Nullable String publication,
      @Nullable String language,
      List<String> categories,
      String articleJson,
      String normalizedJson,
      String normalizedWith) {}

  /**
   * What rendering reads of a stored article.
   *
   * @param seq its sequence number
   * @param normalizedJson the article as normalized, as JSON in UTF-8: the bytes the database
   *     gives, parsed as they are (decoding them into a string first doubled the time)
   * @param normalizedWith the normalization settings' fingerprint
   */
  record NormalizedRow(long seq, byte[] normalizedJson, String normalizedWith) {
    NormalizedRow(long seq, String normalizedJson, String normalizedWith) {
      this(seq, normalizedJson.getBytes(StandardCharsets.UTF_8), normalizedWith);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof NormalizedRow r && r.seq == seq
          && Arrays.equals(r.normalizedJson, normalizedJson)
          && r.normalizedWith.equals(normalizedWith);
    }

    @Override
    public int hashCode() {
      return Long.hashCode(seq) * 31 + Arrays.hashCode(normalizedJson);
    }

    @Override
    public String toString() {
      return "NormalizedRow[seq=" + seq + ", normalizedJson="
          + new String(normalizedJson, StandardCharsets.UTF_8) + ", normalizedWith="
          + normalizedWith + "]";
    }
  }

  /**
   * An article to insert or update: a {@link StoredArticle} without its sequence number.
   *
   * @param key its identity; unique
   * @param id its id
   * @param sourceId its owner
   * @param firstSeen when it was first seen
   * @param published its published date
   * @param updated its last change
   * @param hash the hash of the owner's version
   * @param publication the publication's name, or {@code null}
   * @param language its language tag, or {@code null}
   * @param categories its categories
   * @param articleJson the article as given, as JSON
   * @param normalizedJson the article as normalized, as JSON
   * @param normalizedWith the normalization settings' fingerprint
   */
  record ArticleRow(
      String key,
      String id,
      String sourceId,
      Instant firstSeen,
      Instant published,
      Instant updated,
      String hash,
      @Nullable String publication,
      @Nullable String language,
      List<String> categories,
      String articleJson,
      String normalizedJson,
      String normalizedWith) {}

  /**
   * What one fetch of one source changed.
   *
   * @param sourceId the source
   * @param inserts new articles, in the order their sequence numbers are given
   * @param updates changed articles, matched by key (every column but key, seq, id, sourceId,
   *     firstSeen and published is written)
   * @param sightings the source's new sightings, key to hash (inserted or replaced)
   */
  record Changes(
      String sourceId,
      List<ArticleRow> inserts,
      List<ArticleRow> updates,
      Map<String, String> sightings) {

    /** Returns true when there is nothing to write. */
    boolean isEmpty() {
      return inserts.isEmpty() && updates.isEmpty() && sightings.isEmpty();
    }
  }

  /**
   * The fetch state of one source.
   *
   * @param sourceId the source
   * @param etag the last {@code ETag}, or {@code null}
   * @param lastModified the last {@code Last-Modified}, or {@code null}
   * @param bodyHash the hash of the last body, or {@code null}
   * @param lastAttempt when it was last fetched, or {@code null}
   * @param lastSuccess when a fetch last succeeded, or {@code null}
   * @param failures consecutive failures since the last success
   * @param nextFetch when it is next due, or {@code null} for at once
   * @param lastStatus the last HTTP status, or -1
   * @param lastError the last failure's message, or {@code null}
   * @param leaseOwner who holds the lease, or {@code null}
   * @param leaseUntil when the lease ends, or {@code null}
   */
  record SourceRow(
      String sourceId,
      @Nullable String etag,
      @Nullable String lastModified,
      @Nullable String bodyHash,
      @Nullable Instant lastAttempt,
      @Nullable Instant lastSuccess,
      int failures,
      @Nullable Instant nextFetch,
      int lastStatus,
      @Nullable String lastError,
      @Nullable String leaseOwner,
      @Nullable Instant leaseUntil) {}
}
