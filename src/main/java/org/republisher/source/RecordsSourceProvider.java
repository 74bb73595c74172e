package org.republisher.source;

import static org.republisher.internal.Checks.notNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.republisher.InvalidValueException;
import org.republisher.internal.Text;
import org.republisher.model.Article;
import org.republisher.model.Publication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The built-in provider of key {@value #KEY}: a records file, article records in JSON Lines as
 * {@link JsonLinesRecords} reads them, named by an absolute {@code file:} URI.
 *
 * <pre>{@code
 * new SourceConfig("desk", Path.of("articles.jsonl").toUri(), "records", null, Map.of())
 * }</pre>
 *
 * <p>The file is read again at each fetch. A line that cannot become an article is logged at WARN,
 * prefixed with the source id, and skipped; a file that cannot be read, or whose every line is bad,
 * fails the fetch with a {@link SourceException} (naming the file and its first bad lines), so a
 * broken file never passes for an empty one. When the configuration names a publication, articles whose record names
 * none get it. This provider takes no options. Thread-safe; its sources are stateless.
 */
public final class RecordsSourceProvider implements SourceProvider {
  /** The key of this provider: {@code records}. */
  public static final String KEY = "records";

  private static final Logger LOG = LoggerFactory.getLogger(RecordsSourceProvider.class);

  /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
  public RecordsSourceProvider() {}

  /**
   * Returns the one key this provider serves.
   *
   * @return {@code records}
   */
  @Override
  public Set<String> keys() {
    return Set.of(KEY);
  }

  /**
   * Creates the source of a records file. Does no I/O: a missing file fails the fetch, not this.
   *
   * @param config the configuration; its URI an absolute {@code file:} URI
   * @return the source
   * @throws InvalidValueException when the URI is not an absolute {@code file:} URI of this file
   *     system, or an option is given
   */
  @Override
  public ArticleSource create(SourceConfig config) {
    notNull(config, "config");
    URI uri = config.uri();
    String scheme = uri.getScheme();
    if (scheme == null || !scheme.toLowerCase(Locale.ROOT).equals("file")) {
      throw new InvalidValueException("source.uri", uri, "is not a file: URI");
    }
    Path path;
    try {
      path = Path.of(uri);
    } catch (IllegalArgumentException | FileSystemNotFoundException e) {
      throw new InvalidValueException(
          "source.uri", uri, "is not an absolute file: URI of this file system", e);
    }
    if (!config.options().isEmpty()) {
      String name = new TreeSet<>(config.options().keySet()).first();
      throw new InvalidValueException(
          "source.options." + name, config.options().get(name), "is not an option of " + KEY);
    }
    return new RecordsSource(config.id(), uri, path, config.publication());
  }

  /** The articles of one records file. */
  private static final class RecordsSource implements ArticleSource {
    private final String id;
    private final URI uri;
    private final Path path;
    private final @Nullable Publication publication;

    RecordsSource(String id, URI uri, Path path, @Nullable Publication publication) {
      this.id = id;
      this.uri = uri;
      this.path = path;
      this.publication = publication;
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    public List<Article> fetch() {
      List<Article> articles = new ArrayList<>();
      List<String> bad = new ArrayList<>();
      try (Stream<Article> records =
          JsonLinesRecords.read(path, problem -> {
            LOG.warn("{}: {}", Text.forLog(id), problem.getMessage());
            bad.add(problem.getMessage());
          })) {
        Iterator<Article> it = records.iterator();
        while (it.hasNext()) {
          if (Thread.currentThread().isInterrupted()) {
            throw new SourceException(id, uri, -1, "interrupted", null);
          }
          Article article = it.next();
          if (publication != null && article.publication() == null) {
            article = article.toBuilder().publication(publication).build();
          }
          articles.add(article);
        }
      } catch (NoSuchFileException e) {
        throw new SourceException(id, uri, -1, "no such file", e);
      } catch (IOException e) {
        throw new SourceException(id, uri, -1, "cannot be read: " + e.getMessage(), e);
      } catch (UncheckedIOException e) {
        throw new SourceException(id, uri, -1, "cannot be read: " + e.getMessage(), e.getCause());
      }
      if (articles.isEmpty() && !bad.isEmpty()) {
        // a file of nothing but bad lines is a broken file, not an empty one
        throw new SourceException(id, uri, -1, "no line of " + path.getFileName() + " is a valid"
            + " record (" + bad.size() + " bad): " + String.join("; ", bad.subList(0,
                Math.min(3, bad.size()))) + (bad.size() > 3 ? "; …" : ""), null);
      }
      return articles;
    }

    @Override
    public String toString() {
      return "RecordsSource[" + id + ", " + uri + "]";
    }
  }
}
