package org.tandemdns.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandemdns.zone.ZoneDiff;
import org.tandemdns.zone.ZoneSnapshot;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

/**
 * The {@link ZoneStore} in one embedded SQLite file, {@code <data-dir>/tandem.db} (docs/store.md).
 *
 * <p>Connections and locking: one writer connection, used under a lock, so writes run one at a
 * time (a million-record {@link #replace} delays other writes by seconds, never reads). Each write
 * is one {@code BEGIN IMMEDIATE} transaction, synced to disk before it returns
 * ({@code synchronous=FULL}), so a change is acknowledged only once durable. Reads run on a small
 * pool of separate query-only connections. The file is in WAL mode (https://sqlite.org/wal.html): a
 * read transaction sees the last version committed when it began, does not wait for a write in
 * progress, and does not hold one up; {@link #readZone} streams rows inside one such transaction,
 * so a slow consumer only delays the WAL checkpoint until it ends. Another process (a second Tandem,
 * {@code sqlite3}) waits up to {@value SqliteDatabase#BUSY_TIMEOUT_MS} ms for the write lock.
 *
 * <p>Records are stored by identity (canonical owner, type, canonical RDATA), so a diff's deletions
 * match case-insensitively and whatever their TTL, as dnsjava's {@code Record.equals} does; see
 * {@link RecordColumns}. Zone names are stored lowercased, so {@link StoredZoneInfo#name()} is the
 * lowercase name. State ({@link #putState}) is keyed by zone name and may be kept for a zone whose
 * records are not stored yet (a secondary before its first transfer). Journal entries are encoded
 * by {@link DiffCodec}; the schema and its migrations are in {@link Schema} and {@link Migrations}.
 */
public final class SqliteZoneStore implements ZoneStore, TokenStore {
  /** The database's file name in the data directory. */
  public static final String FILE_NAME = "tandem.db";
  private static final int BIG_WRITE = 100_000;
  private static final Logger log = LoggerFactory.getLogger(SqliteZoneStore.class);

  private final SqliteDatabase db;
  private final Clock clock;
  private final DeferredFirstVersions deferred = new DeferredFirstVersions(this::writeFirstVersions);

  /** Opens or creates the database {@code file}, migrating its schema to the current version. */
  public SqliteZoneStore(Path file, Clock clock) throws StoreException {
    this(file, clock, Migrations.standard());
  }

  public SqliteZoneStore(Path file) throws StoreException {
    this(file, Clock.systemUTC());
  }

  SqliteZoneStore(Path file, Clock clock, Migrations migrations) throws StoreException {
    this.clock = Objects.requireNonNull(clock, "clock");
    createParent(file);
    this.db = SqliteDatabase.open(file, migrations, clock);
  }

  /** Opens or creates {@code dataDir/tandem.db}, creating {@code dataDir} when it does not exist. */
  public static SqliteZoneStore open(Path dataDir) throws StoreException {
    return new SqliteZoneStore(dataDir.resolve(FILE_NAME));
  }

  @Override
  public List<StoredZoneInfo> zones() throws StoreException {
    deferred.flushBefore(null);
    return db.read("listing zones", ZoneRows::all);
  }

  @Override
  public Optional<StoredZoneInfo> info(Name zone) throws StoreException {
    deferred.flushBefore(zone);
    return db.read("reading zone " + zone, c -> ZoneRows.info(c, zone));
  }

  @Override
  public boolean readZone(Name zone, Consumer<Record> sink, Consumer<String> unreadable) throws StoreException {
    deferred.flushBefore(zone);
    return db.read("reading the records of zone " + zone, c -> {
      Optional<ZoneRows.Row> row = ZoneRows.find(c, zone);
      if (row.isEmpty()) {
        return false;
      }
      RecordRows.stream(c, row.get().id(), sink, unreadable);
      return true;
    });
  }

  @Override
  public void replace(Name zone, ZoneSnapshot snapshot, String kind, String sourceHash) throws StoreException {
    replace(zone, snapshot, kind, sourceHash, true);
  }

  /**
   * Small first versions wait for a batch ({@link DeferredFirstVersions}: one transaction for up to
   * 256 zones, within 20 ms, not synced); a big one is written at once, not synced.
   */
  @Override
  public void replaceReproducible(Name zone, ZoneSnapshot snapshot, String kind, String sourceHash) throws StoreException {
    if (snapshot.recordCount() > DeferredFirstVersions.MAX_RECORDS) {
      replace(zone, snapshot, kind, sourceHash, false);
      return;
    }
    check(zone, snapshot, kind);
    deferred.add(new DeferredFirstVersions.FirstVersion(zone, snapshot, kind, sourceHash));
  }

