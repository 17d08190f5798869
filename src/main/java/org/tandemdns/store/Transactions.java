package org.tandemdns.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Explicit SQLite transactions on connections left in JDBC auto-commit mode (the driver's own
 * non-auto-commit mode would reopen a transaction after every commit and so hold the write lock).
 * Writes take the write lock up front ({@code BEGIN IMMEDIATE}), so a write never fails half-way
 * for want of it; reads see one snapshot from {@code BEGIN} to the end (https://sqlite.org/isolation.html).
 */
final class Transactions {
  private Transactions() {}

  static <T> T write(Connection c, SqlWork<T> work) throws SQLException, StoreException {
    return run(c, "BEGIN IMMEDIATE", work);
  }

  static <T> T read(Connection c, SqlWork<T> work) throws SQLException, StoreException {
    return run(c, "BEGIN", work);
  }

  private static <T> T run(Connection c, String begin, SqlWork<T> work) throws SQLException, StoreException {
    exec(c, begin);
    boolean committed = false;
    try {
      T result = work.run(c);
      exec(c, "COMMIT");
      committed = true;
      return result;
    } finally {
      if (!committed) {
        rollbackQuietly(c);
      }
    }
  }

  static void exec(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  /** Rolls back if a transaction is still open (SQLite may already have rolled back on some errors). */
  private static void rollbackQuietly(Connection c) {
    try {
      if (!c.isClosed()) {
        exec(c, "ROLLBACK");
      }
    } catch (SQLException ignored) {
      // "no transaction is active": SQLite rolled back by itself; nothing is left to undo.
    }
  }
}
