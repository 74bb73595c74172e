package org.republisher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.republisher.model.Article;
import org.republisher.model.FeedSpec;
import org.republisher.model.Publication;
import org.republisher.testing.FeedRules;
import org.republisher.write.FeedFormat;
import org.republisher.write.FeedWriter;

/** The README's example is this test's code: the README must hold it verbatim, and it must work. */
class ReadmeExampleTest {
  static final Path SELF = Path.of("src/test/java/org/republisher/ReadmeExampleTest.java");

  static void example() throws IOException {
    // README-BEGIN
    Article article = Article.builder()
        .title("Le Maroc plaide pour une mobilisation accrue de la coalition contre Daesh")
        .link("https://revue.example/fr/2m/12345")
        .sourceLink("https://www.2m.ma/fr/news/article-12345")
        .publication(Publication.builder("2M").url("https://www.2m.ma/fr").language("fr").build())
        .published(LocalDate.of(2020, 6, 4))
        .contentHtml("<p>Le ministre des Affaires étrangères…</p>")
        .build();
    FeedSpec spec = FeedSpec.builder("Revue de presse", "https://revue.example/feed.xml").build();
    FeedWriter.builder(spec).build().write(FeedFormat.RSS, List.of(article), System.out);
    // README-END
  }

  @Test
  void theReadmeShowsThisExample() throws IOException {
    List<String> lines = Files.readAllLines(SELF, StandardCharsets.UTF_8);
    int begin = lines.indexOf("    // README-BEGIN");
    int end = lines.indexOf("    // README-END");
    assertThat(begin).isPositive();
    assertThat(end - begin - 1).isBetween(1, 10);
    String snippet =
        lines.subList(begin + 1, end).stream()
            .map(line -> line.substring(4))
            .collect(Collectors.joining("\n"));
    assertThat(Files.readString(Path.of("README.md"), StandardCharsets.UTF_8))
        .contains("```java\n" + snippet + "\n```");
  }

  @Test
  void theExampleWritesAValidFeedWithTheCredit() throws IOException {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.out;
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      example();
    } finally {
      System.setOut(original);
    }
    byte[] feed = captured.toByteArray();
    FeedRules.assertValid(FeedFormat.RSS, feed);
    assertThat(new String(feed, StandardCharsets.UTF_8))
        .contains("<link>https://revue.example/fr/2m/12345</link>")
        .contains("<source url=\"https://www.2m.ma/fr\">2M</source>")
        .contains("Publié dans 2M le 04 - 06 - 2020")
        .contains("Cliquez ici pour lire l'article depuis sa source");
  }
}
