package org.republisher.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.republisher.cli.RunCommandTest.LATER;
import static org.republisher.cli.RunCommandTest.NOW;
import static org.republisher.cli.RunCommandTest.assertSameFiles;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.jar.JarFile;
import java.util.stream.Stream;
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
        + " link has a scheme other than http or https: \"javascript:void(0)\"");
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
    Files.writeString(ws.data("articles.jsonl"), "{\"title\": \" \"}\n[1, 2]\n", UTF_8);

    Workspace.Run run = ws.runJar(JAR, Map.of(), "run", "--config", "examples/republisher.yaml",
        "--now", LATER);

    assertThat(run.status()).as(run.toString()).isEqualTo(1);
    assertThat(run.out()).contains("no line of articles.jsonl is a valid record (2 bad)");
    assertThat(run.err()).contains("every source failed");
    assertSameFiles(ws.files(), before);
  }

  @Test
  void anOutputThatCannotBeWrittenExitsOneAndLeavesEveryPreviousFeed() throws Exception {
    assertThat(ws.runJar(JAR, Map.of(), "run", "--config", "examples/republisher.yaml", "--now",
        NOW).status()).isZero();
    // the language feeds' folder replaced by a file: no file can be written under it, whoever
    // runs the test (permissions do not bind root, a file in the way does)
    Path lang = ws.feeds().resolve("lang");
    try (Stream<Path> files = Files.list(lang)) {
      for (Path file : files.toList()) {
        Files.delete(file);
      }
    }
    Files.delete(lang);
    Files.writeString(lang, "a file where the folder should be", UTF_8);
    Map<String, byte[]> before = ws.files();
    Files.writeString(ws.data("articles.jsonl"),
        "{\"title\": \"Un nouvel article\", \"sourceLink\": \"https://medias24.com/nouveau\","
            + " \"attribution\": \"Publié dans Médias24 le 30 - 11 - 2026\"}\n",
        UTF_8, StandardOpenOption.APPEND);

    Workspace.Run run = ws.runJar(JAR, Map.of(), "run", "--config", "examples/republisher.yaml",
        "--now", LATER);

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

  @Test
  void serveAnswersReadersAndASigtermDuringARefreshLetsItFinishThenExitsCleanly() throws Exception {
    try (Upstream upstream = new Upstream()) {
      ws.source("  - id: fil\n    uri: " + upstream.url() + "\n    interval: 1s\n");
      Child serve = Child.start(ws.root, JAR.toAbsolutePath().toString(), "serve", "--config",
          "examples/republisher.yaml", "--port", "0");
      try {
        String start = serve.await(l -> l.startsWith("serving   https://revue.example/feeds/ at "));
        URI base = URI.create(start.substring(start.indexOf(" at ") + 4));
        serve.await(l -> l.matches("serving   [0-9]+ files, [0-9]+ changed; next refresh at .*"));
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<byte[]> feed = http.send(HttpRequest.newBuilder(base.resolve("all.atom.xml"))
            .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(feed.statusCode()).isEqualTo(200);
        assertThat(new String(feed.body(), UTF_8)).contains("Premier article du fil");
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(base.resolve("/health"))
            .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).startsWith("{\"status\":\"ok\",\"refreshes\":");

        upstream.items("Premier article du fil", "Second article du fil");
        upstream.hold();
        assertThat(upstream.held.await(2, TimeUnit.MINUTES)).as("a refresh fetching").isTrue();
        // SIGTERM, while the refresh waits for the upstream; by the process's handle, since
        // Process.destroy() also closes this end of the pipes, and the lines after it are wanted
        assertThat(serve.process.toHandle().destroy()).isTrue();
        serve.await(l -> l.startsWith("stopping  "));
        upstream.release();

        assertThat(serve.process.waitFor(2, TimeUnit.MINUTES)).as("exited").isTrue();
        String out = serve.out();
        assertThat(serve.process.exitValue()).as(out + serve.err()).isEqualTo(143);
        assertThat(out.substring(out.indexOf("stopping  ")))
            .containsPattern("ok +fil +2 articles, 1 new, 0 updated")
            .endsWith("stopped   the server and the store are closed\n");
        assertThat(serve.err()).doesNotContain("Exception");
      } finally {
        serve.process.destroyForcibly();
      }
    }
    Map<String, byte[]> files = ws.files();
    assertThat(new String(files.get("all.atom.xml"), UTF_8)).contains("Second article du fil");
    try (Stream<Path> walk = Files.walk(ws.feeds())) {
      assertThat(walk.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
    }
    Workspace.assertEveryFileValid(files);
    assertThat(ws.root.resolve("target/republisher.db-wal")).as("the store closed").doesNotExist();
    Workspace.Run after = ws.runJar(JAR, Map.of(), MAIN_JOB);
    assertThat(after.status()).as(after.toString()).isZero();
    assertThat(after.out()).contains("articles  0 new, 0 updated, ");
  }

  @Test
  void aClientThatSendsHalfARequestIsCutOffAndDoesNotHoldTheServer() throws Exception {
    // one thread to answer: the JDK's server reads a request on it, with no timeout of its own
    Path config = ws.root.resolve("examples/republisher.yaml");
    Files.writeString(config,
        Files.readString(config, UTF_8).replace("  port: 8080\n", "  port: 8080\n  threads: 1\n"),
        UTF_8);
    Child serve = Child.start(ws.root, JAR.toAbsolutePath().toString(), "serve", "--config",
        "examples/republisher.yaml", "--port", "0");
    try {
      String start = serve.await(l -> l.startsWith("serving   https://revue.example/feeds/ at "));
      URI base = URI.create(start.substring(start.indexOf(" at ") + 4));
      serve.await(l -> l.matches("serving   [0-9]+ files, [0-9]+ changed; next refresh at .*"));
      try (java.net.Socket half = new java.net.Socket(base.getHost(), base.getPort())) {
        half.getOutputStream().write(
            "GET /health HTTP/1.1\r\nHost: x\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        half.getOutputStream().flush();

        HttpResponse<String> health = HttpClient.newHttpClient().send(
            HttpRequest.newBuilder(base.resolve("/health"))
                .timeout(java.time.Duration.ofMinutes(2)).build(), // a hang guard
            HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        // the half request's connection is closed by the server (FeedServer.MAX_REQUEST_SECONDS),
        // not left open for ever (this read would then end in the hang guard's timeout)
        half.setSoTimeout(120_000);
        assertThat(half.getInputStream().read()).isEqualTo(-1);
      }
    } finally {
      serve.process.destroyForcibly();
    }
  }

  /** A child process whose standard output is read line by line as it comes. */
  private static final class Child {
    final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final StringBuffer seen = new StringBuffer();
    private final Path err;
    private final Thread reader;

    private Child(Process process, Path err) {
      this.process = process;
      this.err = err;
      this.reader = new Thread(this::read, "child-out");
      reader.setDaemon(true);
      reader.start();
    }

    static Child start(Path dir, String jar, String... args) throws IOException {
      List<String> command = new ArrayList<>(List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar));
      command.addAll(List.of(args));
      Path err = Files.createTempFile(dir, "err", ".txt");
      ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
          .redirectError(err.toFile());
      builder.environment().remove(RunCommand.SOURCE_DATE_EPOCH);
      return new Child(builder.start(), err);
    }

    private void read() {
      try (BufferedReader in = new BufferedReader(
          new InputStreamReader(process.getInputStream(), UTF_8))) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          seen.append(line).append('\n');
          lines.add(line);
        }
      } catch (IOException e) {
        lines.add("(standard output failed: " + e + ")");
      }
    }

    /** Waits for the next line that matches (two minutes at most: a hang guard). */
    String await(Predicate<String> wanted) throws InterruptedException, IOException {
      while (true) {
        String line = lines.poll(2, TimeUnit.MINUTES);
        assertThat(line).as("a line awaited; so far:\n" + seen + err()).isNotNull();
        if (wanted.test(line)) {
          return line;
        }
      }
    }

    /** Everything the process printed on standard output, once it has ended. */
    String out() throws InterruptedException {
      reader.join(TimeUnit.MINUTES.toMillis(1)); // a hang guard: it ends with the process
      return seen.toString();
    }

    String err() throws IOException {
      return Files.readString(err, UTF_8);
    }
  }
}
