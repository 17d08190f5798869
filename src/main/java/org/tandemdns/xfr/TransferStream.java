package org.tandemdns.xfr;

import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An outbound transfer in progress: hands out messages, and when closed releases its transfer slot
 * and writes the transfer's one log line (zone, type, remote, key, serials, records, messages, bytes,
 * duration, outcome).
 */
final class TransferStream implements MessageStream {
  private static final Logger log = LoggerFactory.getLogger("transfer");

  private final TransferMessages messages;
  private final Semaphore slots;
  private final String description;
  private final Runnable onComplete;
  private final long started = System.nanoTime();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile boolean produced;
  private volatile boolean delivered;

  TransferStream(TransferMessages messages, Semaphore slots, String description, Runnable onComplete) {
    this.messages = messages;
    this.slots = slots;
    this.description = description;
    this.onComplete = onComplete;
  }

  @Override
  public byte[] next() {
    byte[] m = messages.next();
    if (m == null) {
      produced = true;
    }
    return m;
  }

  @Override
  public void delivered() {
    delivered = produced;
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    slots.release();
    long ms = (System.nanoTime() - started) / 1_000_000;
    if (delivered) {
      onComplete.run();
      log.info("{} records={} messages={} bytes={} duration={}ms result=ok", description, messages.records(),
          messages.messages(), messages.bytes(), ms);
    } else if (produced) {
      log.warn("{} records={} messages={} bytes={} duration={}ms result=aborted (every message produced, not all written:"
          + " the client stopped reading or closed)", description, messages.records(), messages.messages(), messages.bytes(), ms);
    } else {
      log.warn("{} records={} messages={} bytes={} duration={}ms result=aborted (connection closed or stalled)",
          description, messages.records(), messages.messages(), messages.bytes(), ms);
    }
  }
}
