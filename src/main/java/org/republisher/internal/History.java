package org.republisher.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.republisher.model.Article;

/**
 * What the facade and the archive writer ask of the history store. Implemented by the store's one
 * class (every {@code ArticleStore} is one), never by users: it is how the packages of the flow
 * reach the store's engine without making it API.
 */
public interface History {

  /**
   * Records what one source gave: new articles inserted (a new key), changed ones updated (the
   * owner's version changed), sightings by other sources merged; unchanged ones cost a hash
   * comparison, no write and no normalization.
   *
   * @param sourceId the source
   * @param articles what it gave
   * @param now the clock's instant: first-seen date of new articles, updated date of changed ones
   * @return the articles with the history's ids and dates, and the counts
   */
  Recorded record(String sourceId, List<Article> articles, Instant now);

  /**
   * Records what several sources gave, as {@link #record} does for one, with one read of their
   * sightings and one transaction: what a refresh does.
   *
   * @param fetched source to what it gave, in the order to record them
   * @param now the clock's instant
   * @return source to what recording it did, in the same order
   */
  Map<String, Recorded> recordAll(Map<String, List<Article>> fetched, Instant now);

  /**
   * Claims the due sources among these for this instance, with the store's lease.
   *
   * @param sourceIds the sources this instance serves
   * @param now the clock's instant
   * @return the claimed ones, in order
   */
  List<String> claim(List<String> sourceIds, Instant now);

  /**
   * Returns what the store kept of a source's last good fetch.
   *
   * @param sourceId the source
   * @return its validators and body hash, each {@code null} when unknown
   */
  Validators validators(String sourceId);

  /**
   * Returns when a source is next due.
   *
   * @param sourceId the source
   * @return the instant, or {@code null} when it is due at once
   */
  @Nullable Instant nextFetch(String sourceId);

  /**
   * Saves a good fetch and releases the claim.
   *
   * @param sourceId the source
   * @param validators what the fetch learned
   * @param now the clock's instant
   * @param interval how often the source is fetched
   * @return when it is next due
   */
  Instant succeeded(String sourceId, Validators validators, Instant now, Duration interval);

  /**
   * Saves a failed fetch and releases the claim: the source waits longer after each consecutive
   * failure, and at least what the server's {@code Retry-After} asked.
   *
   * @param sourceId the source
   * @param status the HTTP status, or -1
   * @param retryAfter what the server's {@code Retry-After} asked, or {@code null}
   * @param message the failure, for the state
   * @param now the clock's instant
   * @param interval how often the source is fetched
   * @return when it is next due
   */
  Instant failed(
      String sourceId,
      int status,
      @Nullable Duration retryAfter,
      String message,
      Instant now,
      Duration interval);

  /**
   * Saves the outcome of several fetches and releases their claims, in one transaction: what a
   * refresh does once its sources are done.
   *
   * @param fetches the outcomes
   * @param now the clock's instant
   * @return source to when it is next due
   */
  Map<String, Instant> finish(List<Fetch> fetches, Instant now);

  /**
   * Returns the catalog of every article, in the order the history first saw them.
   *
   * @return the entries
   */
  List<Entry> catalog();

  /**
   * Returns the normalized articles with these sequence numbers, in the order asked.
   *
   * @param seqs sequence numbers from the catalog
   * @param now the writers' now, for articles normalized again (the settings changed)
   * @return the articles
   */
  List<NormalizedArticle> normalized(long[] seqs, Instant now);

  /**
   * The outcome of one fetch, to save.
   *
   * @param sourceId the source
   * @param validators what a good fetch learned, or {@code null} when it failed
   * @param status the HTTP status of a failure, or -1
   * @param retryAfter what a failure's {@code Retry-After} asked, or {@code null}
   * @param message the failure, or {@code null}
   * @param interval how often the source is fetched
   */
  record Fetch(
      String sourceId,
      @Nullable Validators validators,
      int status,
      @Nullable Duration retryAfter,
      @Nullable String message,
      Duration interval) {

    /** A good fetch. */
    public static Fetch succeeded(String sourceId, Validators validators, Duration interval) {
      return new Fetch(sourceId, validators, 200, null, null, interval);
    }

    /** A failed fetch. */
    public static Fetch failed(String sourceId, int status, @Nullable Duration retryAfter,
        String message, Duration interval) {
      return new Fetch(sourceId, null, status, retryAfter, message, interval);
    }
  }

  /**
   * What recording a fetch did.
   *
   * @param articles the fetched articles with the history's ids and dates, one per key, in the
   *     order given; articles no rule could repair are left out
   * @param added how many were new to the history
   * @param updated how many changed it
   * @param rejected how many no rule could repair
   */
  record Recorded(List<Article> articles, int added, int updated, int rejected) {}

  /**
   * What feed selection and paging know of an article.
   *
   * @param seq its place in the order the history first saw articles in
   * @param publication the publication's name, or {@code null}
   * @param language its language tag, or {@code null}
   * @param categories its categories
   * @param firstSeen when it was first seen
   * @param updated its last change
   */
  record Entry(
      long seq,
      @Nullable String publication,
      @Nullable String language,
      List<String> categories,
      Instant firstSeen,
      Instant updated) {}

  /**
   * What a source's last good fetch learned.
   *
   * @param etag its {@code ETag}, or {@code null}
   * @param lastModified its {@code Last-Modified}, or {@code null}
   * @param bodyHash the hash of its body, or {@code null}
   */
  record Validators(
      @Nullable String etag, @Nullable String lastModified, @Nullable String bodyHash) {
    /** Nothing known. */
    public static final Validators NONE = new Validators(null, null, null);
  }
}
