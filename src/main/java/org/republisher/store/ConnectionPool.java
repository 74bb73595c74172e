package org.republisher.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;

/**
 * A few connections kept open and lent one at a time: opened when first needed, at most {@code
 * size} at once (a borrower waits for a free one), checked with {@link Connection#isValid} when
 * idle for a while, dropped when broken, all closed by {@link #close()}. Thread-safe.
 */
final class ConnectionPool implements AutoCloseable {
  /** A connection idle for longer than this is checked before it is lent again. */
  private static final long CHECK_AFTER_NANOS = TimeUnit.SECONDS.toNanos(10);
  /** How long a borrower waits for a free connection. */
  private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(60);

  private final Connector connector;
  private final int size;
  private final Deque<Idle> idle = new ArrayDeque<>();
  private int lent;
  private boolean closed;

  private record Idle(Connection connection, long since) {}

  ConnectionPool(Connector connector, int size) {
    this.connector = connector;
    this.size = size;
  }

  /**
   * Lends a connection, in auto-commit mode.
   *
   * @throws SQLException when none can be opened, none is free within a minute, or the pool is
   *     closed
   */
  Connection take() throws SQLException {
    Idle reused;
    synchronized (this) {
      long deadline = System.nanoTime() + WAIT_NANOS;
      while (!closed && idle.isEmpty() && lent >= size) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new SQLTransientConnectionException(
              "all " + size + " connections stayed busy for a minute", "08001");
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(this, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new SQLTransientConnectionException("interrupted waiting for a connection", e);
        }
      }
      if (closed) {
        throw new SQLException("the store is closed", "08003");
      }
      reused = idle.pollFirst();
      lent++;
    }
    try {
      if (reused != null && (System.nanoTime() - reused.since() < CHECK_AFTER_NANOS
          || reused.connection().isValid(5))) {
        return reused.connection();
      }
      if (reused != null) {
        closeQuietly(reused.connection());
      }
      return connector.open();
    } catch (SQLException | RuntimeException e) {
      release();
      throw e;
    }
  }

  /**
   * Takes a connection back.
   *
   * @param connection a connection from {@link #take()}, in auto-commit mode
   * @param broken true to close it rather than lend it again
   */
  void give(Connection connection, boolean broken) {
    boolean keep;
    synchronized (this) {
      keep = !broken && !closed;
      if (keep) {
        idle.addFirst(new Idle(connection, System.nanoTime()));
      }
      lent--;
      notifyAll();
    }
    if (!keep) {
      closeQuietly(connection);
    }
  }

  private synchronized void release() {
    lent--;
    notifyAll();
  }

  /** Closes the idle connections now, and the lent ones when they come back. */
  @Override
  public void close() {
    Deque<Idle> toClose;
    synchronized (this) {
      closed = true;
      toClose = new ArrayDeque<>(idle);
      idle.clear();
      notifyAll();
    }
    for (Idle i : toClose) {
      closeQuietly(i.connection());
    }
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException e) {
      // already gone: nothing left to release
    }
  }
}
