package org.republisher.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.republisher.internal.History.Entry;

/**
 * The history in a SQLite file or a PostgreSQL database, over JDBC: the same tables and the same
 * SQL for both (see {@link Dialect} for the few differences). Instants are epoch seconds, JSON is
 * text. Opening creates the file and its folders (SQLite) and migrates the schema ({@link
 * Migrations}). Thread-safe: each method borrows a connection from a small pool and is one
 * statement or one transaction.
 */
final class JdbcBackend implements Backend {
  /** Connections kept open: enough for a few parallel fetches to record at once. */
  static final int POOL_SIZE = 4;

  private static final String ARTICLE_COLUMNS = "seq, article_key, id, source_id, first_seen,"
      + " published, updated, hash, publication, language, categories, article_json,"
      + " normalized_json, normalized_with";
  private static final String INSERT_ARTICLE = "INSERT INTO article (article_key, id, source_id,"
      + " first_seen, published, updated, hash, publication, language, categories, article_json,"
      + " normalized_json, normalized_with) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
      + " ON CONFLICT (article_key) DO NOTHING";
  private static final String UPDATE_ARTICLE = "UPDATE article SET updated = ?, hash = ?,"
      + " publication = ?, language = ?, categories = ?, article_json = ?, normalized_json = ?,"
      + " normalized_with = ? WHERE article_key = ?";
  private static final String UPSERT_SIGHTING = "INSERT INTO sighting (source_id, article_key,"
      + " hash) VALUES (?, ?, ?) ON CONFLICT (source_id, article_key) DO UPDATE SET hash ="
      + " excluded.hash";
  private static final String SOURCE_COLUMNS = "source_id, etag, last_modified, body_hash,"
      + " last_attempt, last_success, failures, next_fetch, last_status, last_error, lease_owner,"
      + " lease_until";
  private static final String FINISH_SOURCE = "UPDATE source SET etag = ?, last_modified = ?,"
      + " body_hash = ?, last_attempt = ?, last_success = ?, failures = ?, next_fetch = ?,"
      + " last_status = ?, last_error = ?, lease_owner = NULL, lease_until = NULL"
      + " WHERE source_id = ? AND (lease_owner IS NULL OR lease_owner = ?)";
  private static final String INSERT_SOURCE = "INSERT INTO source (etag, last_modified,"
      + " body_hash, last_attempt, last_success, failures, next_fetch, last_status, last_error,"
      + " source_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (source_id) DO NOTHING";

  private final JdbcLocation location;
  private final Dialect dialect;
  private final ConnectionPool pool;

  private JdbcBackend(JdbcLocation location, ConnectionPool pool) {
    this.location = location;
    this.dialect = location.dialect();
    this.pool = pool;
  }

