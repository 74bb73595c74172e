package org.republisher.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.republisher.InvalidValueException;
import org.republisher.LogCapture;
import org.republisher.Republisher;
import org.republisher.Snapshot;
import org.republisher.model.Article;

class HostSourceTest {

  /** A host's own record type. */
  record Post(String slug, String headline) {}

  /** The host's mapping: an article per post; a post without headline cannot be one. */
  private static final Function<Post, Article> TO_ARTICLE =
      post ->
          Article.builder()
              .id("post-" + post.slug())
              .title(post.headline())
              .link("https://revue.example/posts/" + post.slug())
              .published(Instant.parse("2020-06-04T11:00:00Z"))
              .build();

  @Test
  void aMappingThatFailsForOneObjectSkipsOnlyThatObject() {
    List<Post> posts =
        List.of(
            new Post("a", "Le Maroc plaide pour une mobilisation accrue"),
            new Post("b", " "),
            new Post("c", "Rabat accueille un forum africain"));
    ArticleSource source = HostSource.of("cms", posts, TO_ARTICLE);

    try (LogCapture logs = new LogCapture()) {
      assertThat(source.fetch()).extracting(Article::id).containsExactly("post-a", "post-c");
      assertThat(logs.warnings())
          .singleElement()
          .asString()
          .contains("cms: object 2 skipped")
          .contains("title is blank");
    }
  }

  @Test
  void aMappingThatThrowsAnyExceptionOrReturnsNullSkipsTheObject() {
    List<String> objects = List.of("good", "npe", "null", "good too");
    Function<String, Article> mapping =
        text ->
            switch (text) {
              case "npe" -> throw new NullPointerException("no body");
              case "null" -> null;
              default -> TO_ARTICLE.apply(new Post(text.replace(' ', '-'), text));
            };

    try (LogCapture logs = new LogCapture()) {
      assertThat(HostSource.of("host", objects, mapping).fetch())
          .extracting(Article::title)
          .containsExactly("good", "good too");
      assertThat(logs.warnings())
          .satisfiesExactly(
              line ->
                  assertThat(line)
                      .contains("host: object 2 skipped: java.lang.NullPointerException: no body"),
              line ->
                  assertThat(line).contains("host: object 3 skipped: the mapping returned null"));
    }
  }

  @Test
  void theIterableIsReadAgainAtEachFetch() {
    List<Post> posts = new CopyOnWriteArrayList<>(List.of(new Post("a", "First")));
    ArticleSource source = HostSource.of("cms", posts, TO_ARTICLE);
    assertThat(source.fetch()).hasSize(1);

    posts.add(new Post("b", "Second"));

    assertThat(source.fetch()).extracting(Article::title).containsExactly("First", "Second");
  }

  @Test
  void theSupplierGivesAFreshStreamAtEachFetchAndItIsClosed() {
    AtomicInteger closed = new AtomicInteger();
    ArticleSource source =
        HostSource.ofStream(
            "db",
            () ->
                Stream.of(new Post("a", "One"), new Post("b", "Two"))
                    .onClose(closed::incrementAndGet),
            TO_ARTICLE);

    assertThat(source.fetch()).hasSize(2);
    assertThat(source.fetch()).hasSize(2);
    assertThat(closed).hasValue(2);
    assertThat(source.id()).isEqualTo("db");
  }

  @Test
  void aFailureOfTheObjectsThemselvesFailsTheFetch() {
    Iterable<Post> broken =
        () ->
            new Iterator<>() {
              @Override
              public boolean hasNext() {
                throw new IllegalStateException("database down");
              }

              @Override
              public Post next() {
                throw new AssertionError();
              }
            };

    assertThatThrownBy(() -> HostSource.of("cms", broken, TO_ARTICLE).fetch())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("database down");
  }

  @Test
  void anInterruptedFetchStops() {
    ArticleSource source = HostSource.of("cms", List.of(new Post("a", "One")), TO_ARTICLE);
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(source::fetch)
          .isInstanceOf(SourceException.class)
          .hasMessageContaining("source cms")
          .hasMessageContaining("interrupted");
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void aBlankIdIsRejected() {
    assertThatThrownBy(() -> HostSource.of(" ", List.<Post>of(), TO_ARTICLE))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("source.id is blank");
  }

  @Test
  void skippedObjectsAreNotAFailureOfTheSourceInARepublisher() {
    List<Post> posts = new ArrayList<>(List.of(new Post("a", "One"), new Post("b", "")));
    try (LogCapture logs = new LogCapture();
        Republisher republisher =
            Republisher.builder().source(HostSource.of("cms", posts, TO_ARTICLE)).build()) {
      Snapshot snapshot = republisher.refresh();

      assertThat(snapshot.failures()).isEmpty();
      assertThat(snapshot.counts()).containsEntry("cms", 1);
      assertThat(logs.warnings()).singleElement().asString().contains("cms: object 2 skipped");
    }
  }
}
