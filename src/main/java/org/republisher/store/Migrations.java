package org.republisher.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a store's schema to the version this republisher knows: the scripts {@code
 * org/republisher/store/migration/DIALECT/V<n>__<name>.sql}, applied in order, each recorded with
 * a checksum in the table {@code schema_history}. All of it is one transaction that holds the
 * database's migration lock (PostgreSQL: a transaction-level advisory lock; SQLite: {@code BEGIN
 * IMMEDIATE}), so several instances opening one new database at once migrate it once, and a failed
 * migration leaves the schema as it was (both databases have transactional DDL).
 *
 * <p>Why not Flyway: measured on this project's machine, Flyway made the first open in a fresh JVM
 * (every run of the command) 1.3 to 2.9 s slower and a reopen in a warm one 3 to 12 times slower,
 * did not lock SQLite against two processes migrating one file at once, and logged six INFO lines
 * per open. The scripts are plain DDL and both databases run DDL in transactions, so this class is
 * all a migration needs. A script's statements each end with a semicolon at the end of a line.
 */
final class Migrations {
  private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

  /** The scripts, oldest first: script {@code i} makes schema version {@code i + 1}. */
  static final List<String> SCRIPTS = List.of("V1__history.sql");

  /** The newest schema version this republisher knows. */
  static final int LATEST = SCRIPTS.size();

  /** The table that records the applied versions. */
  static final String HISTORY_TABLE = "schema_history";

  private Migrations() {}

  /**
   * Migrates the store's schema to {@link #LATEST}; only reads when it is there already.
   *
   * @param location the store
   * @param c a connection in auto-commit mode, left in it
   * @throws StoreException when the schema is newer than {@link #LATEST}, or an applied version was
   *     made by another script than this republisher's
   * @throws SQLException when the database fails
   */
  static void migrate(JdbcLocation location, Connection c) throws SQLException {
    Dialect dialect = location.dialect();
    dialect.begin(c);
    boolean done = false;
    try {
      dialect.lockMigrations(c);
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TABLE IF NOT EXISTS " + HISTORY_TABLE + " (version INTEGER NOT NULL"
            + " PRIMARY KEY, script TEXT NOT NULL, checksum TEXT NOT NULL,"
            + " applied BIGINT NOT NULL)");
      }
      Map<Integer, String> applied = applied(c);
      int current = applied.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
      if (current > LATEST) {
        throw new StoreException(location.shown(), "schema version " + current
            + " is newer than this republisher knows (" + LATEST + "): upgrade republisher", null);
      }
      for (int version = 1; version <= LATEST; version++) {
        String name = SCRIPTS.get(version - 1);
        String script = script(dialect, name);
        String checksum = checksum(script);
        String was = applied.get(version);
        if (was == null) {
          apply(c, version, name, script, checksum);
        } else if (!was.equals(checksum)) {
          throw new StoreException(location.shown(), "schema version " + version
              + " was made by another script than this republisher's " + name + " (checksum "
              + was + ", expected " + checksum + ")", null);
        }
      }
      dialect.commit(c);
      done = true;
      if (current < LATEST) {
        LOG.info("history store {}: schema migrated from version {} to {}", location.shown(),
            current, LATEST);
      }
    } finally {
      if (!done) {
        try {
          dialect.rollback(c);
        } catch (SQLException e) {
          // the failure that brought us here is the one to report
        }
      }
    }
  }

  private static Map<Integer, String> applied(Connection c) throws SQLException {
    Map<Integer, String> applied = new HashMap<>();
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT version, checksum FROM " + HISTORY_TABLE)) {
      while (r.next()) {
        applied.put(r.getInt(1), r.getString(2));
      }
    }
    return applied;
  }

  private static void apply(Connection c, int version, String name, String script,
      String checksum) throws SQLException {
    try (Statement s = c.createStatement()) {
      for (String statement : statements(script)) {
        s.execute(statement);
      }
    }
    try (PreparedStatement s = c.prepareStatement("INSERT INTO " + HISTORY_TABLE
        + " (version, script, checksum, applied) VALUES (?, ?, ?, ?)")) {
      s.setInt(1, version);
      s.setString(2, name);
      s.setString(3, checksum);
      s.setLong(4, Clock.systemUTC().instant().getEpochSecond());
      s.executeUpdate();
    }
  }

  /** Returns a script's statements: comment lines dropped, split at a semicolon ending a line. */
  static List<String> statements(String script) {
    StringBuilder sql = new StringBuilder();
    for (String line : script.split("\n")) {
      if (!line.strip().startsWith("--")) {
        sql.append(line).append('\n');
      }
    }
    return List.of(sql.toString().split(";\\s*\n")).stream()
        .map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  private static String script(Dialect dialect, String name) {
    String path = "migration/" + dialect.migrations + "/" + name;
    try (InputStream in = Migrations.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("the migration " + path + " is not in the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String checksum(String script) {
    CRC32 crc = new CRC32();
    crc.update(script.getBytes(StandardCharsets.UTF_8));
    return String.format("%08x", crc.getValue());
  }
}
