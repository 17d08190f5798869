package org.tandemdns.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/** The {@code zones} table: one row per stored zone, keyed by its lowercased name (RFC 4343). */
final class ZoneRows {
  private static final String INFO = "SELECT z.name, z.serial, z.kind, z.source_hash, z.updated_at, "
      + "(SELECT count(*) FROM journal j WHERE j.zone_id = z.id), "
      + "(SELECT coalesce(sum(size_bytes), 0) FROM journal j WHERE j.zone_id = z.id) FROM zones z";

  private ZoneRows() {}

  /** A zone's row: its id and the serial of its stored version. */
  record Row(long id, long serial) {}

  /** The key a zone is stored under. */
  static String key(Name zone) {
    return zone.canonicalize().toString();
  }

  static Optional<Row> find(Connection c, Name zone) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT id, serial FROM zones WHERE name = ?")) {
      ps.setString(1, key(zone));
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(new Row(rs.getLong(1), rs.getLong(2))) : Optional.empty();
      }
    }
  }

  static long insert(Connection c, Name zone, long serial, String kind, String sourceHash, long nowMillis)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO zones(name, serial, kind, source_hash, updated_at)"
        + " VALUES (?, ?, ?, ?, ?) RETURNING id")) {
      ps.setString(1, key(zone));
      ps.setLong(2, serial);
      ps.setString(3, kind);
      ps.setString(4, sourceHash);
      ps.setLong(5, nowMillis);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** Records a new version; a null {@code kind} keeps the stored one. */
  static void update(Connection c, long id, long serial, String kind, String sourceHash, long nowMillis)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE zones SET serial = ?, kind = coalesce(?, kind), "
        + "source_hash = ?, updated_at = ? WHERE id = ?")) {
      ps.setLong(1, serial);
      ps.setString(2, kind);
      ps.setString(3, sourceHash);
      ps.setLong(4, nowMillis);
      ps.setLong(5, id);
      ps.executeUpdate();
    }
  }

  static void delete(Connection c, long id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM zones WHERE id = ?")) {
      ps.setLong(1, id);
      ps.executeUpdate();
    }
  }

  static Optional<StoredZoneInfo> info(Connection c, Name zone) throws SQLException, StoreException {
    try (PreparedStatement ps = c.prepareStatement(INFO + " WHERE z.name = ?")) {
      ps.setString(1, key(zone));
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(toInfo(rs)) : Optional.empty();
      }
    }
  }

  static List<StoredZoneInfo> all(Connection c) throws SQLException, StoreException {
    List<StoredZoneInfo> zones = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(INFO + " ORDER BY z.name"); ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        zones.add(toInfo(rs));
      }
    }
    return zones;
  }

  private static StoredZoneInfo toInfo(ResultSet rs) throws SQLException, StoreException {
    String name = rs.getString(1);
    try {
      return new StoredZoneInfo(Name.fromString(name), rs.getLong(2), rs.getString(3), rs.getString(4),
          Instant.ofEpochMilli(rs.getLong(5)), rs.getInt(6), rs.getLong(7));
    } catch (TextParseException e) {
      throw new StoreException("stored zone name '" + name + "' does not parse: " + e.getMessage(), e);
    }
  }
}
