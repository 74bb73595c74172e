package org.republisher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.republisher.model.FeedSpec;
import org.republisher.source.SourceConfig;
import org.republisher.store.ArticleStore;
import org.republisher.write.FeedArchive;
import org.republisher.write.FeedFile;

/** The README's history example is this test's code, and it must work. */
class ReadmeHistoryExampleTest {
  static final Path SELF = Path.of("src/test/java/org/republisher/ReadmeHistoryExampleTest.java");

  static void example(Path history, URI feed) {
    // README-BEGIN
    try (ArticleStore store = ArticleStore.open(history);          // a SQLite file, made on first use
        Republisher republisher = Republisher.builder().store(store)
            .source(SourceConfig.of("2m", feed)).build()) {
      republisher.refresh();                                       // due sources, recorded
      FeedSpec spec = FeedSpec.builder("Revue", "https://revue.example/feeds/all.atom.xml").build();
      for (FeedFile file : FeedArchive.builder(spec).build().render(store, Instant.now())) {
        System.out.println(file.url() + ": " + file.size() + " bytes"); // or write, or serve
      }
    }
    // README-END
  }

  @Test
  void theReadmeShowsThisExample() throws Exception {
    List<String> lines = Files.readAllLines(SELF, StandardCharsets.UTF_8);
    int begin = lines.indexOf("    // README-BEGIN");
    int end = lines.indexOf("    // README-END");
    assertThat(begin).isPositive();
    String snippet = lines.subList(begin + 1, end).stream()
        .map(line -> line.substring(4))
        .collect(Collectors.joining("\n"));
    assertThat(Files.readString(Path.of("README.md"), StandardCharsets.UTF_8))
        .contains("```java\n" + snippet + "\n```");
  }

  @Test
  void theExampleRecordsAndRendersEveryFormat(@TempDir Path dir) {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.out;
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      example(dir.resolve("history.db"), Path.of("examples/data/feeds/2m-fr.rss.xml").toUri());
    } finally {
      System.setOut(original);
    }
    assertThat(captured.toString(StandardCharsets.UTF_8).lines())
        .extracting(line -> line.substring(0, line.indexOf(':', 8)))
        .containsExactly(
            "https://revue.example/feeds/all.rss.xml",
            "https://revue.example/feeds/all.atom.xml",
            "https://revue.example/feeds/all.feed.json");
    try (ArticleStore store = ArticleStore.open(dir.resolve("history.db"))) {
      assertThat(store.articleCount()).isEqualTo(3);
    }
  }
}
