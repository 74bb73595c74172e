package org.republisher.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.republisher.testing.FeedRules;
import org.republisher.write.FeedFormat;

/**
 * A copy of the main job's layout in a temporary folder: {@code examples/republisher.yaml} and
 * {@code examples/data/}, with {@code target/} for the store and the feeds, so that the README's
 * command runs there as it does in the project, in this process or as the jar in a child process.
 */
final class Workspace {
  /** The site of the example config. */
  static final URI SITE = URI.create("https://revue.example/feeds/");

  private static final Pattern SELF = Pattern.compile("<atom:link [^>]*rel=\"self\"[^>]*>");

  final Path root;

  private Workspace(Path root) {
    this.root = root;
  }

  /** Copies the example configuration and its data into a folder. */
  static Workspace ofExample(Path root) throws IOException {
    Path from = Path.of("examples");
    copy(from.resolve("republisher.yaml"), root.resolve("examples/republisher.yaml"));
    try (Stream<Path> files = Files.walk(from.resolve("data"))) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        copy(file, root.resolve("examples").resolve(from.relativize(file).toString()));
      }
    }
    return new Workspace(root);
  }

  private static void copy(Path from, Path to) throws IOException {
    Files.createDirectories(to.getParent());
    Files.copy(from, to);
  }

  Path config() {
    return root.resolve("examples/republisher.yaml");
  }

  Path feeds() {
    return root.resolve("target/feeds");
  }

  Path data(String name) {
    return root.resolve("examples/data").resolve(name);
  }

  /** Sets the configuration's store. */
  Workspace store(String location) throws IOException {
    String yaml = Files.readString(config(), UTF_8);
    Files.writeString(config(), yaml.replaceFirst("(?m)^store: .*$", "store: " + location), UTF_8);
    return this;
  }

  /** Replaces a text of the configuration. */
  Workspace edit(String from, String to) throws IOException {
    String yaml = Files.readString(config(), UTF_8);
    assertThat(yaml).contains(from);
    Files.writeString(config(), yaml.replace(from, to), UTF_8);
    return this;
  }

  /** Appends YAML at the end of the configuration, such as a mapping of top-level keys. */
  Workspace append(String yaml) throws IOException {
    Files.writeString(config(), yaml, UTF_8, java.nio.file.StandardOpenOption.APPEND);
    return this;
  }

  /** Adds a source before the OPML file's: an entry of the list {@code sources}, in YAML. */
  Workspace source(String entry) throws IOException {
    return edit("\nopml: ", "\n" + entry + "\nopml: ");
  }

  /** Adds an article to the records file, credited to Médias24, and returns its title. */
  String addArticle(String title, String slug) throws IOException {
    Files.writeString(data("articles.jsonl"),
        "{\"title\": \"" + title + "\", \"sourceLink\": \"https://medias24.com/" + slug + "\","
            + " \"attribution\": \"Publié dans Médias24 le 30 - 11 - 2026\"}\n",
        UTF_8, java.nio.file.StandardOpenOption.APPEND);
    return title;
  }

  /** Keeps only the records source: the others are left out of the configuration. */
  Workspace recordsOnly() throws IOException {
    String yaml = Files.readString(config(), UTF_8);
    int start = yaml.indexOf("  - id: pages");
    int end = yaml.indexOf("\nfeeds:");
    Files.writeString(config(), yaml.substring(0, start) + yaml.substring(end + 1), UTF_8);
    return this;
  }

  /** Returns every file of the output folder, by path relative to it, '/'-separated, sorted. */
  Map<String, byte[]> files() throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    if (!Files.isDirectory(feeds())) {
      return files;
    }
    try (Stream<Path> walk = Files.walk(feeds())) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        files.put(feeds().relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
      }
    }
    return files;
  }

  /** Runs the command in this process, the working folder left as it is. */
  Run run(Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Main.run(args, env, new PrintStream(out, true, UTF_8),
        new PrintStream(err, true, UTF_8));
    return new Run(status, out.toString(UTF_8), err.toString(UTF_8));
  }

  /** Runs the main job's command in this process: {@code run --config examples/republisher.yaml}. */
  Run run(String... more) {
    List<String> args = new ArrayList<>(List.of("run", "--config", config().toString()));
    args.addAll(List.of(more));
    return run(Map.of(), args.toArray(String[]::new));
  }

  /** Runs the jar in a child process in this folder, with the environment changed as given. */
  Run runJar(Path jar, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile());
    builder.environment().remove(RunCommand.SOURCE_DATE_EPOCH);
    builder.environment().putAll(env);
    Path out = Files.createTempFile(root, "out", ".txt");
    Path err = Files.createTempFile(root, "err", ".txt");
    builder.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process process = builder.start();
    // a guard against a hang only: a run takes seconds
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("the command did not end: " + command);
    }
    Run run = new Run(process.exitValue(), Files.readString(out, UTF_8), Files.readString(err, UTF_8));
    Files.delete(out);
    Files.delete(err);
    return run;
  }

  /**
   * Checks every file of the output: valid by the project's rules, read back by Rome (XML) and
   * jackson (JSON) with the same number of items in each format of a document, and naming itself
   * ({@code rel="self"}, {@code feed_url}) by the URL its path has under the site.
   */
  static void assertEveryFileValid(Map<String, byte[]> files) throws Exception {
    assertThat(files).isNotEmpty();
    Map<String, Integer> items = new TreeMap<>();
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      String path = file.getKey();
      FeedFormat format = format(path);
      FeedRules.assertValid(format, file.getValue());
      String self = SITE.resolve(path).toString();
      int count;
      if (format == FeedFormat.JSON_FEED) {
        count = jsonItems(file.getValue(), self, path);
      } else {
        SyndFeed feed = rome(file.getValue());
        if (format == FeedFormat.ATOM) {
          assertThat(feed.getLinks().stream().filter(l -> "self".equals(l.getRel()))
                  .map(SyndLink::getHref))
              .as(path).containsExactly(self);
        } else {
          // Rome keeps an RSS channel's atom:link as foreign markup: read it from the text
          Matcher link = SELF.matcher(new String(file.getValue(), UTF_8));
          assertThat(link.find()).as(path + ": atom:link rel=self").isTrue();
          assertThat(link.group().replaceAll(".* href=\"([^\"]*)\".*", "$1")).as(path)
              .isEqualTo(self);
        }
        count = feed.getEntries().size();
      }
      Integer other = items.putIfAbsent(stem(path), count);
      if (other != null) {
        assertThat(count).as(path + ": items as in the other formats").isEqualTo(other);
      }
    }
  }

  static FeedFormat format(String path) {
    for (FeedFormat format : FeedFormat.values()) {
      if (path.endsWith("." + format.fileName())) {
        return format;
      }
    }
    throw new AssertionError("not a feed file: " + path);
  }

  static String stem(String path) {
    return path.substring(0, path.length() - format(path).fileName().length() - 1);
  }

  static SyndFeed rome(byte[] bytes) throws Exception {
    SyndFeedInput input = new SyndFeedInput();
    input.setAllowDoctypes(false);
    try (XmlReader reader = new XmlReader(new ByteArrayInputStream(bytes))) {
      return input.build(reader);
    }
  }

  private static int jsonItems(byte[] bytes, String self, String path) throws IOException {
    int count = -1;
    String feedUrl = null;
    try (JsonParser p = new JsonFactory().createParser(bytes)) {
      assertThat(p.nextToken()).isEqualTo(JsonToken.START_OBJECT);
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if (name.equals("feed_url")) {
          feedUrl = p.getText();
        } else if (name.equals("items")) {
          assertThat(value).isEqualTo(JsonToken.START_ARRAY);
          count = 0;
          while (p.nextToken() == JsonToken.START_OBJECT) {
            count++;
            p.skipChildren();
          }
        } else {
          p.skipChildren();
        }
      }
    }
    assertThat(feedUrl).as(path).isEqualTo(self);
    assertThat(count).as(path + ": items").isNotNegative();
    return count;
  }

  /** What a run printed and returned. */
  record Run(int status, String out, String err) {
    @Override
    public String toString() {
      return "exit " + status + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }
}
