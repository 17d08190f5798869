package org.tandemdns.store;

import java.util.List;

/**
 * The store's schema as an ordered list of migrations. Never edit a released step: append a new
 * one. Layout (version 1):
 *
 * <ul>
 *   <li>{@code zones}: one row per zone; {@code name} is the lowercased absolute name (RFC 4343).
 *   <li>{@code records}: the current version of each zone, class IN only, clustered by zone. The
 *       primary key holds the canonical owner and RDATA wire forms (RFC 4034 §6.2), so deleting one
 *       record by identity is a single key lookup and matches names case-insensitively; the exact
 *       forms are kept in {@code owner_case}/{@code rdata_case} only when they differ. No foreign
 *       key: the store deletes a zone's records itself, and checking one per row made deleting a
 *       million-record version four times slower.
 *   <li>{@code journal}: diffs in IXFR shape (RFC 1995 §4), encoded by {@link DiffCodec}, ordered
 *       by {@code seq} within a zone.
 *   <li>{@code zone_state}: small key/value pairs per zone name (timers), usable before the zone's
 *       first version is stored.
 * </ul>
 *
 * Version 2 adds who made each journal entry, and {@code api_tokens}.
 */
final class Schema {
  private Schema() {}

  static List<Migration> migrations() {
    return List.of(initial(), history());
  }

  /**
   * Version 2: who made each journal entry ({@code via}, {@code who}, {@code address}; null in
   * entries written before), the audit history pruned with the journal; and {@code api_tokens},
   * the tokens made through the API, as SHA-256 hashes.
   */
  private static Migration history() {
    return new Migration(2, "audit history in the journal; API tokens", List.of(
        "ALTER TABLE journal ADD COLUMN via TEXT",
        "ALTER TABLE journal ADD COLUMN who TEXT",
        "ALTER TABLE journal ADD COLUMN address TEXT",
        """
        CREATE TABLE api_tokens (
          name TEXT PRIMARY KEY,
          sha256 TEXT NOT NULL UNIQUE,
          role TEXT NOT NULL,
          zones TEXT NOT NULL,
          created_at INTEGER NOT NULL,
          created_by TEXT NOT NULL
        ) WITHOUT ROWID"""));
  }

  private static Migration initial() {
    return new Migration(1, "initial schema", List.of(
        """
        CREATE TABLE zones (
          id INTEGER PRIMARY KEY,
          name TEXT NOT NULL UNIQUE,
          serial INTEGER NOT NULL,
          kind TEXT NOT NULL,
          source_hash TEXT NOT NULL,
          updated_at INTEGER NOT NULL
        )""",
        """
        CREATE TABLE records (
          zone_id INTEGER NOT NULL,
          owner BLOB NOT NULL,
          type INTEGER NOT NULL,
          rdata BLOB NOT NULL,
          ttl INTEGER NOT NULL,
          owner_case BLOB,
          rdata_case BLOB,
          PRIMARY KEY (zone_id, owner, type, rdata)
        ) WITHOUT ROWID""",
        """
        CREATE TABLE journal (
          seq INTEGER PRIMARY KEY,
          zone_id INTEGER NOT NULL REFERENCES zones(id) ON DELETE CASCADE,
          serial_from INTEGER NOT NULL,
          serial_to INTEGER NOT NULL,
          created_at INTEGER NOT NULL,
          size_bytes INTEGER NOT NULL,
          diff BLOB NOT NULL
        )""",
        "CREATE INDEX journal_by_zone ON journal(zone_id, seq, serial_from, serial_to, size_bytes)",
        """
        CREATE TABLE zone_state (
          zone TEXT NOT NULL,
          key TEXT NOT NULL,
          value TEXT NOT NULL,
          PRIMARY KEY (zone, key)
        ) WITHOUT ROWID"""));
  }
}
