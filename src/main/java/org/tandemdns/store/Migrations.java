package org.tandemdns.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;

/**
 * Brings a database to the newest schema this code knows: the {@code schema_version} table lists
 * the steps applied; each missing step runs in its own transaction, so a failed step leaves the
 * database at the previous version. A database from a newer Tandem is refused, never guessed at.
 */
final class Migrations {
  private final List<Migration> steps;

  Migrations(List<Migration> steps) {
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i).version() != i + 1) {
        throw new IllegalArgumentException("migration " + i + " has version " + steps.get(i).version()
            + "; versions must run 1, 2, 3, ... in order");
      }
    }
    this.steps = List.copyOf(steps);
  }

  static Migrations standard() {
    return new Migrations(Schema.migrations());
  }

  /** The schema version this code writes. */
  int latest() {
    return steps.size();
  }

  /**
   * Applies the missing steps on {@code c} (a writable connection in auto-commit mode) and returns
   * the version the database is at afterwards.
   */
  int apply(Connection c, Path file, Clock clock) throws StoreException {
    try {
      Transactions.exec(c, "CREATE TABLE IF NOT EXISTS schema_version ("
          + "version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at INTEGER NOT NULL)");
      int current = Transactions.read(c, Migrations::current);
      checkNotNewer(current, file);
      for (Migration step : steps) {
        if (step.version() > current) {
          applyStep(c, step, file, clock);
        }
      }
      return Transactions.read(c, Migrations::current);
    } catch (SQLException e) {
      throw StoreErrors.of("reading the schema version", file, e);
    }
  }

  private void applyStep(Connection c, Migration step, Path file, Clock clock) throws StoreException {
    try {
      Transactions.write(c, tx -> {
        int now = current(tx);
        checkNotNewer(now, file);
        if (now >= step.version()) {
          return null; // another process migrated meanwhile
        }
        for (String sql : step.statements()) {
          Transactions.exec(tx, sql);
        }
        try (PreparedStatement ps = tx.prepareStatement(
            "INSERT INTO schema_version(version, description, applied_at) VALUES (?, ?, ?)")) {
          ps.setInt(1, step.version());
          ps.setString(2, step.description());
          ps.setLong(3, clock.millis());
          ps.executeUpdate();
        }
        return null;
      });
    } catch (SQLException e) {
      throw new StoreException("migrating " + file + " to schema version " + step.version() + " ("
          + step.description() + ") failed: " + e.getMessage()
          + "; the database was left at version " + (step.version() - 1) + " and not changed", e);
    }
  }

  private void checkNotNewer(int version, Path file) throws StoreException {
    if (version > latest()) {
      throw new StoreException(file + " has schema version " + version + ", newer than the version "
          + latest() + " this Tandem knows: it was written by a newer Tandem. Run that version, or "
          + "restore a backup made by this one; the file was not changed");
    }
  }

  private static int current(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT coalesce(max(version), 0) FROM schema_version");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
