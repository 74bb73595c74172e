package org.republisher.store;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings a store's schema to the version this republisher knows, with Flyway: the scripts in {@code
 * org/republisher/store/migration/DIALECT/}, recorded in the table {@code schema_history}. Only
 * this class touches Flyway, so that Flyway is loaded only when a JDBC store is opened.
 */
final class Migrations {
  /** The newest schema version this republisher knows: the highest {@code V<n>__} script. */
  static final int LATEST = 1;

  /** The table Flyway records the applied versions in. */
  static final String HISTORY_TABLE = "schema_history";

  private static final int ATTEMPTS = 3;

  private Migrations() {}

  /**
   * Migrates the store's schema to {@link #LATEST}; does nothing when it is there already.
   *
   * <p>Flyway must be on the class path: {@link JdbcBackend} checks it before this class loads.
   *
   * @throws StoreException when a migration fails, or the schema is newer than {@link #LATEST}
   */
  static void migrate(JdbcLocation location, Connector connector) {
    Flyway flyway = Flyway.configure(Migrations.class.getClassLoader())
        .dataSource(connector)
        .locations("classpath:org/republisher/store/migration/" + location.dialect().migrations)
        .table(HISTORY_TABLE)
        .failOnMissingLocations(true)
        .load();
    MigrateResult result = run(flyway, location);
    String before = result.initialSchemaVersion;
    if (before != null && before.matches("\\d+") && Long.parseLong(before) > LATEST) {
      throw new StoreException(location.shown(), "schema version " + before
          + " is newer than this republisher knows (" + LATEST + "): upgrade republisher", null);
    }
  }

  /**
   * Runs the migration; with SQLite, again when another process made the same tables at the same
   * moment (Flyway locks PostgreSQL itself, not SQLite).
   */
  private static MigrateResult run(Flyway flyway, JdbcLocation location) {
    for (int attempt = 1; ; attempt++) {
      try {
        return flyway.migrate();
      } catch (FlywayException e) {
        if (location.dialect() != Dialect.SQLITE || attempt == ATTEMPTS) {
          throw new StoreException(location.shown(), "cannot migrate the schema to version "
              + LATEST + ": " + firstLine(e), e);
        }
      }
    }
  }

  private static String firstLine(Throwable e) {
    String message = String.valueOf(e.getMessage()).strip();
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
