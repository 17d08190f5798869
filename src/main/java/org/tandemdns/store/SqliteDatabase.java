package org.tandemdns.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.locks.ReentrantLock;
import org.sqlite.SQLiteConfig;

/**
 * The connections to one SQLite file in WAL mode (https://sqlite.org/wal.html): a single writer
 * connection used under a lock, so writes run one at a time, and a pool of query-only reader
 * connections. In WAL mode a reader sees the last committed state when its transaction began and is
 * neither blocked by the writer nor blocks it, so reads never wait for a big write.
 */
final class SqliteDatabase implements AutoCloseable {
  static final int BUSY_TIMEOUT_MS = 10_000;
  private static final int MAX_IDLE_READERS = 4;
  private static final int WRITER_CACHE_KIB = 16 * 1024;
  private static final int READER_CACHE_KIB = 16 * 1024;
  private static final int WAL_SIZE_LIMIT = 64 << 20;

  private final Path file;
  private final ReentrantLock writeLock = new ReentrantLock(true);
  private final Connection writer;
  private final Deque<Connection> idleReaders = new ArrayDeque<>();
  private boolean closed; // guarded by idleReaders

  private SqliteDatabase(Path file, Connection writer) {
    this.file = file;
    this.writer = writer;
  }

  /** Opens (creating if needed) {@code file} and brings its schema up to date. */
  static SqliteDatabase open(Path file, Migrations migrations, Clock clock) throws StoreException {
    Connection writer = connect(file, writerConfig(), "open");
    try {
      checkWal(writer, file);
      migrations.apply(writer, file, clock);
      return new SqliteDatabase(file, writer);
    } catch (StoreException | RuntimeException e) {
      closeQuietly(writer);
      throw e;
    }
  }

  Path file() {
    return file;
  }

  /** Runs {@code work} in one write transaction, synced to disk; {@code what} names the operation in errors. */
  <T> T write(String what, SqlWork<T> work) throws StoreException {
    return write(what, true, work);
  }

  /**
   * As above; when not {@code synced}, the commit does not wait for the disk (synchronous=NORMAL for
   * this transaction: in WAL mode a crash of the process keeps it, a power cut may lose it until
   * the next synced commit, whose sync of the log covers it too).
   */
  <T> T write(String what, boolean synced, SqlWork<T> work) throws StoreException {
    writeLock.lock();
    try {
      ensureOpen(what);
      if (synced) {
        return Transactions.write(writer, work);
      }
      Transactions.exec(writer, "PRAGMA synchronous=NORMAL");
      try {
        return Transactions.write(writer, work);
      } finally {
        Transactions.exec(writer, "PRAGMA synchronous=FULL");
      }
    } catch (SQLException e) {
      throw StoreErrors.of(what, file, e);
    } finally {
      writeLock.unlock();
    }
  }

  /** Gives back the writer's page cache beyond what SQLite needs now (after a big write). */
  void releaseMemory() {
    writeLock.lock();
    try {
      if (!writer.isClosed()) {
        Transactions.exec(writer, "PRAGMA shrink_memory");
      }
    } catch (SQLException ignored) {
      // only an optimisation
    } finally {
      writeLock.unlock();
    }
  }

  /** Runs {@code work} in one read transaction, on a reader connection, beside any write. */
  <T> T read(String what, SqlWork<T> work) throws StoreException {
    Connection c = borrowReader(what);
    try {
      return Transactions.read(c, work);
    } catch (SQLException e) {
      throw StoreErrors.of(what, file, e);
    } finally {
      returnReader(c);
    }
  }

  private Connection borrowReader(String what) throws StoreException {
    synchronized (idleReaders) {
      ensureOpen(what);
      Connection c = idleReaders.pollFirst();
      if (c != null) {
        return c;
      }
    }
    Connection c = connect(file, readerConfig(), what);
    try {
      Transactions.exec(c, "PRAGMA query_only = 1");
    } catch (SQLException e) {
      closeQuietly(c);
      throw StoreErrors.of(what, file, e);
    }
    return c;
  }

  private void returnReader(Connection c) {
    synchronized (idleReaders) {
      if (!closed && idleReaders.size() < MAX_IDLE_READERS) {
        idleReaders.addFirst(c);
        return;
      }
    }
    closeQuietly(c);
  }

  private void ensureOpen(String what) throws StoreException {
    synchronized (idleReaders) {
      if (closed) {
        throw new StoreException(what + ": the store " + file + " is closed");
      }
    }
  }

  /** Closes every connection; waits for a running write to finish. Readers in use close when returned. */
  @Override
  public void close() {
    synchronized (idleReaders) {
      if (closed) {
        return;
      }
      closed = true;
      idleReaders.forEach(SqliteDatabase::closeQuietly);
      idleReaders.clear();
    }
    writeLock.lock();
    try {
      closeQuietly(writer);
    } finally {
      writeLock.unlock();
    }
  }

  private static SQLiteConfig writerConfig() {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    // FULL: every commit is synced to disk before it returns, so an acknowledged change survives a
    // power cut, not only a crash of the process.
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    config.enforceForeignKeys(true);
    config.setBusyTimeout(BUSY_TIMEOUT_MS);
    config.setCacheSize(-WRITER_CACHE_KIB);
    config.setTempStore(SQLiteConfig.TempStore.MEMORY);
    config.setJournalSizeLimit(WAL_SIZE_LIMIT);
    return config;
  }

  private static SQLiteConfig readerConfig() {
    SQLiteConfig config = new SQLiteConfig();
    config.enforceForeignKeys(true);
    config.setBusyTimeout(BUSY_TIMEOUT_MS);
    config.setCacheSize(-READER_CACHE_KIB);
    return config;
  }

  private static Connection connect(Path file, SQLiteConfig config, String what) throws StoreException {
    try {
      return config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
    } catch (SQLException e) {
      throw StoreErrors.of(what + " (opening the database)", file, e);
    }
  }

  private static void checkWal(Connection c, Path file) throws StoreException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
      String mode = rs.next() ? rs.getString(1) : "unknown";
      if (!"wal".equalsIgnoreCase(mode)) {
        throw new StoreException(file + " cannot use write-ahead logging (journal mode is " + mode
            + "); put the data directory on a local file system");
      }
    } catch (SQLException e) {
      throw StoreErrors.of("checking the journal mode", file, e);
    }
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException ignored) {
      // closing is best effort; SQLite recovers anything left from the WAL at the next open
    }
  }
}
