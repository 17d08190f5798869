package org.tandemdns.store;

import java.nio.file.Path;
import java.sql.SQLException;

/** Turns SQLite failures into {@link StoreException}s that say what failed and what to do about it. */
final class StoreErrors {
  private static final int SQLITE_PERM = 3;
  private static final int SQLITE_BUSY = 5;
  private static final int SQLITE_LOCKED = 6;
  private static final int SQLITE_NOMEM = 7;
  private static final int SQLITE_READONLY = 8;
  private static final int SQLITE_IOERR = 10;
  private static final int SQLITE_CORRUPT = 11;
  private static final int SQLITE_FULL = 13;
  private static final int SQLITE_CANTOPEN = 14;
  private static final int SQLITE_NOTADB = 26;

  private StoreErrors() {}

  /** @param what the operation and zone, e.g. {@code "commit of zone example.com."} */
  static StoreException of(String what, Path file, SQLException e) {
    return new StoreException(what + " failed in " + file + ": " + e.getMessage() + advice(e, file), e);
  }

  private static String advice(SQLException e, Path file) {
    Path dir = file.toAbsolutePath().getParent();
    return switch (e.getErrorCode() & 0xff) {
      case SQLITE_FULL -> "; the disk holding " + dir + " is full: free space, then retry";
      case SQLITE_BUSY, SQLITE_LOCKED ->
          "; another process holds the database lock: is a second Tandem using " + dir + "?";
      case SQLITE_READONLY, SQLITE_PERM, SQLITE_CANTOPEN ->
          "; check that " + dir + " and the files in it exist and are writable by this user";
      case SQLITE_IOERR -> "; the disk reported an I/O error: check the disk and the system log";
      case SQLITE_CORRUPT, SQLITE_NOTADB ->
          "; the database file is damaged: stop Tandem and restore " + file + " from a backup (docs/store.md)";
      case SQLITE_NOMEM -> "; SQLite ran out of memory";
      default -> "";
    };
  }
}
