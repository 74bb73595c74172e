package org.republisher.source;

import static org.republisher.internal.Checks.notNull;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.republisher.InvalidValueException;
import org.republisher.RepublisherException;
import org.republisher.internal.Text;
import org.republisher.model.Article;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sources of the host's own objects: its CMS posts, database rows or records, turned into articles
 * by a mapping the host writes.
 *
 * <pre>{@code
 * ArticleSource posts = HostSource.of("cms", repository.published(), post ->
 *     Article.builder().title(post.headline()).link(post.url()).published(post.date()).build());
 * }</pre>
 *
 * <p>At each fetch the objects are read again (the iterable iterated, the supplier called for a
 * fresh stream, which is closed after) and each is mapped. A mapping that throws or returns {@code
 * null} for one object skips that object, with one WARN log line naming the source and the object's
 * position; the other objects are mapped all the same. A failure of the objects themselves (the
 * iterator or stream throws) fails the whole fetch. Fetches run on a republisher's thread: the
 * host's collection must be safe to read from there (a concurrent or copy-on-write collection, or a
 * supplier that copies under the host's own lock). A fetch interrupted between objects stops with a
 * {@link SourceException}.
 *
 * <p>For records in a file rather than in memory, configure a {@code records} source: see {@link
 * RecordsSourceProvider}.
 */
public final class HostSource {
  private static final Logger LOG = LoggerFactory.getLogger(HostSource.class);

  private HostSource() {}

  /**
   * Returns a source of the objects of an iterable, iterated anew at each fetch.
   *
   * @param id the source's id in logs and failures; not blank
   * @param objects the host's objects
   * @param mapping turns one object into an article; may throw for an object it cannot map
   * @param <T> the type of the host's objects
   * @return the source; thread-safe when the iterable is
   * @throws InvalidValueException when the id is blank
   */
  public static <T> ArticleSource of(
      String id, Iterable<? extends T> objects, Function<? super T, ? extends Article> mapping) {
    notNull(objects, "objects");
    notNull(mapping, "mapping");
    String checked = checkedId(id);
    return source(checked, () -> map(checked, objects.iterator(), mapping));
  }

  /**
   * Returns a source of the objects of a stream, asked of the supplier at each fetch and closed
   * after it.
   *
   * @param id the source's id in logs and failures; not blank
   * @param objects gives a fresh stream of the host's objects at each call
   * @param mapping turns one object into an article; may throw for an object it cannot map
   * @param <T> the type of the host's objects
   * @return the source; thread-safe when the supplier is
   * @throws InvalidValueException when the id is blank
   */
  public static <T> ArticleSource ofStream(
      String id,
      Supplier<? extends Stream<? extends T>> objects,
      Function<? super T, ? extends Article> mapping) {
    notNull(objects, "objects");
    notNull(mapping, "mapping");
    String checked = checkedId(id);
    return source(
        checked,
        () -> {
          try (Stream<? extends T> stream =
              notNull(objects.get(), "the supplier gave no stream")) {
            return map(checked, stream.iterator(), mapping);
          }
        });
  }

  /** The source of the given id whose fetch is the given one. */
  private static ArticleSource source(String id, Supplier<List<Article>> fetch) {
    return new ArticleSource() {
      @Override
      public String id() {
        return id;
      }

      @Override
      public List<Article> fetch() {
        return fetch.get();
      }

      @Override
      public String toString() {
        return "HostSource[" + id + "]";
      }
    };
  }

  private static String checkedId(String id) {
    notNull(id, "id");
    if (id.isBlank()) {
      throw new InvalidValueException("source.id", id, "is blank");
    }
    return id;
  }

  /** Maps every object, skipping (and logging) those the mapping fails on. */
  private static <T> List<Article> map(
      String id, Iterator<? extends T> objects, Function<? super T, ? extends Article> mapping) {
    List<Article> articles = new ArrayList<>();
    long position = 0;
    while (objects.hasNext()) {
      if (Thread.currentThread().isInterrupted()) {
        throw new SourceException(id, null, -1, "interrupted after " + position + " objects", null);
      }
      T object = objects.next();
      position++;
      Article article;
      try {
        article = mapping.apply(object);
      } catch (RuntimeException e) {
        LOG.warn(
            "{}: object {} skipped: {}",
            id,
            position,
            e instanceof RepublisherException ? e.getMessage() : Text.forLog(e));
        LOG.debug("{}: object {} mapping failure", id, position, e);
        continue;
      }
      if (article == null) {
        LOG.warn("{}: object {} skipped: the mapping returned null", id, position);
      } else {
        articles.add(article);
      }
    }
    return articles;
  }
}
