package org.republisher;

import static org.republisher.internal.Checks.notNull;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.republisher.model.Article;
import org.republisher.model.FeedSpec;
import org.republisher.write.FeedOutput;
import org.republisher.write.FeedWriter;
import org.republisher.write.WriteResult;

/**
 * What one {@link Republisher#refresh() refresh} gathered: the articles of every source, the
 * sources that failed, and how many articles each source gave. Immutable and thread-safe: write it
 * into as many feeds as needed, from any thread.
 *
 * <p>The articles are unique by id and sorted by {@link Article#NEWEST_FIRST}, a total order, so
 * the same sources give the same snapshot whatever order their fetches finished in.
 *
 * @param taken when the refresh finished, by the republisher's clock; the writers' "now"
 * @param articles the articles of every source, newest first; given in configuration order, the
 *     first article with each id is kept (the first source wins) and the others dropped
 * @param failures the sources that failed, in configuration order
 * @param counts for each source id, in configuration order, how many articles it gave: those it
 *     fetched, those of its last good fetch when it failed after a success, else 0; counted before
 *     articles of different sources with the same id are merged
 * @param reports what the refresh did with each source, in configuration order
 */
public record Snapshot(
    Instant taken,
    List<Article> articles,
    List<SourceFailure> failures,
    Map<String, Integer> counts,
    List<SourceReport> reports) {

  /** Checks and copies the fields; keeps the first article of each id and sorts them. */
  public Snapshot {
    notNull(taken, "taken");
    notNull(articles, "articles");
    notNull(failures, "failures");
    notNull(counts, "counts");
    reports = List.copyOf(notNull(reports, "reports"));
    Set<String> ids = new HashSet<>();
    List<Article> unique = new ArrayList<>(articles.size());
    for (Article article : articles) {
      if (ids.add(notNull(article, "articles element").id())) {
        unique.add(article);
      }
    }
    unique.sort(Article.NEWEST_FIRST);
    articles = List.copyOf(unique);
    failures = List.copyOf(failures);
    Map<String, Integer> copy = new LinkedHashMap<>();
    counts.forEach(
        (id, count) -> copy.put(notNull(id, "counts key"), notNull(count, id)));
    counts = Collections.unmodifiableMap(copy);
  }

  /**
   * Returns how many articles were new to the history in this refresh.
   *
   * @return the sum over the sources; 0 without a store
   */
  public int added() {
    return reports.stream().mapToInt(SourceReport::added).sum();
  }

  /**
   * Returns how many articles changed the history in this refresh.
   *
   * @return the sum over the sources; 0 without a store
   */
  public int updated() {
    return reports.stream().mapToInt(SourceReport::updated).sum();
  }

  /**
   * Writes the selected articles as one feed, in one or several formats, with a {@link FeedWriter}
   * of the spec whose clock stands still at {@link #taken()}: the same snapshot gives the same
   * bytes at every write.
   *
   * @param spec the feed's metadata; its limit cuts the newest selected articles
   * @param selection which articles the feed takes, such as those of one publication
   * @param outputs the formats and their streams, each format at most once; flushed, not closed
   * @return what was written and which articles were rejected
   * @throws IOException when a stream fails
   */
  public WriteResult write(
      FeedSpec spec, Predicate<? super Article> selection, List<FeedOutput> outputs)
      throws IOException {
    FeedWriter writer = FeedWriter.builder(spec).clock(Clock.fixed(taken, ZoneOffset.UTC)).build();
    return write(writer, selection, outputs);
  }

  /**
   * Writes the selected articles with a writer the caller configured (its own content policy,
   * attribution template or clock).
   *
   * @param writer the writer of the feed
   * @param selection which articles the feed takes
   * @param outputs the formats and their streams, each format at most once; flushed, not closed
   * @return what was written and which articles were rejected
   * @throws IOException when a stream fails
   */
  public WriteResult write(
      FeedWriter writer, Predicate<? super Article> selection, List<FeedOutput> outputs)
      throws IOException {
    notNull(writer, "writer");
    notNull(selection, "selection");
    notNull(outputs, "outputs");
    List<Article> selected = new ArrayList<>();
    for (Article article : articles) {
      if (selection.test(article)) {
        selected.add(article);
      }
    }
    return writer.write(outputs, selected);
  }
}
