package org.republisher.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.republisher.model.Article;

/** The pages the examples read are the tested fixtures, and read offline from files. */
class PageExamplesDataTest {
  static final Path EXAMPLES = Path.of("examples/data/pages");

  @Test
  void theExamplesPagesAreCopiesOfTheTestedFixtures() throws IOException {
    List<Path> pages;
    try (Stream<Path> files = Files.list(EXAMPLES)) {
      pages = files.sorted().toList();
    }
    assertThat(pages)
        .extracting(p -> p.getFileName().toString())
        .containsExactlyInAnyOrder(
            "2m-fr.html",
            "atalayar-es.html",
            "hespress-ar.html",
            "mwn-en.html",
            "index.html",
            "ticker-only.html");
    for (Path page : pages) {
      assertThat(Files.mismatch(page, PageFixtures.path(page.getFileName().toString())))
          .as("%s differs from src/test/resources/pages", page)
          .isEqualTo(-1L);
    }
  }

  @Test
  void theExamplesListingGivesFourArticlesFromFiles() {
    List<PageFailureException> problems = new ArrayList<>();
    List<Article> articles =
        PageSource.builder(EXAMPLES.resolve("index.html").toAbsolutePath().toUri())
            .publicUrl(URI.create("https://revue.example/pages/index.html"))
            .problems(problems::add)
            .build()
            .fetch();
    assertThat(articles).hasSize(4);
    assertThat(problems).isEmpty();
  }
}