  /**
   * Opens the store at a location, creating the SQLite file and its folders on first use, and
   * migrates its schema.
   *
   * @param location a SQLite file path, or a {@code jdbc:sqlite:} or {@code jdbc:postgresql:} URL
   * @return the open backend
   * @throws StoreException when the location is not one, its driver is missing, the database
   *     cannot be reached, or its schema cannot be migrated or is newer than this code
   */
  static Backend open(String location) {
    JdbcLocation where = JdbcLocation.parse(location);
    Connector connector = new Connector(where);
    Path file = where.file();
    if (file != null) {
      Path folder = file.toAbsolutePath().getParent();
      try {
        Files.createDirectories(folder);
      } catch (IOException e) {
        throw new StoreException(where.shown(), "cannot make the folder " + folder + ": " + e, e);
      }
    }
    ConnectionPool pool = new ConnectionPool(connector, POOL_SIZE);
    try {
      Connection c = pool.take();
      boolean broken = true;
      try {
        Migrations.migrate(where, c);
        broken = false;
      } finally {
        pool.give(c, broken);
      }
      return new JdbcBackend(where, pool);
    } catch (SQLException e) {
      pool.close();
      throw where.failure("cannot open the store and migrate its schema", e);
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
  }

  @Override
  public Map<String, Map<String, String>> sightings(Collection<String> sourceIds) {
    if (sourceIds.isEmpty()) {
      return Map.of();
    }
    return read("cannot read the sightings of " + String.join(", ", sourceIds), c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT source_id, article_key, hash"
          + " FROM sighting WHERE source_id IN (SELECT v FROM " + dialect.list + " AS l)")) {
        dialect.bindTexts(c, s, 1, sourceIds);
        Map<String, Map<String, String>> found = new HashMap<>();
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            found.computeIfAbsent(r.getString(1), id -> new HashMap<>())
                .put(r.getString(2), r.getString(3));
          }
        }
        return found;
      }
    });
  }


  @Override
  public Map<String, StoredArticle> articles(Collection<String> keys) {
    if (keys.isEmpty()) {
      return Map.of();
    }
    Map<String, StoredArticle> found = new HashMap<>();
    ListBinder binder = (c, s) -> dialect.bindTexts(c, s, 1, keys);
    for (StoredArticle a : articlesWhere("article_key", binder)) {
      found.put(a.key(), a);
    }
    return found;
  }

  @Override
  public List<StoredArticle> bySeq(long[] seqs) {
    if (seqs.length == 0) {
      return List.of();
    }
    Map<Long, StoredArticle> found = new HashMap<>();
    for (StoredArticle a : articlesWhere("seq", (c, s) -> dialect.bindLongs(c, s, 1, seqs))) {
      found.put(a.seq(), a);
    }
    return inOrder(seqs, found);
  }

  @Override
  public List<NormalizedRow> normalizedBySeq(long[] seqs) {
    if (seqs.length == 0) {
      return List.of();
    }
    Map<Long, NormalizedRow> found = read("cannot read articles", c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT seq, normalized_json, normalized_with"
          + " FROM article WHERE seq IN (SELECT v FROM " + dialect.list + " AS l)")) {
        dialect.bindLongs(c, s, 1, seqs);
        Map<Long, NormalizedRow> rows = new HashMap<>();
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            // the text's UTF-8 bytes as they come (both drivers give them for a text column)
            rows.put(r.getLong(1), new NormalizedRow(r.getLong(1), r.getBytes(2), r.getString(3)));
          }
        }
        return rows;
      }
    });
    return inOrder(seqs, found);
  }

  /** The rows found, in the order of the sequence numbers asked; those not found left out. */
  private static <T> List<T> inOrder(long[] seqs, Map<Long, T> found) {
    List<T> ordered = new ArrayList<>(found.size());
    for (long seq : seqs) {
      T row = found.get(seq);
      if (row != null) {
        ordered.add(row);
      }
    }
    return ordered;
  }

  /** Returns the articles whose column is in the list the binder binds, in no order. */
  private List<StoredArticle> articlesWhere(String column, ListBinder binder) {
    return read("cannot read articles", c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT " + ARTICLE_COLUMNS
          + " FROM article WHERE " + column + " IN (SELECT v FROM " + dialect.list + " AS l)")) {
        binder.bind(c, s);
        List<StoredArticle> found = new ArrayList<>();
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            found.add(article(r));
          }
        }
        return found;
      }
    });
  }

  /** Binds a list as the one parameter of a statement. */
  @FunctionalInterface
  private interface ListBinder {
    void bind(Connection c, PreparedStatement s) throws SQLException;
  }

  @Override
  public List<Entry> catalog() {
    return read("cannot read the catalog", c -> {
      List<Entry> rows = new ArrayList<>();
      try (Statement s = c.createStatement();
          ResultSet r = s.executeQuery("SELECT seq, publication, language, categories,"
              + " first_seen, updated FROM article ORDER BY seq")) {
        while (r.next()) {
          rows.add(new Entry(r.getLong(1), r.getString(2), r.getString(3),
              JsonLists.parseTexts(r.getString(4)), instant(r, 5), instant(r, 6)));
        }
      }
      return rows;
    });
  }

  @Override
  public Set<String> apply(List<Changes> all) {
    List<Changes> changes = all.stream().filter(ch -> !ch.isEmpty()).toList();
    if (changes.isEmpty()) {
      return Set.of();
    }
    String sources = changes.stream().map(Changes::sourceId).distinct()
        .collect(java.util.stream.Collectors.joining(", "));
    return write("cannot record what " + sources + " gave", c -> {
      List<ArticleRow> inserts = new ArrayList<>();
      List<ArticleRow> updates = new ArrayList<>();
      for (Changes ch : changes) {
        inserts.addAll(ch.inserts());
        updates.addAll(ch.updates());
      }
      Set<String> taken = insert(c, inserts);
      update(c, updates);
      try (PreparedStatement s = c.prepareStatement(UPSERT_SIGHTING)) {
        // in source and key order, so that two writers lock rows in one order
        TreeMap<String, TreeMap<String, String>> ordered = new TreeMap<>();
        for (Changes ch : changes) {
          ordered.computeIfAbsent(ch.sourceId(), id -> new TreeMap<>()).putAll(ch.sightings());
        }
        for (Map.Entry<String, TreeMap<String, String>> source : ordered.entrySet()) {
          for (Map.Entry<String, String> e : source.getValue().entrySet()) {
            if (!taken.contains(e.getKey())) {
              s.setString(1, source.getKey());
              s.setString(2, e.getKey());
              s.setString(3, e.getValue());
              s.addBatch();
            }
          }
        }
        s.executeBatch();
      }
      return taken;
    });
  }


  /** Inserts new articles in the order given; returns the keys that were already there. */
  private Set<String> insert(Connection c, List<ArticleRow> rows) throws SQLException {
    if (rows.isEmpty()) {
      return Set.of();
    }
    dialect.lockSequence(c);
    int[] counts;
    try (PreparedStatement s = c.prepareStatement(INSERT_ARTICLE)) {
      for (ArticleRow row : rows) {
        s.setString(1, row.key());
        s.setString(2, row.id());
        s.setString(3, row.sourceId());
        s.setLong(4, row.firstSeen().getEpochSecond());
        s.setLong(5, row.published().getEpochSecond());
        s.setLong(6, row.updated().getEpochSecond());
        bindArticleFields(s, 7, row);
        s.addBatch();
      }
      counts = s.executeBatch();
    }
    Set<String> taken = new HashSet<>();
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] == 0) {
        taken.add(rows.get(i).key());
      } else if (counts[i] < 0) {
        throw new SQLException("the driver did not count the rows each insert wrote"
            + " (is reWriteBatchedInserts set in the URL? the store needs it off)");
      }
    }
    return taken;
  }

  /** Updates changed articles, in key order so that two writers lock rows in one order. */
  private static void update(Connection c, List<ArticleRow> rows) throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    List<ArticleRow> sorted = new ArrayList<>(rows);
    sorted.sort((a, b) -> a.key().compareTo(b.key()));
    try (PreparedStatement s = c.prepareStatement(UPDATE_ARTICLE)) {
      for (ArticleRow row : sorted) {
        s.setLong(1, row.updated().getEpochSecond());
        bindArticleFields(s, 2, row);
        s.setString(9, row.key());
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  /** Binds hash, publication, language, categories and the JSON texts, from {@code from} on. */
  private static void bindArticleFields(PreparedStatement s, int from, ArticleRow row)
      throws SQLException {
    int i = from;
    s.setString(i++, row.hash());
    setText(s, i++, row.publication());
    setText(s, i++, row.language());
    s.setString(i++, JsonLists.texts(row.categories()));
    s.setString(i++, row.articleJson());
    s.setString(i++, row.normalizedJson());
    s.setString(i, row.normalizedWith());
  }

  @Override
  public Optional<SourceRow> source(String sourceId) {
    return read("cannot read the state of source " + sourceId, c -> {
      try (PreparedStatement s = c.prepareStatement(
          "SELECT " + SOURCE_COLUMNS + " FROM source WHERE source_id = ?")) {
        s.setString(1, sourceId);
        try (ResultSet r = s.executeQuery()) {
          return r.next() ? Optional.of(source(r)) : Optional.<SourceRow>empty();
        }
      }
    });
  }

  @Override
  public List<String> claim(List<String> sourceIds, Instant now, Instant leaseUntil, String owner) {
    if (sourceIds.isEmpty()) {
      return List.of();
    }
    Set<String> ids = new LinkedHashSet<>(sourceIds);
    Set<String> claimed = write("cannot claim sources", c -> {
      try (PreparedStatement s = c.prepareStatement("INSERT INTO source (source_id) SELECT v FROM "
          + dialect.list + " AS l WHERE true ORDER BY v ON CONFLICT (source_id) DO NOTHING")) {
        dialect.bindTexts(c, s, 1, ids);
        s.executeUpdate();
      }
      Set<String> due = new HashSet<>();
      try (PreparedStatement s = c.prepareStatement("SELECT source_id FROM source"
          + " WHERE source_id IN (SELECT v FROM " + dialect.list + " AS l)"
          + " AND (next_fetch IS NULL OR next_fetch <= ?)"
          + " AND (lease_owner IS NULL OR lease_owner = ? OR lease_until IS NULL"
          + " OR lease_until <= ?)" + dialect.lockClaimed)) {
        dialect.bindTexts(c, s, 1, ids);
        s.setLong(2, now.getEpochSecond());
        s.setString(3, owner);
        s.setLong(4, now.getEpochSecond());
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            due.add(r.getString(1));
          }
        }
      }
      if (!due.isEmpty()) {
        try (PreparedStatement s = c.prepareStatement("UPDATE source SET lease_owner = ?,"
            + " lease_until = ? WHERE source_id IN (SELECT v FROM " + dialect.list + " AS l)")) {
          s.setString(1, owner);
          s.setLong(2, leaseUntil.getEpochSecond());
          dialect.bindTexts(c, s, 3, due);
          s.executeUpdate();
        }
      }
      return due;
    });
    List<String> ordered = new ArrayList<>(claimed.size());
    for (String id : sourceIds) {
      if (claimed.contains(id)) {
        ordered.add(id);
      }
    }
    return ordered;
  }

  @Override
  public Set<String> finish(List<SourceRow> rows, String owner) {
    if (rows.isEmpty()) {
      return Set.of();
    }
    String sources = rows.stream().map(SourceRow::sourceId)
        .collect(java.util.stream.Collectors.joining(", "));
    return write("cannot save the state of source " + sources, c -> {
      List<SourceRow> ordered = new ArrayList<>(rows);
      ordered.sort(java.util.Comparator.comparing(SourceRow::sourceId)); // one lock order
      Set<String> saved = new HashSet<>();
      List<SourceRow> missing = new ArrayList<>();
      try (PreparedStatement s = c.prepareStatement(FINISH_SOURCE)) {
        for (SourceRow row : ordered) {
          bindSourceState(s, row);
          s.setString(11, owner);
          s.addBatch();
        }
        int[] counts = s.executeBatch();
        for (int i = 0; i < counts.length; i++) {
          if (counts[i] > 0) {
            saved.add(ordered.get(i).sourceId());
          } else {
            missing.add(ordered.get(i));
          }
        }
      }
      if (!missing.isEmpty()) {
        try (PreparedStatement s = c.prepareStatement(INSERT_SOURCE)) {
          for (SourceRow row : missing) {
            bindSourceState(s, row);
            if (s.executeUpdate() > 0) {
              saved.add(row.sourceId());
            }
          }
        }
      }
      return saved;
    });
  }


  /** Binds the fetch state, then the source id as parameter 10. */
  private static void bindSourceState(PreparedStatement s, SourceRow row) throws SQLException {
    setText(s, 1, row.etag());
    setText(s, 2, row.lastModified());
    setText(s, 3, row.bodyHash());
    setInstant(s, 4, row.lastAttempt());
    setInstant(s, 5, row.lastSuccess());
    s.setInt(6, row.failures());
    setInstant(s, 7, row.nextFetch());
    s.setInt(8, row.lastStatus());
    setText(s, 9, row.lastError());
    s.setString(10, row.sourceId());
  }

  @Override
  public void close() {
    pool.close();
  }

  @Override
  public String toString() {
    return dialect.product + " history store " + location.shown();
  }

  private static StoredArticle article(ResultSet r) throws SQLException {
    return new StoredArticle(r.getLong(1), r.getString(2), r.getString(3), r.getString(4),
        instant(r, 5), instant(r, 6), instant(r, 7), r.getString(8), r.getString(9),
        r.getString(10), JsonLists.parseTexts(r.getString(11)), r.getString(12), r.getString(13),
        r.getString(14));
  }

  private static SourceRow source(ResultSet r) throws SQLException {
    return new SourceRow(r.getString(1), r.getString(2), r.getString(3), r.getString(4),
        nullableInstant(r, 5), nullableInstant(r, 6), r.getInt(7), nullableInstant(r, 8),
        r.getInt(9), r.getString(10), r.getString(11), nullableInstant(r, 12));
  }

  private static Instant instant(ResultSet r, int column) throws SQLException {
    return Instant.ofEpochSecond(r.getLong(column));
  }

  private static @Nullable Instant nullableInstant(ResultSet r, int column) throws SQLException {
    long seconds = r.getLong(column);
    return r.wasNull() ? null : Instant.ofEpochSecond(seconds);
  }

  private static void setText(PreparedStatement s, int index, @Nullable String value)
      throws SQLException {
    if (value == null) {
      s.setNull(index, Types.VARCHAR);
    } else {
      s.setString(index, value);
    }
  }

  private static void setInstant(PreparedStatement s, int index, @Nullable Instant value)
      throws SQLException {
    if (value == null) {
      s.setNull(index, Types.BIGINT);
    } else {
      s.setLong(index, value.getEpochSecond());
    }
  }

  /** Work on one connection. */
  @FunctionalInterface
  private interface Work<T> {
    T on(Connection c) throws SQLException;
  }

  /** Runs reads on a connection in auto-commit mode. */
  private <T> T read(String doing, Work<T> work) {
    return run(doing, false, work);
  }

  /** Runs writes in one transaction. */
  private <T> T write(String doing, Work<T> work) {
    return run(doing, true, work);
  }

  private <T> T run(String doing, boolean transaction, Work<T> work) {
    Connection c;
    try {
      c = pool.take();
    } catch (SQLException e) {
      throw location.failure(doing, e);
    }
    boolean broken = false;
    try {
      if (transaction) {
        dialect.begin(c);
      }
      T result = work.on(c);
      if (transaction) {
        dialect.commit(c);
      }
      return result;
    } catch (SQLException e) {
      broken = rollback(c, transaction) || isBroken(e);
      throw location.failure(doing, e);
    } catch (RuntimeException | Error e) {
      broken = rollback(c, transaction);
      throw e;
    } finally {
      pool.give(c, broken);
    }
  }

  /** Rolls back a failed transaction; returns true when the connection is no longer usable. */
  private boolean rollback(Connection c, boolean transaction) {
    if (!transaction) {
      return false;
    }
    try {
      dialect.rollback(c);
      return c.isClosed();
    } catch (SQLException e) {
      return true; // closing it ends whatever transaction is left
    }
  }

  private static boolean isBroken(SQLException e) {
    String state = e.getSQLState();
    return state != null && state.startsWith("08");
  }
}
