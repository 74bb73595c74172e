package org.republisher.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;

/**
 * What differs between the two databases of {@link JdbcBackend}: the driver, the migration folder,
 * how a list is passed as one parameter, how a writing transaction starts, and the locking that
 * keeps sequence numbers in commit order and claims exclusive. Everything else is the same SQL.
 */
enum Dialect {
  /**
   * SQLite through xerial's driver. A writing transaction is {@code BEGIN IMMEDIATE}: it takes the
   * file's write lock at once (waiting up to the busy timeout), so two processes on one file never
   * interleave a claim or a sequence of inserts.
   */
  SQLITE("SQLite", "org.sqlite.JDBC", "org.xerial:sqlite-jdbc", "sqlite",
      "(SELECT value AS v FROM json_each(?))", "") {
    @Override
    void bindTexts(Connection c, PreparedStatement s, int index, Collection<String> values)
        throws SQLException {
      s.setString(index, JsonLists.texts(values));
    }

    @Override
    void bindLongs(Connection c, PreparedStatement s, int index, long[] values)
        throws SQLException {
      s.setString(index, JsonLists.longs(values));
    }

    @Override
    void begin(Connection c) throws SQLException {
      try (Statement s = c.createStatement()) {
        s.execute("BEGIN IMMEDIATE");
      }
    }

    @Override
    void commit(Connection c) throws SQLException {
      try (Statement s = c.createStatement()) {
        s.execute("COMMIT");
      }
    }

    @Override
    void rollback(Connection c) throws SQLException {
      // fails when SQLite has already rolled back on its own; the caller ignores that
      try (Statement s = c.createStatement()) {
        s.execute("ROLLBACK");
      }
    }

    @Override
    void lockSequence(Connection c) {
      // BEGIN IMMEDIATE already holds the only write lock
    }

    @Override
    void lockMigrations(Connection c) {
      // BEGIN IMMEDIATE already holds the only write lock
    }
  },

  /**
   * PostgreSQL through pgjdbc. A transaction that inserts articles first takes a transaction-level
   * advisory lock (one per schema), so sequence numbers are handed out in commit order; claims lock
   * the due rows with {@code FOR UPDATE SKIP LOCKED}.
   */
  POSTGRESQL("PostgreSQL", "org.postgresql.Driver", "org.postgresql:postgresql", "postgresql",
      "(SELECT unnest(?) AS v)", " FOR UPDATE SKIP LOCKED") {
    @Override
    void bindTexts(Connection c, PreparedStatement s, int index, Collection<String> values)
        throws SQLException {
      s.setArray(index, c.createArrayOf("text", values.toArray()));
    }

    @Override
    void bindLongs(Connection c, PreparedStatement s, int index, long[] values)
        throws SQLException {
      Long[] boxed = new Long[values.length];
      for (int i = 0; i < values.length; i++) {
        boxed[i] = values[i];
      }
      s.setArray(index, c.createArrayOf("bigint", boxed));
    }

    @Override
    void begin(Connection c) throws SQLException {
      c.setAutoCommit(false);
    }

    @Override
    void commit(Connection c) throws SQLException {
      c.commit();
      c.setAutoCommit(true);
    }

    @Override
    void rollback(Connection c) throws SQLException {
      if (!c.getAutoCommit()) {
        c.rollback();
        c.setAutoCommit(true);
      }
    }

    @Override
    void lockSequence(Connection c) throws SQLException {
      advisoryLock(c, SEQUENCE_LOCK);
    }

    @Override
    void lockMigrations(Connection c) throws SQLException {
      advisoryLock(c, MIGRATION_LOCK);
    }

    /** Takes a transaction-level advisory lock of a class, for the connection's schema. */
    private void advisoryLock(Connection c, int lockClass) throws SQLException {
      try (Statement s = c.createStatement()) {
        s.execute("SELECT pg_advisory_xact_lock(" + lockClass
            + ", hashtext(coalesce(current_schema(), '')))");
      }
    }
  };

  /** The advisory lock class of the article sequence: "rpsq" in ASCII. */
  private static final int SEQUENCE_LOCK = 0x72707371;
  /** The advisory lock class of migrations: "rpmg" in ASCII. */
  private static final int MIGRATION_LOCK = 0x72706d67;

  /** The database's name, as users know it. */
  final String product;
  /** The JDBC driver's class. */
  final String driverClass;
  /** The Maven coordinates of the driver, for the error that it is missing. */
  final String driverArtifact;
  /** The folder of this dialect's migrations under {@code org/republisher/store/migration}. */
  final String migrations;
  /** A subquery of one column {@code v} over the list bound to its one parameter. */
  final String list;
  /** What a claim's {@code SELECT} ends with, to lock the rows it claims. */
  final String lockClaimed;

  Dialect(String product, String driverClass, String driverArtifact, String migrations,
      String list, String lockClaimed) {
    this.product = product;
    this.driverClass = driverClass;
    this.driverArtifact = driverArtifact;
    this.migrations = migrations;
    this.list = list;
    this.lockClaimed = lockClaimed;
  }

  /** Binds texts as the parameter of {@link #list}. */
  abstract void bindTexts(Connection c, PreparedStatement s, int index, Collection<String> values)
      throws SQLException;

  /** Binds numbers as the parameter of {@link #list}. */
  abstract void bindLongs(Connection c, PreparedStatement s, int index, long[] values)
      throws SQLException;

  /** Starts a writing transaction. */
  abstract void begin(Connection c) throws SQLException;

  /** Commits the transaction {@link #begin} started. */
  abstract void commit(Connection c) throws SQLException;

  /** Rolls back the transaction {@link #begin} started, if it is still open. */
  abstract void rollback(Connection c) throws SQLException;

  /** Makes the transaction the only one handing out article sequence numbers until it ends. */
  abstract void lockSequence(Connection c) throws SQLException;

  /** Makes the transaction the only one migrating the schema until it ends. */
  abstract void lockMigrations(Connection c) throws SQLException;
}
