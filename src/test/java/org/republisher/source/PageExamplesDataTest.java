package org.republisher.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.republisher.model.Article;

/**
 * The pages the examples read (also the page fixtures: the build puts them on the test classpath
 * under {@code pages/}) are read offline from files.
 */
class PageExamplesDataTest {
  static final Path EXAMPLES = Path.of("examples/data/pages");

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
