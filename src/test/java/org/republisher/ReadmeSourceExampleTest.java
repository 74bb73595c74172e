package org.republisher;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.republisher.model.Article;
import org.republisher.model.Attribution;
import org.republisher.model.FeedSpec;
import org.republisher.source.ArticleSource;
import org.republisher.source.HostSource;
import org.republisher.source.SourceConfig;
import org.republisher.source.SourceProvider;
import org.republisher.write.FeedFormat;
import org.republisher.write.FeedOutput;

/**
 * Compiles and runs the README's "A new source" snippets exactly as printed there. The provider is
 * listed in {@code src/test/resources/META-INF/services/org.republisher.source.SourceProvider}, as
 * the README tells a host to list its own.
 */
class ReadmeSourceExampleTest {

  // ---- README snippet 1: the source, exactly -------------------------------------------------
  // Key "press": a text file of press releases, one "title | source link | attribution" per line.
  public static final class PressProvider implements SourceProvider {
    @Override public Set<String> keys() { return Set.of("press"); }

    @Override public ArticleSource create(SourceConfig config) {
      Path file = Path.of(config.uri());
      return HostSource.ofStream(config.id(), () -> lines(file), line -> { // bad line: skipped
        String[] field = line.split(" \\| ");
        return Article.builder().title(field[0]).sourceLink(field[1]).language("fr")
            .attribution(Attribution.of(field[2])).build();
      });
    }

    private static Stream<String> lines(Path file) {
      try { return Files.lines(file); } catch (IOException e) { throw new UncheckedIOException(e); }
    }
  }
  // META-INF/services/org.republisher.source.SourceProvider lists: com.example.PressProvider
  // ---- end of snippet 1 ------------------------------------------------------------------------

  @Test
  void theReadmePrintsBothSnippets() throws IOException {
    List<String> lines =
        Files.readAllLines(Path.of("src/test/java/org/republisher/ReadmeSourceExampleTest.java"));
    String readme = Files.readString(Path.of("README.md"), UTF_8);
    assertThat(readme).contains("```java\n" + snippet(lines, "snippet 1", 2) + "\n```");
    assertThat(readme).contains("```java\n" + snippet(lines, "snippet 2", 6) + "\n```");
  }

  /** The lines between a snippet's markers, without the indentation they have here. */
  private static String snippet(List<String> lines, String name, int indent) {
    int begin = -1;
    int end = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains("README " + name)) {
        begin = i + 1;
      } else if (begin >= 0 && end < 0 && lines.get(i).contains("end of " + name)) {
        end = i;
      }
    }
    assertThat(begin).as(name).isPositive();
    StringBuilder out = new StringBuilder();
    for (String line : lines.subList(begin, end)) {
      String text = line.length() >= indent ? line.substring(indent) : line.strip();
      out.append(text.replace("public static final class", "public final class")).append('\n');
    }
    return out.toString().stripTrailing();
  }

  @Test
  void theReadmeSourceRunsAsPrinted(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("releases.txt");
    Files.writeString(
        file,
        "Le Maroc plaide pour une mobilisation accrue de la coalition contre Daesh"
            + " | https://www.2m.ma/fr/news/article-12345 | Publié dans 2M le 04 - 06 - 2020\n"
            + "a line without its fields\n",
        UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    try (LogCapture logs = new LogCapture()) {
      // ---- README snippet 2: using it, exactly -------------------------------------------------
      try (Republisher republisher = Republisher.builder().discoverProviders()
          .source(new SourceConfig("releases", file.toUri(), "press", null, Map.of())).build()) {
        Snapshot snapshot = republisher.refresh();
        snapshot.write(FeedSpec.builder("Communiqués", "https://revue.example/feed.xml").build(),
            article -> true, List.of(FeedOutput.of(FeedFormat.RSS, out)));
      }
      // ---- end of snippet 2 --------------------------------------------------------------------

      assertThat(logs.warnings())
          .singleElement()
          .asString()
          .contains("releases: object 2 skipped");
    }
    SyndFeed feed =
        new SyndFeedInput().build(new XmlReader(new ByteArrayInputStream(out.toByteArray())));
    assertThat(feed.getEntries())
        .singleElement()
        .satisfies(
            entry -> {
              assertThat(entry.getTitle()).startsWith("Le Maroc plaide");
              assertThat(entry.getLink()).isEqualTo("https://www.2m.ma/fr/news/article-12345");
            });
    assertThat(out.toString(UTF_8)).contains("Publié dans 2M le 04 - 06 - 2020");
    assertThat(feed.getEntries()).extracting(SyndEntry::getTitle).hasSize(1);
  }
}
