/**
 * Persistence behind an interface: {@link org.tandemdns.store.ZoneStore}, its embedded SQLite
 * implementation {@link org.tandemdns.store.SqliteZoneStore}, the journal of diffs keyed by serial
 * (the IXFR history, RFC 1995), and versioned schema migrations. See {@code docs/store.md}.
 */
package org.tandemdns.store;
