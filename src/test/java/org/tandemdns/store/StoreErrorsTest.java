package org.tandemdns.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** SQLite failures become messages that name the operation and zone, the file, and what to do. */
class StoreErrorsTest {
  static final Path FILE = Path.of("/var/lib/tandem/tandem.db");

  static String message(SQLiteErrorCode code) {
    return StoreErrors.of("committing serial 1 to 2 of zone example.com.", FILE,
        new SQLiteException("[" + code.name() + "] " + code.message, code)).getMessage();
  }

  @Test
  void aFullDiskSaysWhichZoneAndOperationAndToFreeSpace() {
    assertThat(message(SQLiteErrorCode.SQLITE_FULL))
        .startsWith("committing serial 1 to 2 of zone example.com. failed in /var/lib/tandem/tandem.db: [SQLITE_FULL]")
        .endsWith("the disk holding /var/lib/tandem is full: free space, then retry");
  }

  @Test
  void extendedCodesGetTheAdviceOfTheirPrimaryCode() {
    assertThat(message(SQLiteErrorCode.SQLITE_IOERR_WRITE)).contains("the disk reported an I/O error");
    assertThat(message(SQLiteErrorCode.SQLITE_BUSY_SNAPSHOT)).contains("is a second Tandem using /var/lib/tandem?");
    assertThat(message(SQLiteErrorCode.SQLITE_READONLY_DBMOVED)).contains("exist and are writable");
  }

  @Test
  void damageSaysToRestoreFromABackup() {
    assertThat(message(SQLiteErrorCode.SQLITE_CORRUPT)).contains("restore /var/lib/tandem/tandem.db from a backup");
    assertThat(message(SQLiteErrorCode.SQLITE_NOTADB)).contains("from a backup");
  }
}
