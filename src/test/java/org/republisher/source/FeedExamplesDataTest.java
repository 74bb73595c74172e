package org.republisher.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.republisher.model.Article;

/** The clean upstream feeds the examples read offline, in {@code examples/data/feeds}. */
class FeedExamplesDataTest {
  static final Path FOLDER = Path.of("examples", "data", "feeds");

  static Stream<Path> feeds() throws IOException {
    try (Stream<Path> files = Files.list(FOLDER)) {
      return files.sorted().toList().stream();
    }
  }

  @Test
  void theFolderHoldsTheThreeFeeds() throws IOException {
    assertThat(feeds().map(p -> p.getFileName().toString()))
        .containsExactly("2m-fr.rss.xml", "atalayar-es.atom.xml", "hespress-ar.rss.xml");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("feeds")
  void eachFeedReadsCleanlyIntoValidFeeds(Path feed) throws IOException {
    List<Article> articles;
    try (org.republisher.LogCapture log = new org.republisher.LogCapture()) {
      articles =
          FeedSource.builder(feed.toAbsolutePath().toUri())
              .clock(FeedSourceTest.CLOCK)
              .build()
              .fetch();
      assertThat(log.warnings()).as("a clean feed logs no warning").isEmpty();
    }
    assertThat(articles).hasSizeGreaterThanOrEqualTo(2);
    assertThat(articles)
        .allSatisfy(
            a -> {
              assertThat(a.sourceLink()).isNotNull();
              assertThat(a.published()).isBefore(FeedSourceTest.NOW);
              assertThat(a.publication().url()).isNotNull();
              assertThat(a.publication().feedUrl()).isNotNull();
              assertThat(a.effectiveLanguage()).isIn("fr", "es", "ar");
            });
    FeedSourceTest.writeValid(articles);
  }

  @Test
  void theArabicFeedIsReadFromWindows1256() {
    List<Article> articles =
        FeedSource.builder(FOLDER.resolve("hespress-ar.rss.xml").toAbsolutePath().toUri())
            .build()
            .fetch();
    assertThat(articles.get(0).title())
        .isEqualTo("المغرب يدعو إلى تعبئة أكبر للتحالف الدولي ضد داعش في غرب إفريقيا والساحل");
    assertThat(articles.get(0).publication().name()).isEqualTo("هسبريس");
  }
}
