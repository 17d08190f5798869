package org.tandemdns.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The {@code api_tokens} table: tokens made through the API, as hashes ({@link StoredToken}). */
final class TokenRows {
  private TokenRows() {}

  static List<StoredToken> all(Connection c) throws SQLException {
    List<StoredToken> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT name, sha256, role, zones, created_at, created_by FROM api_tokens ORDER BY name");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        String zones = rs.getString(4);
        out.add(new StoredToken(rs.getString(1), rs.getString(2), rs.getString(3),
            zones.isEmpty() ? List.of() : Arrays.asList(zones.split(" ")), Instant.ofEpochMilli(rs.getLong(5)), rs.getString(6)));
      }
    }
    return out;
  }

  static boolean add(Connection c, StoredToken t) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO api_tokens(name, sha256, role, zones, created_at, created_by) "
        + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
      ps.setString(1, t.name());
      ps.setString(2, t.sha256());
      ps.setString(3, t.role());
      ps.setString(4, String.join(" ", t.zones()));
      ps.setLong(5, t.createdAt().toEpochMilli());
      ps.setString(6, t.createdBy());
      return ps.executeUpdate() == 1;
    }
  }

  static boolean remove(Connection c, String name) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM api_tokens WHERE name = ?")) {
      ps.setString(1, name);
      return ps.executeUpdate() == 1;
    }
  }
}
