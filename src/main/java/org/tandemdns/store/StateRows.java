package org.tandemdns.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;
import org.xbill.DNS.Name;

/**
 * The {@code zone_state} table: small key/value pairs per zone name. Keyed by name rather than by
 * zone row, so a secondary can keep its refresh and retry timers before its first transfer succeeds.
 */
final class StateRows {
  private StateRows() {}

  static void put(Connection c, Name zone, String key, String value) throws SQLException {
    String sql = value == null
        ? "DELETE FROM zone_state WHERE zone = ? AND key = ?"
        : "INSERT INTO zone_state(zone, key, value) VALUES (?, ?, ?) "
            + "ON CONFLICT(zone, key) DO UPDATE SET value = excluded.value";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, ZoneRows.key(zone));
      ps.setString(2, key);
      if (value != null) {
        ps.setString(3, value);
      }
      ps.executeUpdate();
    }
  }

  static Map<String, String> all(Connection c, Name zone) throws SQLException {
    Map<String, String> state = new TreeMap<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT key, value FROM zone_state WHERE zone = ?")) {
      ps.setString(1, ZoneRows.key(zone));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          state.put(rs.getString(1), rs.getString(2));
        }
      }
    }
    return state;
  }

  static void deleteAll(Connection c, Name zone) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM zone_state WHERE zone = ?")) {
      ps.setString(1, ZoneRows.key(zone));
      ps.executeUpdate();
    }
  }
}
