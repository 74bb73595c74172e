package org.republisher.store;

import org.republisher.normalize.AttributionTemplate;
import org.republisher.normalize.ContentPolicy;

/** The one {@link ArticleStore}: the history's rules over a backend. */
final class HistoryStore implements ArticleStore {
  final Backend backend;
  final ContentPolicy policy;
  final AttributionTemplate template;
  final java.time.Duration lease;
  private volatile boolean closed;

  HistoryStore(Backend backend, ArticleStore.Builder b) {
    this.backend = backend;
    this.policy = b.policy;
    this.template = b.template;
    this.lease = b.lease;
  }

  @Override
  public java.util.List<org.republisher.model.Publication> publications() {
    throw new UnsupportedOperationException("not yet: issue 8, the lead is writing it");
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      backend.close();
    }
  }
}
