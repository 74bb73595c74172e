package org.republisher.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.republisher.internal.History.Entry;

/**
 * Several republisher instances on one database, each a JVM of its own ({@link BackendChild}):
 * racing to claim the same sources and insert the same articles, and one killed while it holds
 * leases. The instants are injected: no test waits for a lease to pass.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = ThreadMode.SEPARATE_THREAD) // hang guard
class BackendProcessesTest {
  private static final int ROUNDS = 150;
  private static final int SIZE = 20;
  private static final List<Process> STARTED = new ArrayList<>();

  @AfterEach
  void killLeftChildren() throws InterruptedException {
    synchronized (STARTED) {
      for (Process p : STARTED) {
        p.destroyForcibly().waitFor();
      }
      STARTED.clear();
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = Databases.Kind.class, names = {"SQLITE", "POSTGRESQL"})
  void twoInstancesNeverClaimASourceTwiceNorInsertAnArticleTwice(Databases.Kind kind)
      throws Exception {
    String location = kind.location();
    JdbcBackend.open(location).close(); // one schema, made before the race
    Child a = Child.start(classPath(), "race", location, "a", ROUNDS, SIZE);
    Child b = Child.start(classPath(), "race", location, "b", ROUNDS, SIZE);
    a.awaitLine("ready");
    b.awaitLine("ready");
    a.tell("go");
    b.tell("go");
    List<String> outA = a.finish();
    List<String> outB = b.finish();

    assertThat(outA).endsWith("done");
    assertThat(outB).endsWith("done");
    // the same due sources, claimed and finished over and over by both: a source claimed by
    // one while the other held it would make the other's finish fail ("lost")
    assertThat(after("lost ", outA)).as("lost by a").isEmpty();
    assertThat(after("lost ", outB)).as("lost by b").isEmpty();
    assertThat(union(after("claimed ", outA), after("claimed ", outB)))
        .isEqualTo(Set.copyOf(BackendChild.sources(0, SIZE)));

    Set<String> insertedA = after("inserted ", outA);
    Set<String> insertedB = after("inserted ", outB);
    assertThat(intersection(insertedA, insertedB)).as("inserted by both").isEmpty();
    assertThat(after("taken ", outA)).isEqualTo(insertedB);
    assertThat(after("taken ", outB)).isEqualTo(insertedA);
    try (Backend backend = JdbcBackend.open(location)) {
      List<Entry> catalog = backend.catalog();
      assertThat(catalog).hasSize(ROUNDS * SIZE);
      assertThat(backend.articles(union(insertedA, insertedB))).hasSize(ROUNDS * SIZE);
      assertThat(backend.sightings("a").keySet()).isEqualTo(insertedA);
      assertThat(backend.sightings("b").keySet()).isEqualTo(insertedB);
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = Databases.Kind.class, names = {"SQLITE", "POSTGRESQL"})
  void theSourcesOfAKilledInstanceAreTakenOverWhenItsLeaseEnds(Databases.Kind kind)
      throws Exception {
    String location = kind.location();
    Child crashing = Child.start(classPath(), "hold", location, "crashing", 10);
    crashing.awaitLine("claimed 10");
    crashing.process.destroyForcibly().waitFor();
    List<String> sources = BackendChild.sources(0, 10);
    long lease = BackendChild.LEASE_SECONDS;

    try (Backend heir = JdbcBackend.open(location)) {
      assertThat(heir.source(sources.get(0)).orElseThrow().leaseOwner()).isEqualTo("crashing");
      assertThat(heir.claim(sources, BackendChild.T0.plusSeconds(lease - 1),
          BackendChild.T0.plusSeconds(2 * lease), "heir")).as("the lease still runs").isEmpty();
      assertThat(heir.claim(sources, BackendChild.T0.plusSeconds(lease),
          BackendChild.T0.plusSeconds(2 * lease), "heir")).containsExactlyElementsOf(sources);
      assertThat(heir.source(sources.get(9)).orElseThrow().leaseOwner()).isEqualTo("heir");
    }
  }

  @Test
  void aMissingDriverIsNamed(@TempDir Path folder) throws Exception {
    String withoutSqlite = classPath(entry -> !entry.contains("sqlite-jdbc"));
    String withoutPostgres = classPath(entry -> !entry.contains("postgresql-"));

    assertThat(Child.start(withoutSqlite, "open", folder.resolve("h.db").toString()).finish())
        .containsExactly("error: history store " + folder.resolve("h.db")
            + ": the SQLite driver org.xerial:sqlite-jdbc is not on the class path");
    assertThat(Child.start(withoutPostgres, "open", "jdbc:postgresql://localhost/x").finish())
        .containsExactly("error: history store jdbc:postgresql://localhost/x: the PostgreSQL"
            + " driver org.postgresql:postgresql is not on the class path");
  }

  private static Set<String> after(String prefix, List<String> lines) {
    return lines.stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length()))
        .collect(Collectors.toSet());
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new HashSet<>(a);
    all.addAll(b);
    return all;
  }

  private static Set<String> intersection(Set<String> a, Set<String> b) {
    Set<String> both = new HashSet<>(a);
    both.retainAll(b);
    return both;
  }

  /** Returns the test class path, whole. */
  private static String classPath() {
    return classPath(entry -> true);
  }

  /** Returns the entries of the test class path that pass a filter, as a class path. */
  private static String classPath(java.util.function.Predicate<String> keep) {
    String all = System.getProperty("surefire.test.class.path",
        System.getProperty("java.class.path"));
    return Stream.of(all.split(File.pathSeparator)).filter(keep)
        .collect(Collectors.joining(File.pathSeparator));
  }

  /** A child JVM running {@link BackendChild}, its output merged and read line by line. */
  private static final class Child {
    final Process process;
    final BufferedReader out;
    final Writer in;
    final List<String> lines = new ArrayList<>();

    private Child(Process process) {
      this.process = process;
      this.out = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    }

    static Child start(String classPath, Object... args) throws IOException {
      List<String> command = new ArrayList<>(List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", classPath,
          BackendChild.class.getName()));
      for (Object arg : args) {
        command.add(String.valueOf(arg));
      }
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      synchronized (STARTED) {
        STARTED.add(process);
      }
      return new Child(process);
    }

    /** Reads lines until this one; fails with what was read if the output ends first. */
    void awaitLine(String expected) throws IOException {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        lines.add(line);
        if (line.equals(expected)) {
          return;
        }
      }
      throw new AssertionError("the child ended without printing " + expected + ": " + lines);
    }

    void tell(String line) throws IOException {
      in.write(line + "\n");
      in.flush();
    }

    /** Reads the rest of the output and waits for the child to end; returns every line. */
    List<String> finish() throws Exception {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        lines.add(line);
      }
      assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("child ended").isTrue();
      return lines;
    }
  }
}