  private void writeFirstVersions(List<DeferredFirstVersions.FirstVersion> batch) throws StoreException {
    db.write("storing the first versions of " + batch.size() + " zone(s) read from files", false, c -> {
      long now = clock.millis();
      for (DeferredFirstVersions.FirstVersion v : batch) {
        writeWhole(c, v.zone(), v.snapshot(), v.kind(), v.sourceHash(), now);
      }
      return null;
    });
  }

  private static void check(Name zone, ZoneSnapshot snapshot, String kind) throws StoreException {
    Objects.requireNonNull(kind, "kind");
    if (!snapshot.origin().equals(zone)) {
      throw new IllegalArgumentException("snapshot of " + snapshot.origin() + " given for zone " + zone);
    }
    RecordChecks.checkSoa("zone " + zone, snapshot.soa());
  }

  /** The zone's rows replaced by {@code snapshot}, its journal cleared; returns the records written. */
  private static int writeWhole(java.sql.Connection c, Name zone, ZoneSnapshot snapshot, String kind, String sourceHash,
      long now) throws java.sql.SQLException {
    Optional<ZoneRows.Row> row = ZoneRows.find(c, zone);
    long id;
    if (row.isPresent()) {
      id = row.get().id();
      RecordRows.deleteAll(c, id);
      JournalRows.clear(c, id);
      ZoneRows.update(c, id, snapshot.serial(), kind, hashOrEmpty(sourceHash), now);
    } else {
      id = ZoneRows.insert(c, zone, snapshot.serial(), kind, hashOrEmpty(sourceHash), now);
    }
    return RecordRows.insertAll(c, id, snapshot);
  }

  private void replace(Name zone, ZoneSnapshot snapshot, String kind, String sourceHash, boolean synced) throws StoreException {
    check(zone, snapshot, kind);
    deferred.flush();
    long started = System.nanoTime();
    int count = db.write("replacing zone " + zone, synced,
        c -> writeWhole(c, zone, snapshot, kind, sourceHash, clock.millis()));
    if (count > BIG_WRITE) {
      db.releaseMemory();
    }
    log.debug("zone {}: stored serial {} in full, {} records, {} ms", zone, snapshot.serial(), count,
        (System.nanoTime() - started) / 1_000_000);
  }

  @Override
  public void commitAll(Name zone, List<ZoneDiff> diffs, String sourceHash, JournalRetention retention, Actor actor)
      throws StoreException {
    Objects.requireNonNull(retention, "retention");
    Objects.requireNonNull(actor, "actor");
    if (diffs.isEmpty()) {
      throw new IllegalArgumentException("no diffs to commit");
    }
    List<byte[]> entries = new java.util.ArrayList<>();
    for (ZoneDiff diff : diffs) {
      RecordChecks.checkDiff(zone, diff);
      entries.add(DiffCodec.encode(diff));
    }
    ZoneDiff first = diffs.get(0);
    ZoneDiff last = diffs.get(diffs.size() - 1);
    String what = diffs.size() == 1 ? "committing serial " + first.fromSerial() + " to " + first.toSerial() + " of zone " + zone
        : "committing serials " + first.fromSerial() + " to " + last.toSerial() + " (" + diffs.size() + " diffs) of zone " + zone;
    deferred.flush();
    db.write(what, c -> {
      for (int i = 0; i < diffs.size(); i++) {
        ZoneDiff diff = diffs.get(i);
        long id = currentRow(c, zone, diff).id();
        applyRecords(c, id, zone, diff);
        long now = clock.millis(); // read mid-transaction: SqliteCrashTest holds a writer here to kill it
        ZoneRows.update(c, id, diff.toSerial(), null, hashOrEmpty(sourceHash), now);
        JournalRows.append(c, id, diff, entries.get(i), now, actor);
        JournalRows.prune(c, id, retention);
      }
      return null;
    });
  }

  private static ZoneRows.Row currentRow(Connection c, Name zone, ZoneDiff diff)
      throws SQLException, StoreException {
    ZoneRows.Row row = ZoneRows.find(c, zone).orElseThrow(() -> new StoreException(
        "zone " + zone + " is not stored, so a diff cannot apply to it: store it in full (replace) first"));
    if (row.serial() != diff.fromSerial()) {
      throw new StoreException("zone " + zone + ": the diff goes from serial " + diff.fromSerial() + " to "
          + diff.toSerial() + " but the stored serial is " + row.serial()
          + "; nothing was changed (compute the diff against the stored version, or replace the zone)");
    }
    return row;
  }

