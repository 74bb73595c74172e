package org.republisher;

import static org.republisher.internal.Checks.notNull;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What one refresh did with one source. Immutable.
 *
 * @param sourceId the source's id
 * @param outcome what happened
 * @param articles how many articles the source stands for in the snapshot: those it gave, else
 *     those of its last good fetch in this process
 * @param added how many of its articles were new to the history (0 without a store)
 * @param updated how many of its articles changed the history (0 without a store)
 * @param rejected how many of its articles no rule could repair (with a store; else reported when
 *     feeds are written)
 * @param nextFetch when it is next due, with a store; else {@code null}
 * @param failure the failure, when the outcome is {@link Outcome#FAILED}; else {@code null}
 */
public record SourceReport(
    String sourceId,
    Outcome outcome,
    int articles,
    int added,
    int updated,
    int rejected,
    @Nullable Instant nextFetch,
    @Nullable SourceFailure failure) {

  /** Checks the fields. */
  public SourceReport {
    notNull(sourceId, "sourceId");
    notNull(outcome, "outcome");
    if ((outcome == Outcome.FAILED) != (failure != null)) {
      throw new IllegalArgumentException("a failure goes with the outcome FAILED, and only there");
    }
  }

  /** What a refresh did with a source. */
  public enum Outcome {
    /** Fetched, and what it gave was recorded. */
    FETCHED,
    /** Fetched, and the upstream said nothing changed (304 Not Modified, or the same body). */
    NOT_MODIFIED,
    /** Not fetched: not due yet (its interval, or its backoff after failures). */
    NOT_DUE,
    /** The fetch failed. */
    FAILED
  }
}
