package org.republisher.source;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.republisher.model.Article;

/**
 * Source providers for the discovery tests. They sit in the library's own package but on the test
 * classpath, so they are user providers, never built-in ones.
 */
public final class TestProviders {
  private TestProviders() {}

  /** Key {@code constant}: one article whose title is the URI's scheme-specific part. */
  public static final class Constant implements SourceProvider {
    @Override
    public Set<String> keys() {
      return Set.of("constant");
    }

    @Override
    public ArticleSource create(SourceConfig config) {
      return fixed(config.id(), config.uri().getSchemeSpecificPart());
    }
  }

  /** Key {@code constant} again: loses to {@link Constant}, found first. */
  public static final class SecondConstant implements SourceProvider {
    @Override
    public Set<String> keys() {
      return Set.of("constant");
    }

    @Override
    public ArticleSource create(SourceConfig config) {
      return fixed(config.id(), "second constant");
    }
  }

  /** Key {@code records}, the built-in one's: one article titled "overridden records". */
  public static final class RecordsOverride implements SourceProvider {
    @Override
    public Set<String> keys() {
      return Set.of("records");
    }

    @Override
    public ArticleSource create(SourceConfig config) {
      return fixed(config.id(), "overridden records");
    }
  }

  /** A provider whose constructor throws: it must be skipped, and logged. */
  public static final class Exploding implements SourceProvider {
    /** Fails. */
    public Exploding() {
      throw new IllegalStateException("boom: this provider cannot start");
    }

    @Override
    public Set<String> keys() {
      return Set.of("exploding");
    }

    @Override
    public ArticleSource create(SourceConfig config) {
      throw new AssertionError("never created");
    }
  }

  /** A provider whose keys cannot be read. */
  public static final class Keyless implements SourceProvider {
    @Override
    public Set<String> keys() {
      throw new IllegalStateException("no keys today");
    }

    @Override
    public ArticleSource create(SourceConfig config) {
      throw new AssertionError("never created");
    }
  }

  /** Returns a source of one article with a title, linked under example.org by the id. */
  public static ArticleSource fixed(String id, String title) {
    Article article =
        Article.builder()
            .title(title)
            .link("https://example.org/" + id)
            .published(Instant.parse("2020-06-04T11:00:00Z"))
            .build();
    return new ArticleSource() {
      @Override
      public String id() {
        return id;
      }

      @Override
      public List<Article> fetch() {
        return List.of(article);
      }
    };
  }
}
