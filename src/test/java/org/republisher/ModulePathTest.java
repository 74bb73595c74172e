package org.republisher;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library as a JPMS module: a small program compiled and run against {@code target/classes}
 * and the runtime dependencies on the module path, with no {@code --add-modules}, {@code
 * --add-reads} or {@code --add-opens}. The tests themselves run on the class path (see the pom).
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES) // a hang guard only
class ModulePathTest {

  /** Reads an upstream feed (Rome, JDOM, the built-in provider), cleans HTML, writes all formats. */
  private static final String PROGRAM =
      """
      package demo;

      import java.io.ByteArrayOutputStream;
      import java.nio.file.Path;
      import java.time.Clock;
      import java.time.Instant;
      import java.time.ZoneOffset;
      import java.util.ArrayList;
      import java.util.List;
      import java.util.Map;
      import org.republisher.Republisher;
      import org.republisher.Snapshot;
      import org.republisher.model.Article;
      import org.republisher.model.FeedSpec;
      import org.republisher.source.SourceConfig;
      import org.republisher.write.FeedFormat;
      import org.republisher.write.FeedWriter;

      public final class Main {
        public static void main(String[] args) throws Exception {
          Clock clock = Clock.fixed(Instant.parse("2026-11-29T12:00:00Z"), ZoneOffset.UTC);
          SourceConfig upstream =
              new SourceConfig("upstream", Path.of(args[0]).toUri(), null, null, Map.of());
          List<Article> articles = new ArrayList<>();
          try (Republisher republisher =
              Republisher.builder().source(upstream).clock(clock).build()) {
            Snapshot snapshot = republisher.refresh();
            if (!snapshot.failures().isEmpty()) {
              throw new IllegalStateException(snapshot.failures().toString());
            }
            articles.addAll(snapshot.articles());
          }
          articles.add(
              Article.builder()
                  .title("Sur le chemin des modules")
                  .sourceLink("https://www.2m.ma/fr/news/module")
                  .published(Instant.parse("2026-11-28T10:00:00Z"))
                  .contentHtml("<p>Propre<script>alert(1)</script></p>")
                  .build());
          FeedWriter writer =
              FeedWriter.builder(FeedSpec.builder("Modules", "https://revue.example/m.xml").build())
                  .clock(clock)
                  .build();
          for (FeedFormat format : FeedFormat.values()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int written = writer.write(format, articles, out).written();
            String feed = out.toString("UTF-8");
            System.out.println(format + " " + (written == articles.size() && written > 3)
                + " " + feed.contains("Propre")
                + " " + feed.contains("alert"));
          }
          try {
            Class.forName("org.republisher.internal.Text").getMethod("plain", String.class)
                .invoke(null, "x");
            System.out.println("internal reachable");
          } catch (IllegalAccessException e) {
            System.out.println("internal sealed");
          }
        }
      }
      """;

  @Test
  void aProgramOnTheModulePathRunsWithoutFlags(@TempDir Path dir)
      throws IOException, InterruptedException {
    String modulePath = libraryModulePath();
    Path out = dir.resolve("out");
    compile(dir, "module demo { requires org.republisher; }", PROGRAM, modulePath, out, true);

    Process process =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--module-path",
                out + File.pathSeparator + modulePath,
                "--module",
                "demo/demo.Main",
                fixture("feeds/rss20.xml").toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), UTF_8);
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();

    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output)
        .doesNotContain("NoClassDefFoundError", "IllegalAccessError", "Exception")
        .contains("RSS true true false", "ATOM true true false", "JSON_FEED true true false")
        .contains("internal sealed");
  }

  @Test
  void theInternalPackageIsNotVisibleToAProgramOnTheModulePath(@TempDir Path dir)
      throws IOException {
    String program =
        """
        package demo;

        public final class Main {
          public static void main(String[] args) {
            System.out.println(org.republisher.internal.Text.plain(args[0]));
          }
        }
        """;
    String errors =
        compile(
            dir,
            "module demo { requires org.republisher; }",
            program,
            libraryModulePath(),
            dir.resolve("out"),
            false);

    assertThat(errors).contains("package org.republisher.internal is not visible");
  }

  @Test
  void theDescriptorExportsTheApiPackagesAndProvidesTheBuiltInSources() throws IOException {
    ModuleDescriptor module = PublicApiTest.descriptor();

    assertThat(module.name()).isEqualTo("org.republisher");
    assertThat(module.exports())
        .extracting(ModuleDescriptor.Exports::source)
        .doesNotContain("org.republisher.internal")
        .contains("org.republisher", "org.republisher.model", "org.republisher.write");
    assertThat(module.exports()).allSatisfy(e -> assertThat(e.isQualified()).isFalse());
    assertThat(module.requires())
        .extracting(ModuleDescriptor.Requires::name)
        .contains("com.rometools.rome", "org.jsoup", "com.fasterxml.jackson.core", "org.slf4j");
    assertThat(module.provides())
        .singleElement()
        .satisfies(
            p ->
                assertThat(p.providers())
                    .containsExactlyInAnyOrderElementsOf(
                        Files.readAllLines(
                                PublicApiTest.CLASSES.resolve(
                                    "META-INF/services/org.republisher.source.SourceProvider"))
                            .stream()
                            .filter(line -> !line.isBlank() && !line.startsWith("#"))
                            .toList()));
  }

  @Test
  void theLicenseIsShippedAsMetaInfLicense() throws IOException {
    Path license = PublicApiTest.CLASSES.resolve("META-INF/LICENSE");
    assertThat(license).exists();
    assertThat(Files.readString(license, UTF_8))
        .contains("Apache License", "Version 2.0, January 2004")
        .isEqualTo(Files.readString(Path.of("LICENSE"), UTF_8));
  }

  /** target/classes and the runtime dependencies Maven listed (the pom's dependency plugin). */
  private static String libraryModulePath() throws IOException {
    Path listing = PublicApiTest.CLASSES.resolveSibling("runtime-classpath.txt");
    assertThat(listing)
        .as("written by the maven-dependency-plugin at generate-test-resources: run through Maven")
        .exists();
    String dependencies = Files.readString(listing, UTF_8).strip();
    assertThat(dependencies).contains("rome", "jsoup", "jackson-core", "slf4j-api");
    return PublicApiTest.CLASSES + File.pathSeparator + dependencies;
  }

  /** Compiles the module {@code demo}; returns the compiler's messages. */
  private static String compile(
      Path dir, String descriptor, String main, String modulePath, Path out, boolean mustPass)
      throws IOException {
    Path sources = dir.resolve("src");
    Files.createDirectories(sources.resolve("demo"));
    Path info = Files.writeString(sources.resolve("module-info.java"), descriptor);
    Path program = Files.writeString(sources.resolve("demo/Main.java"), main);
    ByteArrayOutputStream messages = new ByteArrayOutputStream();
    int status =
        ToolProvider.getSystemJavaCompiler()
            .run(
                null,
                messages,
                messages,
                "--module-path",
                modulePath,
                "-d",
                out.toString(),
                info.toString(),
                program.toString());
    String text = messages.toString(UTF_8);
    if (mustPass) {
      assertThat(status).as(text).isZero();
    } else {
      assertThat(status).isNotZero();
    }
    return text;
  }

  private static Path fixture(String name) {
    try {
      return Path.of(ModulePathTest.class.getResource("/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
