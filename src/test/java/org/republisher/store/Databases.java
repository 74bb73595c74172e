package org.republisher.store;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Fresh, isolated databases for tests: a new SQLite file, or a new schema in the test PostgreSQL
 * database. Any test class of the project may use it.
 *
 * <p>PostgreSQL is found through the environment variable {@value #POSTGRES_URL}, a JDBC URL with
 * its credentials, e.g. {@code jdbc:postgresql://localhost:5432/republisher_test?user=republisher
 * &password=republisher} ({@code .ci/run} sets up a server and exports it). When it is missing, a
 * test that asks for PostgreSQL is skipped with a message, unless the environment variable {@code
 * CI} is set: under CI the test fails, so that the PostgreSQL tests never silently stop running.
 * That decision is taken in one place, {@link #postgresServer()}.
 *
 * <p>Each {@link #postgres()} makes a schema of its own ({@code CREATE SCHEMA}) and returns the URL
 * with {@code currentSchema} set to it; the schemas this JVM made are dropped when it exits. SQLite
 * files are made in a temporary folder deleted when the JVM exits.
 */
public final class Databases {
  /** The environment variable that holds the test PostgreSQL database's JDBC URL. */
  public static final String POSTGRES_URL = "REPUBLISHER_TEST_POSTGRES_URL";

  private static final String SCHEMA_PREFIX = "republisher_test_";
  private static final List<String> SCHEMAS = new ArrayList<>();
  private static final List<Path> FOLDERS = new ArrayList<>();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(Databases::cleanUp, "databases-clean-up"));
  }

  private Databases() {}

  /** A kind of store, for tests run over each. */
  public enum Kind {
    /** {@link ArticleStore#inMemory()}: no database. */
    MEMORY,
    /** A fresh SQLite file. */
    SQLITE,
    /** A fresh schema in the test PostgreSQL database (see {@link Databases}). */
    POSTGRESQL;

    /**
     * Returns a fresh location of this kind, for {@link ArticleStore#open(String)}; for {@link
     * #MEMORY}, the location that {@link ArticleStore#builder(String)} keeps in memory.
     *
     * @return a location
     */
    public String location() {
      switch (this) {
        case MEMORY:
          return ArticleStore.Builder.IN_MEMORY;
        case SQLITE:
          return sqlite();
        default:
          return postgres();
      }
    }
  }

  /** Opens a fresh backend of a kind. */
  static Backend backend(Kind kind) {
    return kind == Kind.MEMORY ? new MemoryBackend() : JdbcBackend.open(kind.location());
  }

  /**
   * Returns the location of a new SQLite file (not yet made) in a new temporary folder.
   *
   * @return a file path
   */
  public static String sqlite() {
    try {
      Path folder = Files.createTempDirectory("republisher-store-");
      synchronized (FOLDERS) {
        FOLDERS.add(folder);
      }
      return folder.resolve("history.db").toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Returns the location of a new SQLite file (not yet made) in a folder.
   *
   * @param folder where to put it, e.g. a JUnit {@code @TempDir}
   * @return a file path
   */
  public static String sqlite(Path folder) {
    return folder.resolve("history-" + Long.toHexString(ThreadLocalRandom.current().nextLong())
        + ".db").toString();
  }

  /**
   * Returns the JDBC URL of a new, empty schema in the test PostgreSQL database.
   *
   * @return a {@code jdbc:postgresql:} URL with credentials and {@code currentSchema}
   * @throws org.opentest4j.TestAbortedException (the test is skipped) when {@value #POSTGRES_URL}
   *     is not set outside CI
   */
  public static String postgres() {
    String server = postgresServer();
    String schema = SCHEMA_PREFIX + ProcessHandle.current().pid() + "_"
        + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    try (Connection c = DriverManager.getConnection(server);
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot make a schema in the test PostgreSQL database "
          + JdbcLocation.withoutPassword(server) + ": " + e.getMessage(), e);
    }
    synchronized (SCHEMAS) {
      SCHEMAS.add(schema);
    }
    return server + (server.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  /**
   * Returns the test PostgreSQL database's URL: the one place that skips or fails a test without
   * it.
   */
  public static String postgresServer() {
    String url = System.getenv(POSTGRES_URL);
    if (url == null || url.isBlank()) {
      String why = POSTGRES_URL + " is not set: it names the PostgreSQL database the tests use"
          + " (.ci/run sets one up)";
      String ci = System.getenv("CI");
      if (ci != null && !ci.isBlank() && !ci.toLowerCase(Locale.ROOT).equals("false")) {
        fail(why + "; CI is set, so the PostgreSQL tests must run");
      }
      Assumptions.abort(why + "; PostgreSQL tests skipped");
    }
    return url;
  }

  private static void cleanUp() {
    List<String> schemas;
    synchronized (SCHEMAS) {
      schemas = List.copyOf(SCHEMAS);
    }
    if (!schemas.isEmpty()) {
      try (Connection c = DriverManager.getConnection(System.getenv(POSTGRES_URL));
          Statement s = c.createStatement()) {
        for (String schema : schemas) {
          s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
      } catch (SQLException e) {
        System.err.println("cannot drop the test schemas " + schemas + ": " + e.getMessage());
      }
    }
    List<Path> folders;
    synchronized (FOLDERS) {
      folders = List.copyOf(FOLDERS);
    }
    for (Path folder : folders) {
      try (Stream<Path> files = Files.walk(folder)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        // left for the system's temporary folder cleaning
      }
    }
  }
}
