package org.republisher.write;

import static org.republisher.internal.Checks.notNull;

import java.time.Duration;
import org.republisher.InvalidValueException;

/**
 * How long a feed keeps its archive pages: an archive page is retired (no longer written, served or
 * linked) once every one of its articles is past either limit, oldest page first. The current
 * document and the two newest pages are never retired, so a feed that stops receiving articles
 * keeps its newest ones, and the oldest page kept drops its {@code prev-archive} link. Immutable.
 *
 * @param maxAge how long after it was first seen an article stays published; positive
 * @param maxArticles how many of the feed's newest articles stay published; at least 1
 */
public record Retention(Duration maxAge, int maxArticles) {

  /** One year, 10,000 articles per feed. */
  public static final Retention DEFAULT = new Retention(Duration.ofDays(365), 10_000);

  /**
   * Checks the limits.
   *
   * @throws InvalidValueException when the age is not positive or the count is below 1
   */
  public Retention {
    notNull(maxAge, "maxAge");
    if (maxAge.isNegative() || maxAge.isZero()) {
      throw new InvalidValueException("retention.maxAge", maxAge, "is not positive");
    }
    if (maxArticles < 1) {
      throw new InvalidValueException("retention.maxArticles", maxArticles, "is below 1");
    }
  }
}