  /** Swaps the SOA, then deletes and adds, as an IXFR sequence is applied (RFC 1995 §4). */
  private static void applyRecords(Connection c, long id, Name zone, ZoneDiff diff)
      throws SQLException, StoreException {
    String what = "zone " + zone + ": the diff from serial " + diff.fromSerial() + " to " + diff.toSerial();
    try (RecordRows.Editor editor = new RecordRows.Editor(c, id)) {
      if (!editor.replaceSoa(diff.toSoa())) {
        throw new StoreException("zone " + zone + " is damaged: its stored records have no SOA at the apex; "
            + "store it again in full (replace)");
      }
      for (Record r : diff.deleted()) {
        if (!editor.delete(r)) {
          throw new StoreException(what + " does not apply: it deletes " + RecordChecks.show(r)
              + ", which is not stored; nothing was changed");
        }
      }
      for (Record r : diff.added()) {
        if (!editor.add(r)) {
          throw new StoreException(what + " does not apply: it adds " + RecordChecks.show(r)
              + ", which is already stored; nothing was changed");
        }
      }
    }
  }

  @Override
  public Optional<List<ZoneDiff>> journalSince(Name zone, long fromSerial) throws StoreException {
    deferred.flushBefore(zone);
    return db.read("reading the journal of zone " + zone, c -> {
      Optional<ZoneRows.Row> row = ZoneRows.find(c, zone);
      if (row.isEmpty()) {
        return Optional.empty();
      }
      if (row.get().serial() == fromSerial) {
        return Optional.of(List.of());
      }
      Optional<Long> start = JournalRows.chainStart(c, row.get().id(), fromSerial, row.get().serial());
      if (start.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(JournalRows.readFrom(c, row.get().id(), start.get(), zone.toString()));
    });
  }

  @Override
  public List<HistoryEntry> history(Name zone, int limit, long beforeSeq) throws StoreException {
    if (limit < 1) {
      throw new IllegalArgumentException("history limit must be at least 1");
    }
    deferred.flushBefore(zone);
    return db.read("reading the history of zone " + zone, c -> {
      Optional<ZoneRows.Row> row = ZoneRows.find(c, zone);
      return row.isEmpty() ? List.<HistoryEntry>of() : JournalRows.history(c, row.get().id(), zone.toString(), limit, beforeSeq);
    });
  }

  @Override
  public List<StoredToken> tokens() throws StoreException {
    return db.read("reading the API tokens", TokenRows::all);
  }

  @Override
  public boolean addToken(StoredToken token) throws StoreException {
    return db.write("adding API token " + token.name(), c -> TokenRows.add(c, token));
  }

  @Override
  public boolean removeToken(String name) throws StoreException {
    return db.write("removing API token " + name, c -> TokenRows.remove(c, name));
  }

  @Override
  public void delete(Name zone) throws StoreException {
    deferred.flush();
    db.write("deleting zone " + zone, c -> {
      Optional<ZoneRows.Row> row = ZoneRows.find(c, zone);
      if (row.isPresent()) {
        RecordRows.deleteAll(c, row.get().id());
        JournalRows.clear(c, row.get().id());
        ZoneRows.delete(c, row.get().id());
      }
      StateRows.deleteAll(c, zone);
      return null;
    });
  }

  @Override
  public void putState(Name zone, String key, String value) throws StoreException {
    putState(zone, key, value, true);
  }

  @Override
  public void putStateBeforeCommit(Name zone, String key, String value) throws StoreException {
    putState(zone, key, value, false);
  }

  private void putState(Name zone, String key, String value, boolean synced) throws StoreException {
    Objects.requireNonNull(key, "key");
    deferred.flush();
    db.write("saving state '" + key + "' of zone " + zone, synced, c -> {
      StateRows.put(c, zone, key, value);
      return null;
    });
  }

  @Override
  public Map<String, String> state(Name zone) throws StoreException {
    deferred.flushBefore(zone);
    return Collections.unmodifiableMap(db.read("reading the state of zone " + zone, c -> StateRows.all(c, zone)));
  }

  @Override
  public void close() {
    deferred.close();
    db.close();
  }

  private static String hashOrEmpty(String sourceHash) {
    return sourceHash == null ? "" : sourceHash;
  }

  private static void createParent(Path file) throws StoreException {
    Path dir = file.toAbsolutePath().getParent();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new StoreException("cannot create the data directory " + dir + ": " + e
          + "; create it, or point server.data-dir elsewhere", e);
    }
  }
}
