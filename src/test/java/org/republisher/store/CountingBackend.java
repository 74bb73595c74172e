package org.republisher.store;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.republisher.internal.History.Entry;

/**
 * A real backend with counters around it: how many rows the history wrote and how many articles it
 * read back, so that tests and benchmarks can say what a refresh cost.
 */
final class CountingBackend implements Backend {
  final Backend backend;
  final AtomicInteger articlesWritten = new AtomicInteger();
  final AtomicInteger sightingsWritten = new AtomicInteger();
  final AtomicInteger articlesRead = new AtomicInteger();

  CountingBackend(Backend backend) {
    this.backend = backend;
  }

  /** Rows written: articles inserted or updated, and sightings. */
  int rowsWritten() {
    return articlesWritten.get() + sightingsWritten.get();
  }

  void reset() {
    articlesWritten.set(0);
    sightingsWritten.set(0);
    articlesRead.set(0);
  }

  @Override
  public Map<String, Map<String, String>> sightings(Collection<String> sourceIds) {
    return backend.sightings(sourceIds);
  }

  @Override
  public Map<String, StoredArticle> articles(Collection<String> keys) {
    Map<String, StoredArticle> found = backend.articles(keys);
    articlesRead.addAndGet(found.size());
    return found;
  }

  @Override
  public Set<String> apply(List<Changes> all) {
    for (Changes changes : all) {
      articlesWritten.addAndGet(changes.inserts().size() + changes.updates().size());
      sightingsWritten.addAndGet(changes.sightings().size());
    }
    return backend.apply(all);
  }

  @Override
  public List<Entry> catalog() {
    return backend.catalog();
  }

  @Override
  public List<StoredArticle> bySeq(long[] seqs) {
    return backend.bySeq(seqs);
  }

  @Override
  public List<NormalizedRow> normalizedBySeq(long[] seqs) {
    return backend.normalizedBySeq(seqs);
  }

  @Override
  public Optional<SourceRow> source(String sourceId) {
    return backend.source(sourceId);
  }

  @Override
  public List<String> claim(List<String> sourceIds, Instant now, Instant leaseUntil, String owner) {
    return backend.claim(sourceIds, now, leaseUntil, owner);
  }

  @Override
  public Set<String> finish(List<SourceRow> rows, String owner) {
    return backend.finish(rows, owner);
  }

  @Override
  public void close() {
    backend.close();
  }
}
