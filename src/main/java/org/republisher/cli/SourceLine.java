package org.republisher.cli;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.republisher.Snapshot;
import org.republisher.SourceFailure;
import org.republisher.store.ArticleStore;

/**
 * What one source did in a round. Stands in for the library's per-source report until it lands:
 * until then it is derived from the snapshot's counts and failures, so every source that did not
 * fail shows as fetched, with no new or updated count.
 *
 * @param sourceId the source
 * @param outcome what happened
 * @param articles the articles it gave
 * @param added of which new to the store
 * @param updated of which changed
 * @param nextFetch when it is due again, or {@code null} when unknown
 * @param failure why it failed, or {@code null}
 */
record SourceLine(
    String sourceId,
    Outcome outcome,
    int articles,
    int added,
    int updated,
    @Nullable Instant nextFetch,
    @Nullable SourceFailure failure) {

  /** What happened to a source in a round. */
  enum Outcome {
    FETCHED,
    NOT_MODIFIED,
    NOT_DUE,
    FAILED
  }

  static List<SourceLine> of(Snapshot snapshot) {
    List<SourceLine> lines = new ArrayList<>();
    snapshot.counts().forEach((id, count) -> {
      SourceFailure failure = snapshot.failures().stream()
          .filter(f -> f.sourceId().equals(id)).findFirst().orElse(null);
      lines.add(new SourceLine(id, failure == null ? Outcome.FETCHED : Outcome.FAILED,
          failure == null ? count : 0, 0, 0, null, failure));
    });
    return lines;
  }

  static long total(ArticleStore store, Snapshot snapshot) {
    return snapshot.articles().size();
  }
}
