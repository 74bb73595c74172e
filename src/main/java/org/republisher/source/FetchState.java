package org.republisher.source;

import org.jspecify.annotations.Nullable;
import org.republisher.InvalidValueException;
import org.republisher.internal.HttpFetcher;

/**
 * What a source learned from its last good fetch that lets the next one be conditional; kept by a
 * history store across restarts. Immutable.
 *
 * <p>The validators are sent back in request headers ({@code If-None-Match}, {@code
 * If-Modified-Since}), so a value that could not be sent safely is refused: a control character, a
 * character beyond Latin-1, or more than 1024 characters. A blank value is {@code null}; the others
 * are stripped.
 *
 * @param etag the {@code ETag} of the last answer, verbatim, or {@code null}
 * @param lastModified the {@code Last-Modified} of the last answer, verbatim, or {@code null}
 * @param bodyHash what the source's body hash was (for {@link FeedSource}, the hex SHA-256 of where
 *     the body came from, its charset and its decoded bytes), or {@code null}
 */
public record FetchState(
    @Nullable String etag, @Nullable String lastModified, @Nullable String bodyHash) {

  /** Nothing known: the first fetch of a source. */
  public static final FetchState NONE = new FetchState(null, null, null);

  /**
   * Checks the values.
   *
   * @throws InvalidValueException naming the field when a validator cannot be sent in a header
   */
  public FetchState {
    etag = validator("etag", etag);
    lastModified = validator("lastModified", lastModified);
    bodyHash = bodyHash == null || bodyHash.isBlank() ? null : bodyHash.strip();
  }

  private static @Nullable String validator(String field, @Nullable String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    if (HttpFetcher.Validators.sendable(value) == null) {
      throw new InvalidValueException(
          field,
          value,
          "cannot be sent in a header (a control or non-Latin-1 character, or over 1024"
              + " characters)");
    }
    return value.strip();
  }
}
