package org.tandemdns.change;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.tandemdns.config.ZoneConfig;
import org.tandemdns.zone.ZoneFileException;
import org.tandemdns.zone.ZoneFileLoader;
import org.tandemdns.zone.ZoneValidationException;
import org.xbill.DNS.Name;

/**
 * Start-up reads of zone files begun before the rest of the server is up (store, sockets, API), on
 * background threads, so that the longest part of starting with big zones overlaps the rest. Each
 * read is taken once, by the first load of its zone; reloads always read the file again.
 */
public final class ZoneFilePrefetch implements AutoCloseable {
  private final Map<Name, Read> reads = new ConcurrentHashMap<>();
  private final ExecutorService readers;

  private record Read(Path file, Future<ZoneFileLoader.Loaded> result) {}

  private ZoneFilePrefetch(ExecutorService readers) {
    this.readers = readers;
  }

  /** Starts reading the file of every zone in {@code zones} that has one. */
  public static ZoneFilePrefetch start(List<ZoneConfig> zones) {
    List<ZoneConfig> files = zones.stream().filter(z -> z.file() != null).toList();
    int threads = Math.max(1, Math.min(files.size(), Runtime.getRuntime().availableProcessors()));
    ExecutorService readers = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "zone-read");
      t.setDaemon(true);
      return t;
    });
    ZoneFilePrefetch prefetch = new ZoneFilePrefetch(readers);
    for (ZoneConfig z : files) {
      prefetch.reads.put(z.name(), new Read(z.file(), readers.submit(() -> ZoneFileLoader.read(z.file(), z.name()))));
    }
    readers.shutdown();
    return prefetch;
  }

  /** No reads ahead: every load reads its file when it comes. */
  public static ZoneFilePrefetch none() {
    return new ZoneFilePrefetch(null);
  }

  /**
   * The zone read ahead from {@code file}, waiting for it if need be; null when none was (or it was
   * taken already, or the config now names another file).
   */
  ZoneFileLoader.Loaded take(Name zone, Path file) throws IOException, ZoneFileException, ZoneValidationException {
    Read read = reads.remove(zone);
    if (read == null || !read.file().equals(file)) {
      return null;
    }
    try {
      return read.result().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while reading " + file, e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof ZoneFileException zf) {
        throw zf;
      }
      if (cause instanceof ZoneValidationException zv) {
        throw zv;
      }
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException("reading " + file + " failed", cause);
    }
  }

  /** Drops reads nobody took. */
  @Override
  public void close() {
    reads.values().forEach(r -> r.result().cancel(true));
    reads.clear();
    if (readers != null) {
      readers.shutdownNow();
    }
  }
}
