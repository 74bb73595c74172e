package org.republisher.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.republisher.cli.RunCommandTest.LATER;
import static org.republisher.cli.RunCommandTest.NOW;
import static org.republisher.cli.RunCommandTest.assertSameFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.republisher.store.Databases;

/**
 * The runnable jar, {@code target/republisher-cli.jar}, started with {@code java -jar} in a child
 * process, in a copy of the main job's layout: run by maven-failsafe after {@code package}.
 */
class CommandJarIT {
  private static final Path JAR =
      Path.of(System.getProperty("republisher.cli.jar", "target/republisher-cli.jar"));
  private static final String[] MAIN_JOB = {"run", "--config", "examples/republisher.yaml"};

  @TempDir Path dir;
  Workspace ws;

  @BeforeEach
  void copyTheExample() throws IOException {
    assertThat(JAR).as("the jar is built by mvn package").isRegularFile();
    ws = Workspace.ofExample(dir);
  }

  @Test
  void theJarHoldsTheCommandItsDependenciesAndMergedServices() throws IOException {
    try (JarFile jar = new JarFile(JAR.toFile())) {
      assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class"))
          .isEqualTo("org.republisher.cli.Main");
      for (String name : List.of("org/republisher/cli/Main.class", "picocli/CommandLine.class",
          "com/fasterxml/jackson/dataformat/yaml/YAMLFactory.class", "org/sqlite/JDBC.class",
          "org/postgresql/Driver.class", "org/slf4j/simple/SimpleLogger.class")) {
        assertThat(jar.getEntry(name)).as(name).isNotNull();
      }
      String providers = new String(jar.getInputStream(
          jar.getEntry("META-INF/services/org.republisher.source.SourceProvider")).readAllBytes(),
          UTF_8);
      assertThat(providers).contains("FeedSourceProvider", "PageSourceProvider",
          "RecordsSourceProvider");
      String drivers = new String(jar.getInputStream(
          jar.getEntry("META-INF/services/java.sql.Driver")).readAllBytes(), UTF_8);
      assertThat(drivers).contains("org.sqlite.JDBC", "org.postgresql.Driver");
      assertThat(Collections.list(jar.entries()))
          .noneMatch(e -> e.getName().matches("META-INF/[^/]*\\.(SF|DSA|RSA|EC)"));
    }
  }

  @Test
  void theMainJobWritesEveryFeedValidAndLogsOnlyToStandardError() throws Exception {
    Workspace.Run run = ws.runJar(JAR, Map.of(), MAIN_JOB);

    assertThat(run.status()).as(run.toString()).isZero();
    List<String> out = run.out().lines().toList();
    assertThat(out).hasSize(5 + 4);
    assertThat(out.subList(0, 5)).allMatch(line -> line.startsWith("ok "));
    assertThat(out.get(2)).startsWith("ok       2m ");         // from the OPML file
    assertThat(out.get(5)).isEqualTo("sources   5 ok, 0 failed, 0 not due");
    // the bad line of the records file: a WARN line of the bundled binding, on standard error
    assertThat(run.err()).contains("[WARN] RecordsSourceProvider - desk: articles.jsonl:21:"
        + " link is missing, and so is sourceLink");
    Map<String, byte[]> files = ws.files();
    assertThat(files).containsKeys("all.atom.xml", "all.rss.xml", "all.feed.json",
        "archive/all-1.atom.xml", "archive/all-1.rss.xml", "archive/all-1.feed.json",
        "medias24.atom.xml", "2m.rss.xml", "le360-espanol.feed.json", "lang/ar.atom.xml");
    Workspace.assertEveryFileValid(files);
  }

  @Test
  void aBadConfigExitsTwoNamingTheKeyAndItsLine() throws Exception {
    ws.edit("    type: records\n", "    type: records\n    intervall: 5m\n");

    Workspace.Run run = ws.runJar(JAR, Map.of(), MAIN_JOB);

    assertThat(run.status()).as(run.toString()).isEqualTo(2);
    int line = Files.readAllLines(ws.config()).indexOf("    intervall: 5m") + 1;
    assertThat(run.err()).isEqualTo("examples/republisher.yaml:" + line + ": sources[0].intervall:"
        + " unknown key; did you mean \"interval\"?" + System.lineSeparator());
    assertThat(run.out()).isEmpty();
    assertThat(ws.root.resolve("target")).doesNotExist();
  }

  @Test
  void badArgumentsExitTwo() throws Exception {
    Workspace.Run run = ws.runJar(JAR, Map.of(), "run", "--now", "tomorrow");

    assertThat(run.status()).as(run.toString()).isEqualTo(2);
    assertThat(run.err()).contains("Invalid value for option '--now'");
  }

  @Test
  void badRecordsExitOneAndLeaveThePreviousFeedsByteForByte() throws Exception {
    ws.recordsOnly();
    assertThat(ws.runJar(JAR, Map.of(), "run", "--config", "examples/republisher.yaml", "--now",
        NOW).status()).isZero();
    Map<String, byte[]> before = ws.files();
    Files.writeString(ws.data("articles.jsonl"), "{\"title\": \"no link\"}\n[1, 2]\n", UTF_8);

    Workspace.Run run = ws.runJar(JAR, Map.of(), "run", "--config", "examples/republisher.yaml",
        "--now", LATER);

    assertThat(run.status()).as(run.toString()).isEqualTo(1);
    assertThat(run.out()).contains("no line of articles.jsonl is a valid record (2 bad)");
    assertThat(run.err()).contains("every source failed");
    assertSameFiles(ws.files(), before);
  }

