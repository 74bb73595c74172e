package org.republisher.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.republisher.internal.History.Entry;

/**
 * What only the JDBC backends do: locations, errors in the user's words, migrations, and the order
 * of sequence numbers across transactions.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES, threadMode = ThreadMode.SEPARATE_THREAD) // hang guard
class JdbcBackendTest {

  private static Connection connect(String location) throws SQLException {
    JdbcLocation where = JdbcLocation.parse(location);
    return DriverManager.getConnection(where.url());
  }

  private static List<List<String>> rows(String location, String sql) throws SQLException {
    try (Connection c = connect(location);
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      List<List<String>> rows = new ArrayList<>();
      int columns = r.getMetaData().getColumnCount();
      while (r.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          row.add(r.getString(i));
        }
        rows.add(row);
      }
      return rows;
    }
  }

  private static void execute(String location, String sql) throws SQLException {
    try (Connection c = connect(location); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  @Test
  void aFilePathMakesTheFileAndItsFoldersInWalMode(@TempDir Path folder) throws Exception {
    Path file = folder.resolve("a/b/history.db");

    JdbcBackend.open(file.toString()).close();

    assertThat(file).isRegularFile();
    assertThat(rows(file.toString(), "PRAGMA journal_mode")).containsExactly(List.of("wal"));
  }

  @Test
  void aSqliteUrlOpensTheSameFile(@TempDir Path folder) {
    Path file = folder.resolve("history.db");
    try (Backend b = JdbcBackend.open(file.toString())) {
      b.apply(BackendContractTest.inserts("feed", BackendContractTest.row("k", "feed", "h")));
    }

    try (Backend b = JdbcBackend.open("jdbc:sqlite:" + file)) {
      assertThat(b.catalog()).hasSize(1);
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = Databases.Kind.class, names = {"SQLITE", "POSTGRESQL"})
  void aNewDatabaseIsMigratedOnceAndReopeningChangesNothing(Databases.Kind kind)
      throws Exception {
    String location = kind.location();
    try (Backend b = JdbcBackend.open(location)) {
      b.apply(BackendContractTest.inserts("feed", BackendContractTest.row("k", "feed", "h")));
    }
    List<List<String>> history = rows(location, "SELECT version, script, checksum, applied FROM "
        + Migrations.HISTORY_TABLE);

    try (Backend b = JdbcBackend.open(location)) {
      assertThat(b.catalog()).extracting(Entry::seq).hasSize(1);
    }

    assertThat(history).hasSize(Migrations.LATEST);
    assertThat(history.get(0).subList(0, 2)).containsExactly("1", "V1__history.sql");
    assertThat(rows(location, "SELECT version, script, checksum, applied FROM "
        + Migrations.HISTORY_TABLE)).isEqualTo(history);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = Databases.Kind.class, names = {"SQLITE", "POSTGRESQL"})
  void aSchemaNewerThanThisCodeIsRefused(Databases.Kind kind) throws Exception {
    String location = kind.location();
    JdbcBackend.open(location).close();
    int newer = Migrations.LATEST + 1;
    execute(location, "INSERT INTO " + Migrations.HISTORY_TABLE
        + " (version, script, checksum, applied) VALUES (" + newer + ", 'V" + newer
        + "__later.sql', '0', 0)");

    assertThatThrownBy(() -> JdbcBackend.open(location))
        .isInstanceOf(StoreException.class)
        .hasMessageEndingWith(": schema version " + newer + " is newer than this republisher"
            + " knows (" + Migrations.LATEST + "): upgrade republisher");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = Databases.Kind.class, names = {"SQLITE", "POSTGRESQL"})
  void aVersionMadeByAnotherScriptIsRefused(Databases.Kind kind) throws Exception {
    String location = kind.location();
    JdbcBackend.open(location).close();
    execute(location, "UPDATE " + Migrations.HISTORY_TABLE + " SET checksum = 'cafe0000'");

    assertThatThrownBy(() -> JdbcBackend.open(location))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("schema version 1 was made by another script than this"
            + " republisher's V1__history.sql (checksum cafe0000");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = Databases.Kind.class, names = {"SQLITE", "POSTGRESQL"})
  void instancesOpeningANewDatabaseAtOnceMigrateItOnce(Databases.Kind kind) throws Exception {
    String location = kind.location();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<Backend>> opens = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        opens.add(() -> JdbcBackend.open(location));
      }
      for (Future<Backend> opened : pool.invokeAll(opens)) {
        opened.get().close();
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(rows(location, "SELECT version FROM " + Migrations.HISTORY_TABLE))
        .containsExactly(List.of("1"));
  }

  @Test
  void statementsSplitAtSemicolonsEndingALine() {
    assertThat(Migrations.statements("-- a comment; not a statement\nCREATE TABLE a (x TEXT);\n"
        + "\n  -- indented comment\nCREATE INDEX b\n  ON a (x);   \nSELECT ';'"))
        .containsExactly("CREATE TABLE a (x TEXT)", "CREATE INDEX b\n  ON a (x)", "SELECT ';'");
  }

  @Test
  void anUnreachableServerIsNamedWithoutThePassword() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    String url = "jdbc:postgresql://localhost:" + port + "/history?user=rp&password=s3cret";

    assertThatThrownBy(() -> JdbcBackend.open(url))
        .isInstanceOf(StoreException.class)
        .hasMessage("history store jdbc:postgresql://localhost:" + port + "/history?user=rp:"
            + " cannot connect to the PostgreSQL server at localhost:" + port
            + ": connection refused")
        .satisfies(e -> assertThat(((StoreException) e).location()).doesNotContain("s3cret"));
  }

  @Test
  void aWrongPasswordIsARefusedLoginAndIsNotShown() {
    String server = Databases.postgresServer();
    String url = server.replaceAll("password=[^&]*", "password=wrong-s3cret");

    assertThatThrownBy(() -> JdbcBackend.open(url))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("refused the login: password authentication failed")
        .message().doesNotContain("wrong-s3cret");
  }

  @Test
  void aFileThatIsNotADatabaseIsNamed(@TempDir Path folder) throws Exception {
    Path file = folder.resolve("notes.txt");
    Files.writeString(file, "not a database, but long enough to have a header ".repeat(10));

    assertThatThrownBy(() -> JdbcBackend.open(file.toString()))
        .isInstanceOf(StoreException.class)
        .hasMessage("history store " + file + ": cannot open the store and migrate its schema:"
            + " the SQLite file " + file + " is not a SQLite database, or is damaged");
  }

  @Test
  void aFolderThatCannotBeMadeIsNamed(@TempDir Path folder) throws Exception {
    Path blocker = folder.resolve("blocker");
    Files.writeString(blocker, "a file where a folder should be");
    String location = blocker.resolve("history.db").toString();

    assertThatThrownBy(() -> JdbcBackend.open(location))
        .isInstanceOf(StoreException.class)
        .hasMessageStartingWith("history store " + location + ": cannot make the folder "
            + blocker);
  }

  @Test
  void otherLocationsAreRefused() {
    assertThatThrownBy(() -> JdbcBackend.open("jdbc:mysql://db/history?password=x"))
        .isInstanceOf(StoreException.class)
        .hasMessage("history store jdbc:mysql://db/history: not a store location: give a SQLite"
            + " file path, a jdbc:sqlite: URL or a jdbc:postgresql: URL");
    assertThatThrownBy(() -> JdbcBackend.open("jdbc:sqlite::memory:"))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("an in-memory SQLite database is forgotten between connections");
  }

  @Test
  void passwordsAreLeftOutOfShownLocations() {
    assertThat(JdbcLocation.withoutPassword(
        "jdbc:postgresql://db:5433/h?user=rp&password=x&ssl=true&sslpassword=y"))
        .isEqualTo("jdbc:postgresql://db:5433/h?user=rp&ssl=true");
    assertThat(JdbcLocation.withoutPassword("jdbc:postgresql://db/h?password=x"))
        .isEqualTo("jdbc:postgresql://db/h");
    assertThat(JdbcLocation.withoutPassword("jdbc:postgresql://rp:x@db/h"))
        .isEqualTo("jdbc:postgresql://rp@db/h");
    assertThat(JdbcLocation.parse("jdbc:postgresql://db/h").server()).isEqualTo("db:5432");
    assertThat(JdbcLocation.parse("jdbc:postgresql:h").server()).isEqualTo("localhost:5432");
    assertThat(JdbcLocation.parse("jdbc:postgresql://[::1]:6000/h").server())
        .isEqualTo("[::1]:6000");
  }

  @Test
  void aClosedStoreSaysSo(@TempDir Path folder) {
    Backend backend = JdbcBackend.open(folder.resolve("h.db").toString());
    backend.close();

    assertThatThrownBy(() -> backend.sightings("feed"))
        .isInstanceOf(StoreException.class)
        .hasMessageEndingWith("cannot read the sightings of feed: the store is closed");
  }

  @Test
  void aTransactionInsertingArticlesWaitsForTheOneBeforeIt() throws Exception {
    String location = Databases.postgres();
    try (Backend backend = JdbcBackend.open(location);
        Connection earlier = connect(location);
        Connection watcher = connect(location)) {
      earlier.setAutoCommit(false);
      Dialect.POSTGRESQL.lockSequence(earlier);
      try (Statement s = earlier.createStatement()) {
        s.execute("INSERT INTO article (article_key, id, source_id, first_seen, published,"
            + " updated, hash, categories, article_json, normalized_json, normalized_with)"
            + " VALUES ('earlier', 'e', 'feed', 0, 0, 0, 'h', '[]', '{}', '{}', 'p')");
      }
      ExecutorService later = Executors.newSingleThreadExecutor();
      try {
        Future<?> insert = later.submit(() -> backend.apply(
            BackendContractTest.inserts("feed", BackendContractTest.row("later", "feed", "h"))));
        // the later insert must wait for the earlier transaction's lock, not commit before it
        while (!waitsForAnAdvisoryLock(watcher)) {
          assertThat(insert.isDone()).as("the later insert committed first").isFalse();
          Thread.sleep(10);
        }
        earlier.commit();
        insert.get();
      } finally {
        later.shutdownNow();
      }

      List<Entry> catalog = backend.catalog();
      assertThat(backend.bySeq(catalog.stream().mapToLong(Entry::seq).toArray()))
          .extracting(Backend.StoredArticle::key).containsExactly("earlier", "later");
    }
  }

  private static boolean waitsForAnAdvisoryLock(Connection watcher) throws SQLException {
    try (PreparedStatement s = watcher.prepareStatement(
        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
            + " AND classid::bigint = ? AND objid = hashtext(current_schema())::oid")) {
      s.setLong(1, 0x72707371L); // the sequence lock, of this schema
      try (ResultSet r = s.executeQuery()) {
        return r.next() && r.getInt(1) > 0;
      }
    }
  }
}
