package org.republisher.source;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.republisher.RepublisherException;

/**
 * Thrown when a source as a whole cannot be read: unreachable, an HTTP error, a body that is not a
 * feed, a deadline passed. Carries the source id, its URI, for HTTP the status, and for a 429 Too
 * Many Requests or 503 Service Unavailable the wait the server asked for ({@code Retry-After}).
 */
public class SourceException extends RepublisherException {
  private static final long serialVersionUID = 1L;

  private final String sourceId;
  private final @Nullable URI uri;
  private final int httpStatus;
  private final @Nullable Duration retryAfter;

  /**
   * Creates an exception.
   *
   * @param sourceId the source's id
   * @param uri the URI the source was configured with (else the one that failed), or {@code null}
   * @param httpStatus the HTTP status, or {@code -1} when there was none
   * @param message what went wrong
   * @param cause the underlying failure, or {@code null}
   */
  public SourceException(
      String sourceId,
      @Nullable URI uri,
      int httpStatus,
      String message,
      @Nullable Throwable cause) {
    this(sourceId, uri, httpStatus, message, cause, null);
  }

  /**
   * Creates an exception for an answer that said when to try again.
   *
   * @param sourceId the source's id
   * @param uri the URI the source was configured with (else the one that failed), or {@code null}
   * @param httpStatus the HTTP status, or {@code -1} when there was none
   * @param message what went wrong
   * @param cause the underlying failure, or {@code null}
   * @param retryAfter how long the server asked to wait before the next request, or {@code null}
   */
  public SourceException(
      String sourceId,
      @Nullable URI uri,
      int httpStatus,
      String message,
      @Nullable Throwable cause,
      @Nullable Duration retryAfter) {
    super(
        "source "
            + sourceId
            + (uri == null ? "" : " (" + uri + ")")
            + (httpStatus < 0 ? "" : ": HTTP " + httpStatus)
            + ": "
            + message,
        cause);
    this.sourceId = sourceId;
    this.uri = uri;
    this.httpStatus = httpStatus;
    this.retryAfter = retryAfter;
  }

  /**
   * Returns the id of the source that failed.
   *
   * @return the source id
   */
  public String sourceId() {
    return sourceId;
  }

  /**
   * Returns the URI of the failure: for a feed, the one it is configured with, whatever redirect
   * failed; for a page of a crawl, that page.
   *
   * @return the URI, or {@code null}
   */
  public @Nullable URI uri() {
    return uri;
  }

  /**
   * Returns the HTTP status of the failure.
   *
   * @return the status, or {@code -1} when the failure was not an HTTP response
   */
  public int httpStatus() {
    return httpStatus;
  }

  /**
   * Returns how long the server asked to wait before asking again: its {@code Retry-After} on a 429
   * Too Many Requests or a 503 Service Unavailable, in seconds or as an HTTP date (counted from the
   * answer's {@code Date}, else from the fetcher's clock), at most one day and never negative.
   *
   * @return the wait, or empty when the server named none (or the failure was no such answer)
   */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
