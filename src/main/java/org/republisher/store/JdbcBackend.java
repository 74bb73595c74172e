package org.republisher.store;

/** Placeholder: the JDBC backend (SQLite and PostgreSQL) is being written on branch store-jdbc. */
final class JdbcBackend {
  private JdbcBackend() {}

  static Backend open(String location) {
    throw new StoreException(location, "JDBC stores are not built yet", null);
  }
}
