package org.republisher.source;

import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.republisher.RepublisherException;

/**
 * Thrown when a source as a whole cannot be read: unreachable, an HTTP error, a body that is not a
 * feed, a deadline passed. Carries the source id, its URI and, for HTTP, the status.
 */
public class SourceException extends RepublisherException {
  private static final long serialVersionUID = 1L;

  private final String sourceId;
  private final @Nullable URI uri;
  private final int httpStatus;

  /**
   * Creates an exception.
   *
   * @param sourceId the source's id
   * @param uri the URI that failed, or {@code null}
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
    super(
        "source " + sourceId + (uri == null ? "" : " (" + uri + ")")
            + (httpStatus < 0 ? "" : ": HTTP " + httpStatus) + ": " + message,
        cause);
    this.sourceId = sourceId;
    this.uri = uri;
    this.httpStatus = httpStatus;
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
   * Returns the URI that failed.
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
}
