package org.tandemdns.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.tandemdns.zone.Node;
import org.tandemdns.zone.ZoneSnapshot;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;

/** The {@code records} table: a zone's current version, one row per record (see {@link RecordColumns}). */
final class RecordRows {
  private static final int ROWS_PER_INSERT = 100;
  private static final String COLUMNS = "INSERT INTO records(zone_id, owner, type, rdata, ttl, owner_case, rdata_case)";
  private static final String INSERT = COLUMNS + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
  private static final String DELETE = "DELETE FROM records WHERE zone_id = ? AND owner = ? AND type = ? AND rdata = ?";

  private RecordRows() {}

  /** Statements for changing single records of one zone within one transaction. */
  static final class Editor implements AutoCloseable {
    private final Connection connection;
    private final long zoneId;
    private final PreparedStatement insert;
    private final PreparedStatement delete;

    Editor(Connection c, long zoneId) throws SQLException {
      this.connection = c;
      this.zoneId = zoneId;
      this.insert = c.prepareStatement(INSERT);
      this.delete = c.prepareStatement(DELETE);
    }

    /** Adds {@code r}; false when a record equal to it (TTL aside) is already stored. */
    boolean add(Record r) throws SQLException {
      bindInsert(insert, 0, zoneId, RecordColumns.of(r));
      return insert.executeUpdate() == 1;
    }

    /** Deletes the stored record equal to {@code r} whatever its TTL; false when there is none. */
    boolean delete(Record r) throws SQLException {
      RecordColumns k = RecordColumns.of(r);
      delete.setLong(1, zoneId);
      delete.setBytes(2, k.owner());
      delete.setInt(3, k.type());
      delete.setBytes(4, k.rdata());
      return delete.executeUpdate() == 1;
    }

    /** Replaces the zone's SOA, whatever its RDATA, by {@code soa}; false when none was stored. */
    boolean replaceSoa(SOARecord soa) throws SQLException {
      try (PreparedStatement ps = connection.prepareStatement(
          "DELETE FROM records WHERE zone_id = ? AND owner = ? AND type = ?")) {
        ps.setLong(1, zoneId);
        ps.setBytes(2, soa.getName().toWireCanonical());
        ps.setInt(3, Type.SOA);
        if (ps.executeUpdate() != 1) {
          return false;
        }
      }
      return add(soa);
    }

    @Override
    public void close() throws SQLException {
      try (insert; delete) {
        // closes both
      }
    }
  }

  /**
   * Inserts every record of {@code snapshot}, {@value #ROWS_PER_INSERT} rows per statement (the JDBC
   * driver's cost is per statement, not per row), in primary-key order (owners sorted by canonical
   * wire form), so SQLite appends to its B-tree instead of splitting pages at random.
   */
  static int insertAll(Connection c, long zoneId, ZoneSnapshot snapshot) throws SQLException {
    List<Keyed> nodes = new ArrayList<>(snapshot.nodeCount());
    for (Node n : snapshot.nodes()) {
      if (!n.isEmpty()) {
        nodes.add(new Keyed(n.name().toWireCanonical(), n));
      }
    }
    nodes.sort((a, b) -> Arrays.compareUnsigned(a.key, b.key));
    RecordColumns[] pending = new RecordColumns[ROWS_PER_INSERT];
    int count = 0;
    // the statement of ROWS_PER_INSERT rows is prepared only for a zone that fills it: preparing it
    // cost a zone of 9 records most of its insert (100,000 small zones: seconds)
    PreparedStatement full = null;
    try {
      for (Keyed k : nodes) {
        for (int i = 0; i < k.node.rrsetCount(); i++) {
          for (Record r : k.node.rrsetAt(i)) {
            pending[count++ % ROWS_PER_INSERT] = RecordColumns.of(r, k.key);
            if (count % ROWS_PER_INSERT == 0) {
              if (full == null) {
                full = c.prepareStatement(multiInsert(ROWS_PER_INSERT));
              }
              insertRows(full, zoneId, pending, ROWS_PER_INSERT);
            }
          }
        }
      }
    } finally {
      if (full != null) {
        full.close();
      }
    }
    int rest = count % ROWS_PER_INSERT;
    if (rest > 0) {
      try (PreparedStatement tail = c.prepareStatement(multiInsert(rest))) {
        insertRows(tail, zoneId, pending, rest);
      }
    }
    return count;
  }

  private static String multiInsert(int rows) {
    StringBuilder sql = new StringBuilder(COLUMNS.length() + rows * 16).append(COLUMNS).append(" VALUES ");
    for (int i = 0; i < rows; i++) {
      sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?)");
    }
    return sql.append(" ON CONFLICT DO NOTHING").toString();
  }

  private static void insertRows(PreparedStatement ps, long zoneId, RecordColumns[] rows, int n) throws SQLException {
    for (int i = 0; i < n; i++) {
      bindInsert(ps, i * 7, zoneId, rows[i]);
    }
    ps.executeUpdate();
  }

  static void deleteAll(Connection c, long zoneId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM records WHERE zone_id = ?")) {
      ps.setLong(1, zoneId);
      ps.executeUpdate();
    }
  }

  /**
   * Streams the zone's records to {@code sink}, decoding one row at a time; a row that does not
   * decode is described to {@code unreadable} and skipped.
   */
  static void stream(Connection c, long zoneId, Consumer<Record> sink, Consumer<String> unreadable)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT coalesce(owner_case, owner), type, coalesce(rdata_case, rdata), ttl FROM records WHERE zone_id = ?")) {
      ps.setLong(1, zoneId);
      try (ResultSet rs = ps.executeQuery()) {
        byte[] lastOwner = null;
        Name name = null;
        String badOwner = null;
        while (rs.next()) {
          byte[] owner = rs.getBytes(1);
          if (!Arrays.equals(owner, lastOwner)) {
            lastOwner = owner;
            try {
              name = RecordColumns.decodeName(owner);
              badOwner = null;
            } catch (StoreException e) {
              name = null;
              badOwner = e.getMessage();
            }
          }
          if (name == null) {
            unreadable.accept(badOwner + " (type " + rs.getInt(2) + ")");
            continue;
          }
          try {
            sink.accept(RecordColumns.toRecord(name, rs.getInt(2), rs.getLong(4), rs.getBytes(3)));
          } catch (StoreException e) {
            unreadable.accept(e.getMessage());
          }
        }
      }
    }
  }

  private static void bindInsert(PreparedStatement ps, int offset, long zoneId, RecordColumns k) throws SQLException {
    ps.setLong(offset + 1, zoneId);
    ps.setBytes(offset + 2, k.owner());
    ps.setInt(offset + 3, k.type());
    ps.setBytes(offset + 4, k.rdata());
    ps.setLong(offset + 5, k.ttl());
    setBytesOrNull(ps, offset + 6, k.ownerCase());
    setBytesOrNull(ps, offset + 7, k.rdataCase());
  }

  private static void setBytesOrNull(PreparedStatement ps, int index, byte[] value) throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.BLOB);
    } else {
      ps.setBytes(index, value);
    }
  }

  private record Keyed(byte[] key, Node node) {}
}
