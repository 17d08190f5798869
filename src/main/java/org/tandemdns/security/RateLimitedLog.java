package org.tandemdns.security;

import java.time.Duration;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * A WARN line that any packet can trigger (a bad TSIG, a refused NOTIFY, UPDATE or transfer; UDP
 * sources are spoofable), written at most {@code perWindow} times per window: a flood must not
 * fill the disk with log (issue 13: 2.8 KB per packet was 10 GB an hour at 1,000 packets/s). The
 * lines left out are counted and reported with the next line written.
 */
public final class RateLimitedLog {
  private final BiConsumer<String, Object[]> sink;
  private final LongSupplier nanoTime;
  private final int perWindow;
  private final long windowNanos;
  private long windowStart;
  private int written;
  private long suppressed;

  /** At most 20 lines per 10 s to {@code log}'s WARN. */
  public RateLimitedLog(Logger log) {
    this(log::warn, System::nanoTime, 20, Duration.ofSeconds(10));
  }

  RateLimitedLog(BiConsumer<String, Object[]> sink, LongSupplier nanoTime, int perWindow, Duration window) {
    this.sink = sink;
    this.nanoTime = nanoTime;
    this.perWindow = perWindow;
    this.windowNanos = window.toNanos();
    this.windowStart = nanoTime.getAsLong();
  }

  /** Writes the line (SLF4J format) unless this window's quota is used up. */
  public void warn(String format, Object... args) {
    long left;
    synchronized (this) {
      long now = nanoTime.getAsLong();
      if (now - windowStart >= windowNanos) {
        windowStart = now;
        written = 0;
      }
      if (written >= perWindow) {
        suppressed++;
        return;
      }
      written++;
      left = suppressed;
      suppressed = 0;
    }
    if (left > 0) {
      sink.accept("{} more lines like the next were not logged (at most {} per {} s)",
          new Object[] {left, perWindow, windowNanos / 1_000_000_000L});
    }
    sink.accept(format, args);
  }
}
