package org.republisher.source;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.republisher.InvalidValueException;
import org.republisher.LogCapture;
import org.republisher.model.Article;
import org.republisher.model.Publication;

class RecordsSourceProviderTest {
  private static final String GOOD =
      "{\"title\": \"Le Maroc plaide pour une mobilisation accrue\","
          + " \"sourceLink\": \"https://www.2m.ma/fr/news/article-12345\","
          + " \"attribution\": \"Publié dans 2M le 04 - 06 - 2020\"}";
  private static final String NO_PUBLICATION =
      "{\"title\": \"Sans publication\", \"link\": \"https://revue.example/a\","
          + " \"published\": \"2020-06-04\"}";

  private final RecordsSourceProvider provider = new RecordsSourceProvider();

  @Test
  void servesTheRecordsKey() {
    assertThat(provider.keys()).containsExactly("records");
  }

  @Test
  void readsTheValidLinesAndLogsTheBadOnesWithTheSourceId(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("desk.jsonl");
    Files.writeString(file, GOOD + "\n{\"title\": \" \"}\n" + NO_PUBLICATION + "\n", UTF_8);
    ArticleSource source = provider.create(config("desk", file.toUri(), null, Map.of()));

    try (LogCapture logs = new LogCapture()) {
      assertThat(source.id()).isEqualTo("desk");
      assertThat(source.fetch())
          .extracting(Article::title)
          .containsExactly("Le Maroc plaide pour une mobilisation accrue", "Sans publication");
      assertThat(logs.warnings()).singleElement().asString().contains("desk: desk.jsonl:2: link");
    }
  }

  @Test
  void theConfiguredPublicationGoesToRecordsThatNameNone(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("desk.jsonl");
    Files.writeString(file, GOOD + "\n" + NO_PUBLICATION + "\n", UTF_8);
    Publication revue = Publication.of("Revue");

    assertThat(provider.create(config("desk", file.toUri(), revue, Map.of())).fetch())
        .extracting(article -> article.publication().name())
        .containsExactly("2M", "Revue");
  }

  @Test
  void aMissingFileFailsTheFetchNotTheCreation(@TempDir Path dir) {
    URI uri = dir.resolve("missing.jsonl").toUri();
    ArticleSource source = provider.create(config("desk", uri, null, Map.of()));

    assertThatThrownBy(source::fetch)
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("source desk")
        .hasMessageContaining("no such file")
        .satisfies(e -> assertThat(((SourceException) e).uri()).isEqualTo(uri));
  }

  @Test
  void aFileOfNothingButBadLinesFailsTheFetchNamingTheFileAndTheFirstErrors(@TempDir Path dir)
      throws IOException {
    Path file = dir.resolve("desk.jsonl");
    Files.writeString(
        file, "{\"title\": \" \"}\nnot json\n\n{\"summary\": \"<br>\"}\n"
            + "[]\n", UTF_8);
    ArticleSource source = provider.create(config("desk", file.toUri(), null, Map.of()));

    try (LogCapture logs = new LogCapture()) {
      assertThatThrownBy(source::fetch)
          .isInstanceOf(SourceException.class)
          .hasMessageContaining("source desk")
          .hasMessageContaining("no line of desk.jsonl is a valid record (4 bad)")
          .hasMessageContaining("desk.jsonl:1: link")
          .hasMessageContaining("desk.jsonl:2:")
          .hasMessageContaining("desk.jsonl:4:")
          .hasMessageNotContaining("desk.jsonl:5:")
          .satisfies(e -> assertThat(((SourceException) e).uri()).isEqualTo(file.toUri()));
    }
  }

  @Test
  void anEmptyFileGivesNoArticlesWithoutFailing(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("desk.jsonl");
    Files.writeString(file, "\n\n", UTF_8);

    assertThat(provider.create(config("desk", file.toUri(), null, Map.of())).fetch()).isEmpty();
  }

  @Test
  void rejectsOtherUrisAndAnyOption(@TempDir Path dir) {
    assertThatThrownBy(
            () ->
                provider.create(
                    config("a", URI.create("https://example.org/a.jsonl"), null, Map.of())))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("source.uri is not a file: URI");
    assertThatThrownBy(
            () -> provider.create(config("a", URI.create("file:relative.jsonl"), null, Map.of())))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("is not an absolute file: URI");
    assertThatThrownBy(
            () ->
                provider.create(
                    config("a", dir.resolve("a.jsonl").toUri(), null, Map.of("charset", "latin1"))))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("source.options.charset is not an option of records");
  }

  private static SourceConfig config(
      String id, URI uri, Publication publication, Map<String, String> options) {
    return new SourceConfig(id, uri, "records", publication, options);
  }
}
