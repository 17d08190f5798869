/**
 * Persistence behind an interface: the embedded SQLite implementation, the journal of diffs keyed by serial, and schema migrations.
 */
package org.tandemdns.store;
