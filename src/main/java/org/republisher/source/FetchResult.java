package org.republisher.source;

import static org.republisher.internal.Checks.notNull;

import java.util.List;
import org.republisher.InvalidValueException;
import org.republisher.model.Article;

/**
 * What a conditional fetch ({@link ArticleSource#fetch(FetchState)}) gave. Immutable.
 *
 * @param articles the articles read; empty when {@code notModified}
 * @param notModified whether the upstream said nothing changed: a 304 Not Modified, or a body whose
 *     hash equals the known {@link FetchState#bodyHash()}; the articles are then empty, and those
 *     of the last good fetch still hold
 * @param state the validators and body hash to keep for the next fetch
 */
public record FetchResult(List<Article> articles, boolean notModified, FetchState state) {

  /**
   * Checks and copies the values.
   *
   * @throws InvalidValueException when {@code notModified} comes with articles
   */
  public FetchResult {
    articles = List.copyOf(notNull(articles, "articles"));
    notNull(state, "state");
    if (notModified && !articles.isEmpty()) {
      throw new InvalidValueException(
          "articles", articles.size() + " articles", "must be empty when nothing changed");
    }
  }

  /**
   * Returns the result of a fetch that read the upstream anew.
   *
   * @param articles the articles read
   * @param state what to keep for the next fetch
   * @return the result
   */
  public static FetchResult changed(List<Article> articles, FetchState state) {
    return new FetchResult(articles, false, state);
  }

  /**
   * Returns the result of a fetch that found nothing changed.
   *
   * @param state what to keep for the next fetch
   * @return the result, without articles
   */
  public static FetchResult unchanged(FetchState state) {
    return new FetchResult(List.of(), true, state);
  }
}
