package org.tandemdns.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandemdns.zone.ZoneSnapshot;
import org.xbill.DNS.Name;

/**
 * First versions of zones that their source makes again (a zone file's, see {@link
 * ZoneStore#replaceReproducible}), written to the store in batches: one transaction for up to
 * {@value #BATCH} zones, at most {@value #DELAY_MS} ms after the first of them. A first start with
 * 10,000 small file zones spent most of its load in one transaction per zone.
 *
 * <p>Nothing reads around them: a read of a zone still waiting, and every write, first writes what
 * waits ({@link #flushBefore}), so the store always looks as if each had been written at once. Lost
 * to a crash before its batch is written, a first version is made again from its file at the next
 * start, which then finds no stored version.
 */
final class DeferredFirstVersions implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DeferredFirstVersions.class);
  static final int BATCH = 256;
  static final long DELAY_MS = 20;
  /** A first version bigger than this is written at once: it is its own batch. */
  static final int MAX_RECORDS = 10_000;

  record FirstVersion(Name zone, ZoneSnapshot snapshot, String kind, String sourceHash) {}

  /** Writes a batch in one transaction, in order. */
  interface Writer {
    void write(List<FirstVersion> batch) throws StoreException;
  }

  private final Writer writer;
  private final Object lock = new Object();
  private final Map<Name, FirstVersion> waiting = new LinkedHashMap<>(); // guarded by lock
  private final ReentrantLock flushing = new ReentrantLock();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "store-first-versions");
    t.setDaemon(true);
    return t;
  });

  DeferredFirstVersions(Writer writer) {
    this.writer = writer;
  }

  /** Queues a first version; writes the batch now when it is full. */
  void add(FirstVersion v) throws StoreException {
    boolean full;
    synchronized (lock) {
      waiting.put(v.zone(), v);
      full = waiting.size() >= BATCH;
      if (waiting.size() == 1) {
        schedule(DELAY_MS);
      }
    }
    if (full) {
      flush();
    }
  }

  boolean waits(Name zone) {
    synchronized (lock) {
      return waiting.containsKey(zone);
    }
  }

  /** Before a read of {@code zone} (or of every zone, with null): writes what waits, if it matters. */
  void flushBefore(Name zone) throws StoreException {
    if (zone == null || waits(zone)) {
      flush();
    }
  }

  /** Writes every waiting first version in one transaction; they stay queued if that fails. */
  void flush() throws StoreException {
    flushing.lock();
    try {
      List<FirstVersion> batch;
      synchronized (lock) {
        if (waiting.isEmpty()) {
          return;
        }
        batch = new ArrayList<>(waiting.values());
      }
      writer.write(batch);
      synchronized (lock) {
        for (FirstVersion v : batch) {
          waiting.remove(v.zone(), v);
        }
        if (!waiting.isEmpty()) {
          schedule(DELAY_MS); // queued while this batch was written: their timer was this one
        }
      }
    } finally {
      flushing.unlock();
    }
  }

  private void flushQuietly() {
    try {
      flush();
    } catch (StoreException | RuntimeException e) {
      int left;
      synchronized (lock) {
        left = waiting.size();
        if (left > 0) {
          schedule(1_000);
        }
      }
      log.error("cannot store the first versions of {} zone(s) read from files ({}); they are served, and the store is "
          + "tried again in 1 s", left, e.getMessage());
    }
  }

  private void schedule(long delayMs) {
    try {
      timer.schedule(this::flushQuietly, delayMs, TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // closed: close() wrote what waited
    }
  }

  /** Writes what waits, then stops the timer. */
  @Override
  public void close() {
    try {
      flush();
    } catch (StoreException | RuntimeException e) {
      log.error("cannot store the first versions of zones read from files ({}); the next start reads their files again",
          e.getMessage());
    } finally {
      timer.shutdownNow();
    }
  }
}
