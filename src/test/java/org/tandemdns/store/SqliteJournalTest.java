package org.tandemdns.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tandemdns.store.TestRecords.ZONE;
import static org.tandemdns.store.TestRecords.diff;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandemdns.zone.TestZones;
import org.tandemdns.zone.ZoneDiff;

/** Journal retention (entries, bytes, the newest always kept) and damaged journal entries. */
class SqliteJournalTest {
  @TempDir Path dir;
  SqliteZoneStore store;
  final List<ZoneDiff> chain = new ArrayList<>();

  @BeforeEach
  void open() throws Exception {
    store = new SqliteZoneStore(dir.resolve("tandem.db"));
    store.replace(ZONE, TestZones.parse("z.test.", SqliteZoneStoreTest.BASE), "api", "");
  }

  @AfterEach
  void close() {
    store.close();
  }

  /** Commits serial 1 → 2 → ... → n+1 under {@code retention}, each diff adding one name. */
  void commit(int n, JournalRetention retention) throws StoreException {
    for (int i = 1; i <= n; i++) {
      ZoneDiff d = diff(i, i + 1, "", "h" + i + " A 192.0.2." + i);
      store.commit(ZONE, d, "", retention);
      chain.add(d);
    }
  }

  static long size(ZoneDiff d) {
    return DiffCodec.encode(d).length;
  }

  @Test
  void retentionByEntriesPrunesTheOldestAndIxfrFromAPrunedSerialFindsNoChain() throws Exception {
    commit(6, new JournalRetention(3, Long.MAX_VALUE));

    assertThat(store.info(ZONE).orElseThrow().journalEntries()).isEqualTo(3);
    assertThat(store.journalSince(ZONE, 4).map(TestRecords::texts)).contains(TestRecords.texts(chain.subList(3, 6)));
    assertThat(store.journalSince(ZONE, 3)).isEmpty();
    assertThat(store.journalSince(ZONE, 1)).isEmpty();
  }

  @Test
  void retentionByBytesKeepsTheNewestEntriesThatFit() throws Exception {
    List<ZoneDiff> planned = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      planned.add(diff(i, i + 1, "", "h" + i + " A 192.0.2." + i));
    }
    long lastTwo = size(planned.get(3)) + size(planned.get(4));

    commit(5, new JournalRetention(100, lastTwo));

    StoredZoneInfo info = store.info(ZONE).orElseThrow();
    assertThat(info.journalEntries()).isEqualTo(2);
    assertThat(info.journalBytes()).isEqualTo(lastTwo);
    assertThat(store.journalSince(ZONE, 4)).hasValueSatisfying(l -> assertThat(l).hasSize(2));
    assertThat(store.journalSince(ZONE, 3)).isEmpty();
  }

  @Test
  void oneByteUnderTwoEntriesKeepsOne() throws Exception {
    commit(4, JournalRetention.defaults());
    ZoneDiff fifth = diff(5, 6, "", "h5 A 192.0.2.5");
    long lastTwoAfter = size(chain.get(3)) + size(fifth);

    store.commit(ZONE, fifth, "", new JournalRetention(100, lastTwoAfter - 1));

    assertThat(store.info(ZONE).orElseThrow().journalEntries()).isEqualTo(1);
    assertThat(store.journalSince(ZONE, 5).map(TestRecords::texts)).contains(List.of(TestRecords.text(fifth)));
  }

  @Test
  void theNewestEntryIsKeptEvenWhenItAloneExceedsTheByteLimit() throws Exception {
    commit(3, new JournalRetention(100, 1));

    assertThat(store.info(ZONE).orElseThrow().journalEntries()).isEqualTo(1);
    assertThat(store.journalSince(ZONE, 3)).hasValueSatisfying(l -> assertThat(l).hasSize(1));
  }

  @Test
  void aDamagedJournalEntryIsAStoreExceptionNamingZoneAndEntry() throws Exception {
    commit(3, JournalRetention.defaults());
    byte[] good = DiffCodec.encode(chain.get(1));
    byte[] flipped = good.clone();
    flipped[good.length / 2] ^= 0x10;
    List<byte[]> damages = List.of(new byte[0], Arrays.copyOf(good, good.length / 2), flipped,
        new byte[] {9, 1, 2, 3, 4, 5});

    for (byte[] damage : damages) {
      setJournalBlob(2, damage);
      assertThatThrownBy(() -> store.journalSince(ZONE, 1))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("zone z.test.: journal entry")
          .hasMessageContaining("(serial 2 to 3) is unreadable: corrupt journal entry");
      // The entries after the damaged one still serve IXFR.
      assertThat(store.journalSince(ZONE, 3)).hasValueSatisfying(l -> assertThat(l).hasSize(1));
    }
  }

  @Test
  void anEntryWhoseSerialsDisagreeWithItsRowIsReported() throws Exception {
    commit(2, JournalRetention.defaults());
    setJournalBlob(1, DiffCodec.encode(diff(7, 8, "", "")));

    assertThatThrownBy(() -> store.journalSince(ZONE, 1))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("holds a diff from serial 7 to 8");
  }

  @Test
  void aDamagedStoredRecordIsAStoreExceptionWhenReadingTheZone() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("tandem.db"));
        PreparedStatement ps = c.prepareStatement("UPDATE records SET rdata = x'01' WHERE type = 2")) {
      assertThat(ps.executeUpdate()).isPositive();
    }

    assertThatThrownBy(() -> store.readZone(ZONE, r -> {}))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("zone z.test.: stored record")
        .hasMessageContaining("unreadable RDATA");
  }

  /**
   * Issue 13, item 1: a stored version that fails to load must not take the whole zone offline.
   * A damaged A record is left out, described, and the rest of the zone is served.
   */
  @Test
  void aDamagedStoredRecordIsLeftOutAndTheRestOfTheZoneIsRead() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("tandem.db"));
        PreparedStatement ps = c.prepareStatement("UPDATE records SET rdata = x'01' WHERE type = 1 AND rdata = x'c0000250'")) {
      assertThat(ps.executeUpdate()).isPositive();
    }
    java.util.List<String> unreadable = new java.util.ArrayList<>();
    org.tandemdns.zone.ZoneSnapshot read = StoredSnapshots.read(store, ZONE, unreadable).orElseThrow();
    assertThat(unreadable).singleElement().asString().contains("www.z.test.").contains("type 1").contains("unreadable RDATA");
    assertThat(read.soa().getSerial()).isEqualTo(1);
    assertThat(read.recordCount()).isEqualTo(TestZones.parse("z.test.", SqliteZoneStoreTest.BASE).recordCount() - unreadable.size());
  }

  /** Overwrites the blob of the journal entry that leads from {@code serialFrom}. */
  private void setJournalBlob(long serialFrom, byte[] blob) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("tandem.db"));
        PreparedStatement ps = c.prepareStatement("UPDATE journal SET diff = ? WHERE serial_from = ?")) {
      ps.setBytes(1, blob);
      ps.setLong(2, serialFrom);
      assertThat(ps.executeUpdate()).isEqualTo(1);
    }
  }
}
