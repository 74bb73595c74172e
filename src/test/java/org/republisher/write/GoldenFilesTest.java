package org.republisher.write;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.republisher.model.Article;

/**
 * Golden files: the fixture articles, written in each format, must give the bytes in {@code
 * src/test/resources/golden/}. After a deliberate change, regenerate them with {@code mvn test
 * -Dtest=GoldenFilesTest -Dgolden.update=true} and review the diff.
 */
class GoldenFilesTest {
  static final Path GOLDEN = Path.of("src/test/resources/golden");

  /** One case: a name and its articles. */
  record Case(String name, List<Article> articles) {}

  static Stream<Object[]> cases() {
    List<Case> cases =
        List.of(
            new Case("press", Fixtures.articles()),
            new Case("hostile", HostileArticles.all()),
            new Case("literal", LiteralArticles.all()));
    return cases.stream()
        .flatMap(c -> Stream.of(FeedFormat.values()).map(f -> new Object[] {c, f}));
  }

  @Test
  void fixtureFolderIsNotEmpty() throws IOException {
    try (Stream<Path> files = Files.list(GOLDEN)) {
      assertThat(files.filter(Files::isRegularFile).count()).isGreaterThanOrEqualTo(9);
    }
  }

  @ParameterizedTest(name = "{0} as {1}")
  @MethodSource("cases")
  void matchesGoldenFile(Case c, FeedFormat format) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Fixtures.writer().write(format, c.articles(), out);
    Path golden = GOLDEN.resolve(c.name() + "." + format.fileName());
    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(GOLDEN);
      Files.write(golden, out.toByteArray());
    }
    assertThat(golden).exists();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
  }
}
