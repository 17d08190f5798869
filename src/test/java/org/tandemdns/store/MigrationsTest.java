package org.tandemdns.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tandemdns.store.TestRecords.ZONE;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandemdns.zone.TestZones;

/** Versioned schema migrations: applied once, in order, each whole or not at all; newer databases refused. */
class MigrationsTest {
  @TempDir Path dir;

  Path db() {
    return dir.resolve("tandem.db");
  }

  List<String> query(String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        rows.add(rs.getString(1));
      }
    }
    return rows;
  }

  void execute(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db()); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  static final int LATEST = Schema.migrations().size();

  static Migrations withNextStep(String... statements) {
    List<Migration> steps = new ArrayList<>(Schema.migrations());
    steps.add(new Migration(LATEST + 1, "test step", List.of(statements)));
    return new Migrations(steps);
  }

  static Migrations firstStepOnly() {
    return new Migrations(Schema.migrations().subList(0, 1));
  }

  @Test
  void aNewDatabaseGetsTheInitialSchemaAndReopeningAppliesNothingAgain() throws Exception {
    new SqliteZoneStore(db()).close();
    List<String> first = query("SELECT version || ' ' || description || ' ' || applied_at FROM schema_version");

    new SqliteZoneStore(db()).close();
    new SqliteZoneStore(db()).close();

    assertThat(first).hasSize(2);
    assertThat(first.get(0)).startsWith("1 initial schema ");
    assertThat(first.get(1)).startsWith("2 audit history in the journal; API tokens ");
    assertThat(query("SELECT version || ' ' || description || ' ' || applied_at FROM schema_version"))
        .isEqualTo(first);
    assertThat(query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"))
        .containsExactly("api_tokens", "journal", "records", "schema_version", "zone_state", "zones");
    assertThat(query("PRAGMA journal_mode")).containsExactly("wal");
  }

  @Test
  void aDatabaseFromANewerTandemIsRefusedAndLeftAlone() throws Exception {
    new SqliteZoneStore(db()).close();
    execute("INSERT INTO schema_version VALUES (5, 'from the future', 0)");

    assertThatThrownBy(() -> new SqliteZoneStore(db()))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("has schema version 5, newer than the version 2 this Tandem knows")
        .hasMessageContaining("written by a newer Tandem");

    assertThat(query("SELECT max(version) FROM schema_version")).containsExactly("5");
  }

  @Test
  void aLaterStepIsAppliedToAnExistingDatabaseKeepingItsData() throws Exception {
    try (SqliteZoneStore store = new SqliteZoneStore(db())) {
      store.replace(ZONE, TestZones.parse("z.test.", SqliteZoneStoreTest.BASE), "api", "");
    }

    try (SqliteZoneStore store = new SqliteZoneStore(db(), Clock.systemUTC(),
        withNextStep("ALTER TABLE zones ADD COLUMN note TEXT"))) {
      assertThat(store.info(ZONE)).isPresent();
    }

    assertThat(query("SELECT version FROM schema_version ORDER BY version")).containsExactly("1", "2", "3");
    assertThat(query("SELECT count(*) FROM pragma_table_info('zones') WHERE name = 'note'")).containsExactly("1");
  }

  @Test
  void aFailingStepIsRolledBackWholeAndTheDatabaseStaysAtThePreviousVersion() throws Exception {
    new SqliteZoneStore(db()).close();

    assertThatThrownBy(() -> new SqliteZoneStore(db(), Clock.systemUTC(),
        withNextStep("CREATE TABLE extra (x INTEGER)", "THIS IS NOT SQL")))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("to schema version 3 (test step) failed")
        .hasMessageContaining("left at version 2");

    assertThat(query("SELECT max(version) FROM schema_version")).containsExactly("2");
    assertThat(query("SELECT name FROM sqlite_master WHERE name = 'extra'")).isEmpty();
  }

  @Test
  void aVersion1JournalIsKeptByTheHistoryStepAndItsEntriesHaveNoKnownAuthor() throws Exception {
    org.tandemdns.zone.ZoneSnapshot base = TestZones.parse("z.test.", SqliteZoneStoreTest.BASE);
    org.tandemdns.zone.ZoneDiff diff = TestRecords.diff(1, 2, "", "new A 192.0.2.9");
    try (SqliteZoneStore store = new SqliteZoneStore(db(), Clock.systemUTC(), firstStepOnly())) {
      store.replace(ZONE, base, "api", "");
    }
    // a journal entry as version 1 wrote it, and the zone at its serial
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db());
        java.sql.PreparedStatement ps = c.prepareStatement("INSERT INTO journal(zone_id, serial_from, serial_to, created_at,"
            + " size_bytes, diff) VALUES ((SELECT id FROM zones), 1, 2, 0, 1, ?)")) {
      ps.setBytes(1, DiffCodec.encode(diff));
      ps.executeUpdate();
      c.createStatement().execute("UPDATE zones SET serial = 2");
    }
    assertThat(query("SELECT max(version) FROM schema_version")).containsExactly("1");

    try (SqliteZoneStore store = new SqliteZoneStore(db())) {
      assertThat(store.journalSince(ZONE, base.serial())).hasValueSatisfying(d -> assertThat(d).containsExactly(diff));
      assertThat(store.history(ZONE, 10, 0)).singleElement().satisfies(h -> {
        assertThat(h.actor()).isEqualTo(Actor.unknown());
        assertThat(h.diff()).isEqualTo(diff);
      });
    }
  }

  @Test
  void aFileThatIsNotADatabaseIsRefusedWithAdvice() throws Exception {
    java.nio.file.Files.write(db(), "this is not an SQLite database, just some text long enough".repeat(40).getBytes());

    assertThatThrownBy(() -> new SqliteZoneStore(db()))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining(db().toString())
        .hasMessageContaining("restore");
  }

  @Test
  void stepsMustBeNumberedInOrder() {
    assertThatThrownBy(() -> new Migrations(List.of(new Migration(2, "skips one", List.of()))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("versions must run 1, 2, 3");
  }
}
