package org.tandemdns.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tandemdns.store.TestRecords.ZONE;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandemdns.zone.TestZones;

/** The audit history kept in the journal, and the API tokens kept as hashes. */
class AuditHistoryStoreTest {
  @TempDir Path dir;

  private SqliteZoneStore open() throws StoreException {
    return new SqliteZoneStore(dir.resolve("tandem.db"));
  }

  @Test
  void eachJournalEntryKeepsWhoMadeItNewestFirstAcrossARestart() throws Exception {
    Actor api = new Actor("api", "ops", "127.0.0.1");
    Actor update = new Actor("update", "key ddns-key.", "192.0.2.7");
    try (SqliteZoneStore store = open()) {
      store.replace(ZONE, TestZones.parse("z.test.", SqliteZoneStoreTest.BASE), "api", "");
      store.commit(ZONE, TestRecords.diff(1, 2, "", "a A 192.0.2.10"), "", JournalRetention.defaults(), api);
      store.commitAll(ZONE, List.of(TestRecords.diff(2, 3, "a A 192.0.2.10", "b A 192.0.2.11"),
          TestRecords.diff(3, 4, "", "c A 192.0.2.12")), "", JournalRetention.defaults(), update);
    }
    try (SqliteZoneStore store = open()) {
      List<HistoryEntry> h = store.history(ZONE, 10, 0);
      assertThat(h).extracting(e -> e.diff().toSerial()).containsExactly(4L, 3L, 2L);
      assertThat(h).extracting(HistoryEntry::actor).containsExactly(update, update, api);
      assertThat(h.get(2).diff()).isEqualTo(TestRecords.diff(1, 2, "", "a A 192.0.2.10"));
      assertThat(h.get(0).at()).isBetween(Instant.now().minusSeconds(60), Instant.now());

      List<HistoryEntry> page = store.history(ZONE, 1, h.get(0).seq());
      assertThat(page).extracting(e -> e.diff().toSerial()).containsExactly(3L);
      assertThat(store.history(org.xbill.DNS.Name.fromConstantString("absent.test."), 10, 0)).isEmpty();
    }
  }

  @Test
  void theHistoryIsPrunedWithTheJournalAndClearedWhenTheZoneIsStoredWhole() throws Exception {
    try (SqliteZoneStore store = open()) {
      store.replace(ZONE, TestZones.parse("z.test.", SqliteZoneStoreTest.BASE), "api", "");
      JournalRetention two = new JournalRetention(2, 1 << 20);
      for (int serial = 1; serial <= 4; serial++) {
        store.commit(ZONE, TestRecords.diff(serial, serial + 1, "", "n" + serial + " A 192.0.2." + serial), "", two,
            new Actor("api", "t" + serial, ""));
      }
      assertThat(store.history(ZONE, 10, 0)).extracting(e -> e.actor().who()).containsExactly("t4", "t3");

      store.replace(ZONE, TestZones.parse("z.test.", SqliteZoneStoreTest.BASE), "api", "");
      assertThat(store.history(ZONE, 10, 0)).isEmpty();
    }
  }

  @Test
  void tokensAreKeptByNameWithTheirHashRoleAndZones() throws Exception {
    StoredToken editor = new StoredToken("intern", "ab".repeat(32), "records-editor", List.of("mgmt.example.net.", "*.lab.test."),
        Instant.ofEpochMilli(1_700_000_000_000L), "ops");
    try (SqliteZoneStore store = open()) {
      assertThat(store.addToken(editor)).isTrue();
      assertThat(store.addToken(new StoredToken("intern", "cd".repeat(32), "admin", List.of(), Instant.now(), "ops"))).isFalse();
      assertThat(store.addToken(new StoredToken("all", "ef".repeat(32), "read-only", List.of(), Instant.ofEpochMilli(5), "ops")))
          .isTrue();
    }
    try (SqliteZoneStore store = open()) {
      assertThat(store.tokens()).extracting(StoredToken::name).containsExactly("all", "intern");
      assertThat(store.tokens().get(1)).isEqualTo(editor);
      assertThat(store.tokens().get(0).zones()).isEmpty();
      assertThat(store.removeToken("intern")).isTrue();
      assertThat(store.removeToken("intern")).isFalse();
      assertThat(store.tokens()).extracting(StoredToken::name).containsExactly("all");
    }
  }
}
