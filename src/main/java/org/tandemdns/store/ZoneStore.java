package org.tandemdns.store;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.tandemdns.zone.ZoneDiff;
import org.tandemdns.zone.ZoneSnapshot;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

/**
 * Durable zone state: each zone's current version, its journal of diffs keyed by serial (the IXFR
 * history, RFC 1995), and small per-zone state such as timers. Every method is atomic: it either
 * happens whole or not at all, across crashes too. Implementations are thread-safe; reads are not
 * held up for long by a concurrent write.
 */
public interface ZoneStore extends AutoCloseable {

  /** Every stored zone. */
  List<StoredZoneInfo> zones() throws StoreException;

  /** One zone's summary, or empty when the zone is not stored. */
  Optional<StoredZoneInfo> info(Name zone) throws StoreException;

  /**
   * Streams the records of a zone's current version (SOA included, any order) to {@code sink};
   * false when the zone is not stored.
   */
  default boolean readZone(Name zone, Consumer<Record> sink) throws StoreException {
    List<String> unreadable = new java.util.ArrayList<>();
    boolean stored = readZone(zone, sink, unreadable::add);
    if (!unreadable.isEmpty()) {
      throw new StoreException("zone " + zone + ": " + unreadable.get(0) + (unreadable.size() > 1 ? " (and "
          + (unreadable.size() - 1) + " more)" : "") + "; store the zone again in full (replace), and check the disk");
    }
    return stored;
  }

  /**
   * As {@link #readZone(Name, Consumer)}, going on past stored records that cannot be decoded:
   * each is described to {@code unreadable} and left out, so that one damaged row does not take
   * the whole zone offline.
   */
  boolean readZone(Name zone, Consumer<Record> sink, Consumer<String> unreadable) throws StoreException;

  /**
   * Stores {@code snapshot} as the zone's whole current version, replacing any stored one, and
   * clears its journal (history no longer leads to this version). Creates the zone if needed.
   */
  void replace(Name zone, ZoneSnapshot snapshot, String kind, String sourceHash) throws StoreException;

  /**
   * As {@link #replace}, for a version that its source makes again, the same, if it is lost (the
   * first version of an unsigned zone read from a file): committed without waiting for the disk,
   * and a small one may wait (milliseconds) for a batch of others. Every later read of the zone and
   * every write see it as if written at once; a crash or power cut before it reaches the disk loses
   * it, and the next start reads the file again. Starting with 10,000 new file zones spent most of
   * its load in one synced transaction per zone.
   */
  default void replaceReproducible(Name zone, ZoneSnapshot snapshot, String kind, String sourceHash) throws StoreException {
    replace(zone, snapshot, kind, sourceHash);
  }

  /**
   * Applies {@code diff} to the stored current version, appends it to the journal, prunes the
   * journal to {@code retention}, and records {@code sourceHash}, in one transaction. Fails, changing
   * nothing, when the zone is not stored or its stored serial is not {@code diff.fromSerial()}.
   */
  default void commit(Name zone, ZoneDiff diff, String sourceHash, JournalRetention retention) throws StoreException {
    commit(zone, diff, sourceHash, retention, Actor.unknown());
  }

  /** As {@link #commit(Name, ZoneDiff, String, JournalRetention)}, recording who made the change in its journal entry. */
  default void commit(Name zone, ZoneDiff diff, String sourceHash, JournalRetention retention, Actor actor) throws StoreException {
    commitAll(zone, List.of(diff), sourceHash, retention, actor);
  }

  /**
   * As {@link #commit} for a chain of diffs (an IXFR with several versions), each one journaled,
   * all in one transaction: either every diff is stored or none is, so that a failure midway never
   * leaves the store ahead of what is served.
   */
  default void commitAll(Name zone, List<ZoneDiff> diffs, String sourceHash, JournalRetention retention) throws StoreException {
    commitAll(zone, diffs, sourceHash, retention, Actor.unknown());
  }

  /** As {@link #commitAll(Name, List, String, JournalRetention)}, each journal entry recording {@code actor}. */
  void commitAll(Name zone, List<ZoneDiff> diffs, String sourceHash, JournalRetention retention, Actor actor) throws StoreException;

  /**
   * The zone's audit history: its newest {@code limit} journal entries older than {@code beforeSeq}
   * (0 for the newest), newest first, each with who made it. It is as long as the journal (pruned
   * with it, cleared when the zone is stored whole again); empty when the zone is not stored.
   */
  List<HistoryEntry> history(Name zone, int limit, long beforeSeq) throws StoreException;

  /**
   * The journal entries leading from {@code fromSerial} to the current version, oldest first; empty
   * when the journal does not reach back that far (or {@code fromSerial} is not a serial it holds).
   * An empty list inside the Optional means {@code fromSerial} is the current serial.
   */
  Optional<List<ZoneDiff>> journalSince(Name zone, long fromSerial) throws StoreException;

  /** Removes a zone, its journal and its state. No-op when absent. */
  void delete(Name zone) throws StoreException;

  /** Sets (or, with a null value, removes) one state entry of a zone (timers and the like). */
  void putState(Name zone, String key, String value) throws StoreException;

  /**
   * As {@link #putState}, without waiting for the disk: for a state written just before a change
   * of the same zone whose commit is synced, which makes this write durable too (SQLite syncs its
   * write-ahead log as a whole). Creating a zone through the API saved one sync of two.
   */
  default void putStateBeforeCommit(Name zone, String key, String value) throws StoreException {
    putState(zone, key, value);
  }

  /** All state entries of a zone. */
  Map<String, String> state(Name zone) throws StoreException;

  @Override
  void close();
}
