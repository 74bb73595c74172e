package org.republisher.normalize;

import org.republisher.InvalidValueException;

/**
 * The limits applied to an article's text when it is written. Immutable and thread-safe.
 *
 * <p>Each limit is a documented repair, never a rejection: a title longer than {@code
 * maxTitleLength} is cut on a word and ends with "…"; so is a summary; content HTML longer than
 * {@code maxContentLength} characters is cut at that length before it is cleaned (the cleaner closes
 * the open elements).
 *
 * @param maxTitleLength the longest title, in characters, at least 10; default 300
 * @param maxSummaryLength the longest summary, in characters, at least 10; default 400
 * @param maxContentLength the longest content HTML, in characters, at least 1024; default 1 MiB
 */
public record ContentPolicy(int maxTitleLength, int maxSummaryLength, int maxContentLength) {

  /** The default limits: titles 300 characters, summaries 400, content HTML 1,048,576. */
  public static final ContentPolicy DEFAULT = new ContentPolicy(300, 400, 1 << 20);

  /**
   * Checks the limits.
   *
   * @throws InvalidValueException when a limit is below its minimum
   */
  public ContentPolicy {
    if (maxTitleLength < 10) {
      throw new InvalidValueException("maxTitleLength", maxTitleLength, "is below 10");
    }
    if (maxSummaryLength < 10) {
      throw new InvalidValueException("maxSummaryLength", maxSummaryLength, "is below 10");
    }
    if (maxContentLength < 1024) {
      throw new InvalidValueException("maxContentLength", maxContentLength, "is below 1024");
    }
  }
}