  @Test
  void anUnwritableOutputFolderExitsOneAndLeavesThePreviousFeeds() throws Exception {
    assertThat(ws.runJar(JAR, Map.of(), "run", "--config", "examples/republisher.yaml", "--now",
        NOW).status()).isZero();
    Map<String, byte[]> before = ws.files();
    Files.writeString(ws.data("articles.jsonl"),
        "{\"title\": \"Un nouvel article\", \"sourceLink\": \"https://medias24.com/nouveau\","
            + " \"attribution\": \"Publié dans Médias24 le 30 - 11 - 2026\"}\n",
        UTF_8, StandardOpenOption.APPEND);

    Workspace.Run run;
    try (Unwritable unwritable = Unwritable.make(ws.feeds())) {
      run = ws.runJar(JAR, Map.of(), "run", "--config", "examples/republisher.yaml", "--now",
          LATER);
    }

    assertThat(run.status()).as(run.toString()).isEqualTo(1);
    assertThat(run.err()).contains("republisher: cannot write the feeds into")
        .contains("no feed file was changed");
    assertSameFiles(ws.files(), before);
  }

  @Test
  void runTwiceTheSecondFindsNothingNewAndWritesTheSameBytes() throws Exception {
    Workspace.Run first = ws.runJar(JAR, Map.of(), MAIN_JOB);
    Map<String, byte[]> files = ws.files();

    Workspace.Run second = ws.runJar(JAR, Map.of(), MAIN_JOB);

    assertThat(first.status()).as(first.toString()).isZero();
    assertThat(second.status()).as(second.toString()).isZero();
    assertThat(second.out()).contains("articles  0 new, 0 updated, ")
        .containsPattern("files     0 written, [0-9]+ unchanged, 0 removed");
    assertSameFiles(ws.files(), files);
  }

  @Test
  void aPostgresqlStoreRemembersAcrossRunsAsSqliteDoes() throws Exception {
    ws.store("\"" + Databases.postgres() + "\"");

    Workspace.Run first = ws.runJar(JAR, Map.of(), MAIN_JOB);
    Map<String, byte[]> files = ws.files();
    Workspace.Run second = ws.runJar(JAR, Map.of(), MAIN_JOB);

    assertThat(first.status()).as(first.toString()).isZero();
    assertThat(first.out()).containsPattern("articles  [1-9][0-9]* new, 0 updated, ");
    assertThat(second.status()).as(second.toString()).isZero();
    assertThat(second.out()).contains("sources   0 ok, 0 failed, 5 not due")
        .contains("articles  0 new, 0 updated, ")
        .containsPattern("files     0 written, [0-9]+ unchanged, 0 removed");
    assertSameFiles(ws.files(), files);
    Workspace.assertEveryFileValid(files);
  }

  @Test
  void nowAndSourceDateEpochFixTheClock(@TempDir Path other) throws Exception {
    String epoch = Long.toString(Instant.parse(NOW).getEpochSecond());
    Workspace second = Workspace.ofExample(other);

    Workspace.Run byNow = ws.runJar(JAR,
        Map.of(RunCommand.SOURCE_DATE_EPOCH, "1"), "run", "--config", "examples/republisher.yaml",
        "--now", NOW);
    Workspace.Run byEpoch = second.runJar(JAR, Map.of(RunCommand.SOURCE_DATE_EPOCH, epoch),
        MAIN_JOB);

    for (Workspace.Run run : List.of(byNow, byEpoch)) {
      assertThat(run.status()).as(run.toString()).isZero();
      assertThat(run.out()).contains("next at 2026-12-01T08:15:00Z");
    }
    assertSameFiles(second.files(), ws.files());
  }

  /**
   * Makes a folder unwritable for this process, even as root: read-only permissions, and where
   * they do not bind (root) the immutable attribute ({@code chattr +i}); undone on close.
   */
  private record Unwritable(Path folder, boolean immutable) implements AutoCloseable {
    static Unwritable make(Path folder) throws IOException, InterruptedException {
      Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-xr-xr-x"));
      if (!writable(folder)) {
        return new Unwritable(folder, false);
      }
      Process chattr = new ProcessBuilder("chattr", "+i", folder.toString())
          .redirectErrorStream(true).start();
      boolean done = chattr.waitFor(30, TimeUnit.SECONDS) && chattr.exitValue() == 0;
      Unwritable made = new Unwritable(folder, done);
      if (!done || writable(folder)) {
        made.close();
        assumeTrue(false, "no way to make a folder unwritable here (root without chattr)");
      }
      return made;
    }

    private static boolean writable(Path folder) {
      try {
        Files.delete(Files.createTempFile(folder, "probe", ".tmp"));
        return true;
      } catch (IOException e) {
        return false;
      }
    }

    @Override
    public void close() throws IOException, InterruptedException {
      if (immutable) {
        new ProcessBuilder("chattr", "-i", folder.toString()).start().waitFor(30, TimeUnit.SECONDS);
      }
      Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }
}
