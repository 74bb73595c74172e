package org.republisher.store;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

/**
 * Opens new connections to one store, set up for it: SQLite in WAL mode with a busy timeout and
 * {@code synchronous=NORMAL}; PostgreSQL with a connect timeout and an application name.
 * Thread-safe.
 */
final class Connector {
  /** How long a SQLite writer waits for another one to finish. */
  static final Duration BUSY_TIMEOUT = Duration.ofSeconds(10);

  private final Driver driver;
  private final String url;
  private final Properties properties = new Properties();

  /**
   * Loads the driver of the location's dialect.
   *
   * @throws StoreException when the driver is not on the class path
   */
  Connector(JdbcLocation location) {
    this.url = location.url();
    try {
      Class<?> type = Class.forName(
          location.dialect().driverClass, true, Connector.class.getClassLoader());
      this.driver = (Driver) type.getConstructor().newInstance();
    } catch (ClassNotFoundException | NoClassDefFoundError e) {
      throw location.missingDriver(e);
    } catch (ReflectiveOperationException e) {
      throw new StoreException(location.shown(), "cannot load the " + location.dialect().product
          + " driver: " + e, e);
    }
    if (location.dialect() == Dialect.SQLITE) {
      properties.setProperty("journal_mode", "WAL");
      properties.setProperty("synchronous", "NORMAL");
      properties.setProperty("busy_timeout", Long.toString(BUSY_TIMEOUT.toMillis()));
    } else {
      properties.setProperty("ApplicationName", "republisher");
      properties.setProperty("connectTimeout", "10");
      properties.setProperty("tcpKeepAlive", "true");
    }
  }

  /** Opens a new connection, in auto-commit mode. */
  Connection open() throws SQLException {
    Connection c = driver.connect(url, properties);
    if (c == null) {
      throw new SQLException("the driver does not take this URL", "08001");
    }
    return c;
  }
}
