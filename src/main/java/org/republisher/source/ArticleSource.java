package org.republisher.source;

import java.util.List;
import org.republisher.model.Article;

/**
 * Where articles come from: an upstream feed, a set of pages, the host's own records.
 *
 * <h2>Contract</h2>
 *
 * <ul>
 *   <li><b>Blocking.</b> {@link #fetch()} does its I/O on the calling thread and returns when done.
 *       The caller bounds it with a deadline and interrupts the thread when the deadline passes; an
 *       implementation should stop promptly when interrupted.
 *   <li><b>Threading.</b> An instance may be fetched from any thread, but never by two threads at
 *       once: callers serialize fetches of one source. State kept between fetches (HTTP validators,
 *       first-seen dates) is therefore safe in plain fields.
 *   <li><b>Failures.</b> A failure of the whole source is thrown as a {@link SourceException}
 *       naming the source, the URI and, for HTTP, the status; any other runtime exception is
 *       treated the same way by callers. A bad item inside a good source is skipped and logged,
 *       never thrown: one broken article does not lose the others.
 *   <li><b>Results.</b> The articles returned are complete {@link Article} values, as the source
 *       gave them; normalization happens once, later, when feeds are written. Returning the same
 *       articles again (a 304 Not Modified) is correct and cheap.
 * </ul>
 */
public interface ArticleSource {

  /**
   * Returns the id of this source, used in logs and failure reports; stable and unique within a
   * republisher.
   *
   * @return such as {@code 2m-rss} or the source's URI
   */
  String id();

  /**
   * Fetches the source's current articles.
   *
   * @return the articles, possibly empty; never {@code null}
   * @throws SourceException when the source as a whole cannot be read
   */
  List<Article> fetch();

  /**
   * Fetches unless the upstream reports no change since {@code known} (sent as If-None-Match /
   * If-Modified-Since; a body with the same hash counts as unchanged). The default fetches and
   * reports a change.
   *
   * <p>This is the fetch of a caller that keeps the state itself, across restarts (a history
   * store): it works on a fresh source object, and leaves what {@link #fetch()} keeps between calls
   * alone. The contract of {@link #fetch()} applies: blocking, serialized per source, a failure of
   * the whole source thrown as a {@link SourceException}.
   *
   * @param known what the last good fetch left, or {@link FetchState#NONE}
   * @return the articles (none when not modified) and the state to keep for the next fetch
   * @throws SourceException when the source as a whole cannot be read
   */
  default FetchResult fetch(FetchState known) {
    return new FetchResult(fetch(), false, FetchState.NONE);
  }
}
