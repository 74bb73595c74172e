package org.republisher.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.stream.Stream;

/** The backends the store benchmarks run on. */
final class StoreBench {
  private StoreBench() {}

  static Backend backend(String name, Path dir) {
    return switch (name) {
      case "memory" -> new MemoryBackend();
      case "sqlite" -> JdbcBackend.open(dir.resolve("history.db").toString());
      case "postgresql" -> {
        String url = System.getenv("REPUBLISHER_TEST_POSTGRES_URL");
        if (url == null) {
          throw new IllegalStateException("set REPUBLISHER_TEST_POSTGRES_URL to a JDBC URL");
        }
        emptied(url);
        yield JdbcBackend.open(url);
      }
      default -> throw new IllegalArgumentException("no backend " + name);
    };
  }

  /** Drops what an earlier run left in the database's public schema. */
  private static void emptied(String url) {
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA public CASCADE");
      s.execute("CREATE SCHEMA public");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot empty " + url.replaceAll("password=[^&]*", ""), e);
    }
  }

  static void delete(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
