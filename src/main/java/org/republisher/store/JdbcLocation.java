package org.republisher.store;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Where a JDBC store is, read from the location a user gave: its dialect, the JDBC URL to connect
 * to, the location as shown in messages (without any password), and for SQLite the file. Also
 * turns the drivers' failures into messages in the user's words.
 *
 * @param dialect SQLite or PostgreSQL
 * @param url the JDBC URL
 * @param shown the location without credentials
 * @param file the SQLite file, or {@code null} for PostgreSQL (or a {@code file:} URI)
 * @param server PostgreSQL's {@code host:port}, or the SQLite file's path
 */
record JdbcLocation(Dialect dialect, String url, String shown, @Nullable Path file, String server) {
  private static final String SQLITE = "jdbc:sqlite:";
  private static final String POSTGRESQL = "jdbc:postgresql:";

  /**
   * Reads a location: a file path or {@code jdbc:sqlite:PATH} (SQLite), or a {@code
   * jdbc:postgresql:} URL.
   *
   * @throws StoreException when it is neither
   */
  static JdbcLocation parse(String location) {
    if (location.startsWith(POSTGRESQL)) {
      return new JdbcLocation(
          Dialect.POSTGRESQL, location, withoutPassword(location), null, server(location));
    }
    String path;
    if (location.startsWith(SQLITE)) {
      path = location.substring(SQLITE.length());
    } else if (location.startsWith("jdbc:") || location.contains("://")) {
      throw new StoreException(withoutPassword(location), "not a store location: give a SQLite"
          + " file path, a jdbc:sqlite: URL or a jdbc:postgresql: URL", null);
    } else {
      path = location;
    }
    int query = path.indexOf('?');
    String file = query < 0 ? path : path.substring(0, query);
    if (file.isEmpty() || file.equals(":memory:") || path.contains("mode=memory")) {
      throw new StoreException(location, "an in-memory SQLite database is forgotten between"
          + " connections: give a file, or use ArticleStore.inMemory()", null);
    }
    Path filePath = file.startsWith("file:") ? null : Path.of(file);
    return new JdbcLocation(Dialect.SQLITE, SQLITE + path, location, filePath, file);
  }

  /** Returns the URL with every parameter whose name holds "password" left out. */
  static String withoutPassword(String url) {
    int query = url.indexOf('?');
    String base = query < 0 ? url : url.substring(0, query);
    int at = base.indexOf('@');
    int authority = base.indexOf("//");
    if (at > authority && authority >= 0 && base.lastIndexOf(':', at) > authority) {
      base = base.substring(0, base.lastIndexOf(':', at)) + base.substring(at); // user:pass@
    }
    if (query < 0) {
      return base;
    }
    StringBuilder kept = new StringBuilder(base);
    char separator = '?';
    for (String parameter : url.substring(query + 1).split("&", -1)) {
      String name = parameter.split("=", 2)[0].toLowerCase(Locale.ROOT);
      if (!name.contains("password") && !parameter.isEmpty()) {
        kept.append(separator).append(parameter);
        separator = '&';
      }
    }
    return kept.toString();
  }

  /** Returns the host and port of a PostgreSQL URL, with the default port when it has none. */
  private static String server(String url) {
    String rest = url.substring(POSTGRESQL.length());
    if (!rest.startsWith("//")) {
      return "localhost:5432";
    }
    int end = rest.length();
    for (char c : new char[] {'/', '?'}) {
      int i = rest.indexOf(c, 2);
      if (i >= 0 && i < end) {
        end = i;
      }
    }
    String hosts = rest.substring(2, end);
    hosts = hosts.substring(hosts.lastIndexOf('@') + 1);
    if (hosts.isEmpty()) {
      return "localhost:5432";
    }
    return hosts.contains(":") || hosts.contains(",") ? hosts : hosts + ":5432";
  }

  /** Returns the error that the driver is not on the class path. */
  StoreException missingDriver(Throwable cause) {
    return new StoreException(shown, "the " + dialect.product + " driver " + dialect.driverArtifact
        + " is not on the class path", cause);
  }

  /**
   * Returns a failure in the user's words.
   *
   * @param doing what was being done, e.g. "cannot read the sources"
   * @param e the driver's failure
   */
  StoreException failure(String doing, SQLException e) {
    return new StoreException(shown, describe(doing, e), e);
  }

  private String describe(String doing, SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    if (dialect == Dialect.POSTGRESQL) {
      Throwable network = network(e);
      String at = "the PostgreSQL server at " + server;
      if (network instanceof ConnectException || network instanceof NoRouteToHostException) {
        return "cannot connect to " + at + ": " + lower(network.getMessage(), "refused");
      }
      if (network instanceof UnknownHostException) {
        return "cannot connect to " + at + ": unknown host " + network.getMessage();
      }
      if (network instanceof SocketTimeoutException) {
        return "cannot connect to " + at + ": timed out";
      }
      if (state.startsWith("28")) {
        return at + " refused the login: " + serverMessage(e);
      }
      if (state.equals("3D000")) {
        return "cannot connect to " + at + ": " + serverMessage(e);
      }
      if (state.startsWith("08")) {
        return doing + ": the connection to " + at + " failed: " + serverMessage(e);
      }
      return doing + ": " + serverMessage(e);
    }
    String file = "the SQLite file " + server;
    switch (e.getErrorCode() & 0xff) {
      case 5: // SQLITE_BUSY
      case 6: // SQLITE_LOCKED
        return doing + ": " + file + " stayed locked by another writer for longer than "
            + Connector.BUSY_TIMEOUT.toSeconds() + " s";
      case 8: // SQLITE_READONLY
        return doing + ": " + file + " is read-only";
      case 11: // SQLITE_CORRUPT
      case 26: // SQLITE_NOTADB
        return doing + ": " + file + " is not a SQLite database, or is damaged";
      case 13: // SQLITE_FULL
        return doing + ": the disk of " + file + " is full";
      case 14: // SQLITE_CANTOPEN
        return "cannot open " + file + ": " + serverMessage(e);
      default:
        return doing + ": " + serverMessage(e);
    }
  }

  private static @Nullable Throwable network(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ConnectException || t instanceof UnknownHostException
          || t instanceof SocketTimeoutException || t instanceof NoRouteToHostException) {
        return t;
      }
    }
    return null;
  }

  private static String lower(@Nullable String message, String otherwise) {
    if (message == null || message.isBlank()) {
      return "connection " + otherwise;
    }
    String m = message.replaceFirst(" \\(.*\\)$", "");
    return m.substring(0, 1).toLowerCase(Locale.ROOT) + m.substring(1);
  }

  /** Returns the driver's message without its severity prefix and its hints. */
  private static String serverMessage(SQLException e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    message = message.replaceFirst("^(FATAL|ERROR): +", "").replaceFirst("^\\[[A-Z_]+\\] +", "");
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
