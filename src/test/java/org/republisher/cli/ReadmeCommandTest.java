package org.republisher.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's command section holds: its main job, its configuration, its table of keys. */
class ReadmeCommandTest {
  private static final String MAIN_JOB = "mvn -q -B package -DskipTests && java -jar"
      + " target/republisher-cli.jar run --config examples/republisher.yaml";

  private final String readme = read();

  @Test
  void theMainJobIsOneLineThatRunsTheExampleConfiguration() {
    assertThat(readme).contains("```sh\n" + MAIN_JOB + "\n```");
    assertThat(Path.of("examples/republisher.yaml")).isRegularFile();
  }

  @Test
  void theConfigurationOfTheCommandSectionIsValid(@TempDir Path dir) throws IOException {
    String section = section("## The command");
    Matcher yaml = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL).matcher(section);
    assertThat(yaml.find()).isTrue();
    Files.writeString(dir.resolve("republisher.yaml"), yaml.group(1), UTF_8);
    Files.writeString(dir.resolve("subscriptions.opml"),
        "<opml version=\"2.0\"><body><outline text=\"Médias24\" xmlUrl=\"https://medias24.com/feed/\"/>"
            + "</body></opml>", UTF_8);

    Config config = ConfigReader.read(dir.resolve("republisher.yaml"));

    assertThat(config.sources()).extracting(s -> s.config().id())
        .containsExactly("desk", "2m", "medias24");
    assertThat(config.feeds()).extracting(Config.Feed::name)
        .containsExactly("all", "{slug}", "lang/ar");
  }

  @Test
  void theTableOfKeysListsEveryKeyTheReaderKnowsAndNoOther() {
    Set<String> documented = new TreeSet<>();
    Matcher row = Pattern.compile("(?m)^\\| `([a-zA-Z.\\[\\]]+)` \\|").matcher(section("## The command"));
    while (row.find()) {
      documented.add(row.group(1));
    }
    Set<String> known = new TreeSet<>();
    for (Map.Entry<String, List<String>> mapping : ConfigReader.KEYS.entrySet()) {
      for (String key : mapping.getValue()) {
        String path = mapping.getKey().isEmpty() ? key : mapping.getKey() + "." + key;
        if (!ConfigReader.KEYS.containsKey(path) && !ConfigReader.KEYS.containsKey(path + "[]")) {
          known.add(path);
        }
      }
    }

    assertThat(documented).isEqualTo(known);
  }

  private String section(String title) {
    int start = readme.indexOf("\n" + title + "\n");
    assertThat(start).as(title).isNotNegative();
    int end = readme.indexOf("\n## ", start + 1);
    return readme.substring(start, end < 0 ? readme.length() : end);
  }

  private static String read() {
    try {
      return Files.readString(Path.of("README.md"), UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
