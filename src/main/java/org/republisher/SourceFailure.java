package org.republisher;

import static org.republisher.internal.Checks.notNull;

import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.republisher.source.SourceException;

/**
 * A source that could not be fetched in one {@link Republisher#refresh() refresh}: it threw, passed
 * its deadline, was still busy with an earlier fetch, or returned {@code null} or a list holding
 * something other than articles. The other sources are published all the same. Immutable and
 * thread-safe.
 *
 * <p>A deadline that passed is reported as a {@link SourceException} whose cause is a {@link
 * java.util.concurrent.TimeoutException}.
 *
 * @param sourceId the id of the source
 * @param uri the URI that failed (the one the source's exception names, else the source's
 *     configured URI), or {@code null} when unknown
 * @param httpStatus the HTTP status of the failure, or {@code -1} when there was none
 * @param cause what went wrong: the source's own {@link RepublisherException}, or any other failure
 *     wrapped in a {@link SourceException}
 * @param stale true when the snapshot kept the articles of the source's last good fetch in its
 *     place; false when the source never succeeded, so it gave no articles
 */
public record SourceFailure(
    String sourceId, @Nullable URI uri, int httpStatus, RepublisherException cause, boolean stale) {

  /**
   * Checks the fields.
   *
   * @throws InvalidValueException when the HTTP status is below {@code -1}
   */
  public SourceFailure {
    notNull(sourceId, "sourceId");
    notNull(cause, "cause");
    if (httpStatus < -1) {
      throw new InvalidValueException("httpStatus", httpStatus, "is below -1");
    }
  }
}
