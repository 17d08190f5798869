package org.tandemdns.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tandemdns.zone.ZoneDiff;

/**
 * The {@code journal} table: one entry per committed diff, ordered by {@code seq} within a zone,
 * each leading from {@code serial_from} to {@code serial_to}. It is the history IXFR answers from
 * (RFC 1995 §4), and the zone's audit history (who made each entry: {@link Actor}); entries are
 * pruned oldest first.
 */
final class JournalRows {
  private JournalRows() {}

  static void append(Connection c, long zoneId, ZoneDiff diff, byte[] blob, long nowMillis, Actor actor) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO journal(zone_id, serial_from, serial_to, "
        + "created_at, size_bytes, diff, via, who, address) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setLong(1, zoneId);
      ps.setLong(2, diff.fromSerial());
      ps.setLong(3, diff.toSerial());
      ps.setLong(4, nowMillis);
      ps.setLong(5, blob.length);
      ps.setBytes(6, blob);
      ps.setString(7, actor.via());
      ps.setString(8, actor.who());
      ps.setString(9, actor.address());
      ps.executeUpdate();
    }
  }

  /**
   * Deletes the oldest entries until at most {@code retention.maxEntries()} remain and their sizes
   * add up to at most {@code retention.maxBytes()}, keeping the newest entry whatever its size.
   */
  static void prune(Connection c, long zoneId, JournalRetention retention) throws SQLException {
    long cutoff = -1;
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT seq, size_bytes FROM journal WHERE zone_id = ? ORDER BY seq DESC")) {
      ps.setLong(1, zoneId);
      try (ResultSet rs = ps.executeQuery()) {
        int entries = 0;
        long bytes = 0;
        while (rs.next()) {
          entries++;
          bytes += rs.getLong(2);
          if (entries > 1 && (entries > retention.maxEntries() || bytes > retention.maxBytes())) {
            cutoff = rs.getLong(1);
            break;
          }
        }
      }
    }
    if (cutoff >= 0) {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM journal WHERE zone_id = ? AND seq <= ?")) {
        ps.setLong(1, zoneId);
        ps.setLong(2, cutoff);
        ps.executeUpdate();
      }
    }
  }

  static void clear(Connection c, long zoneId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM journal WHERE zone_id = ?")) {
      ps.setLong(1, zoneId);
      ps.executeUpdate();
    }
  }

  /**
   * The {@code seq} of the first entry of the chain that leads from {@code fromSerial} to
   * {@code currentSerial}, walking back from the newest entry; empty when the chain breaks or ends
   * first. When a serial occurs more than once, the newest occurrence wins (the shortest chain).
   */
  static Optional<Long> chainStart(Connection c, long zoneId, long fromSerial, long currentSerial)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT seq, serial_from, serial_to FROM journal WHERE zone_id = ? ORDER BY seq DESC")) {
      ps.setLong(1, zoneId);
      try (ResultSet rs = ps.executeQuery()) {
        long expectedTo = currentSerial;
        while (rs.next()) {
          if (rs.getLong(3) != expectedTo) {
            return Optional.empty();
          }
          if (rs.getLong(2) == fromSerial) {
            return Optional.of(rs.getLong(1));
          }
          expectedTo = rs.getLong(2);
        }
        return Optional.empty();
      }
    }
  }

  /** Decodes the entries from {@code firstSeq} on, oldest first, checking each against its row. */
  static List<ZoneDiff> readFrom(Connection c, long zoneId, long firstSeq, String zoneName)
      throws SQLException, StoreException {
    List<ZoneDiff> diffs = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT seq, serial_from, serial_to, diff FROM journal "
        + "WHERE zone_id = ? AND seq >= ? ORDER BY seq")) {
      ps.setLong(1, zoneId);
      ps.setLong(2, firstSeq);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          diffs.add(decode(rs, zoneName));
        }
      }
    }
    return diffs;
  }

  /**
   * The newest {@code limit} entries with a {@code seq} below {@code beforeSeq} (0: from the newest),
   * newest first, with who made them.
   */
  static List<HistoryEntry> history(Connection c, long zoneId, String zoneName, int limit, long beforeSeq)
      throws SQLException, StoreException {
    List<HistoryEntry> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT seq, serial_from, serial_to, diff, created_at, via, who, address "
        + "FROM journal WHERE zone_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?")) {
      ps.setLong(1, zoneId);
      ps.setLong(2, beforeSeq <= 0 ? Long.MAX_VALUE : beforeSeq);
      ps.setInt(3, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Actor actor = rs.getString(6) == null ? Actor.unknown() : new Actor(rs.getString(6), rs.getString(7), rs.getString(8));
          out.add(new HistoryEntry(rs.getLong(1), java.time.Instant.ofEpochMilli(rs.getLong(5)), actor, decode(rs, zoneName)));
        }
      }
    }
    return out;
  }

  private static ZoneDiff decode(ResultSet rs, String zoneName) throws SQLException, StoreException {
    String entry = "zone " + zoneName + ": journal entry " + rs.getLong(1) + " (serial " + rs.getLong(2)
        + " to " + rs.getLong(3) + ")";
    String advice = "; IXFR cannot be served across it: store the zone again in full (replace) to "
        + "restart its journal, and check the disk";
    ZoneDiff diff;
    try {
      diff = DiffCodec.decode(rs.getBytes(4));
    } catch (StoreException e) {
      throw new StoreException(entry + " is unreadable: " + e.getMessage() + advice, e);
    }
    if (diff.fromSerial() != rs.getLong(2) || diff.toSerial() != rs.getLong(3)) {
      throw new StoreException(entry + " holds a diff from serial " + diff.fromSerial() + " to "
          + diff.toSerial() + advice);
    }
    return diff;
  }
}
