package org.republisher.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The backends the store benchmarks run on. */
final class StoreBench {
  private StoreBench() {}

  /**
   * Opens a fresh backend: {@code memory}; {@code sqlite}, a file in {@code dir}; {@code
   * postgresql}, a new schema in the database of {@code REPUBLISHER_TEST_POSTGRES_URL} (dropped
   * when the JVM exits).
   */
  static Backend backend(String name, Path dir) {
    return switch (name) {
      case "memory" -> new MemoryBackend();
      case "sqlite" -> JdbcBackend.open(dir.resolve("history.db").toString());
      case "postgresql" -> {
        if (System.getenv(Databases.POSTGRES_URL) == null) {
          throw new IllegalStateException("set " + Databases.POSTGRES_URL + " to a JDBC URL");
        }
        yield JdbcBackend.open(Databases.postgres());
      }
      default -> throw new IllegalArgumentException("no backend " + name);
    };
  }

  static void delete(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
