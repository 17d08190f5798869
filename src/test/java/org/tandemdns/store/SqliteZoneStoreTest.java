package org.tandemdns.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tandemdns.store.TestRecords.ZONE;
import static org.tandemdns.store.TestRecords.diff;
import static org.tandemdns.store.TestRecords.stored;
import static org.tandemdns.store.TestRecords.texts;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandemdns.zone.TestZones;
import org.tandemdns.zone.ZoneDiff;
import org.tandemdns.zone.ZoneSnapshot;
import org.xbill.DNS.Name;

/** The SQLite store: round trips, commits and their refusals, replace, delete, state, reopening. */
class SqliteZoneStoreTest {
  static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
  static final String BASE = """
      $ORIGIN z.test.
      $TTL 3600
      @ SOA ns1 hostmaster 1 7200 900 1209600 300
      @ NS ns1
      ns1 A 192.0.2.1
      www 300 A 192.0.2.80
      www 300 A 192.0.2.81
      """;

  @TempDir Path dir;
  SqliteZoneStore store;

  @BeforeEach
  void open() throws Exception {
    store = new SqliteZoneStore(dir.resolve("tandem.db"), Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @AfterEach
  void close() {
    store.close();
  }

  static ZoneSnapshot base() {
    return TestZones.parse("z.test.", BASE);
  }

  /** Everything a failed call must leave as it was. */
  record Contents(Optional<StoredZoneInfo> info, List<String> records, Optional<List<String>> journal) {}

  Contents contents() throws StoreException {
    return new Contents(store.info(ZONE), stored(store, ZONE), store.journalSince(ZONE, 1).map(TestRecords::texts));
  }

  @Test
  void everyRecordTypeFamilyRoundTripsExactlyWithCaseAndTtl() throws Exception {
    ZoneSnapshot zone = TestZones.parse("z.test.", """
        $ORIGIN z.test.
        $TTL 3600
        @ SOA ns1 hostmaster 2024010101 7200 900 1209600 300
        @ NS ns1
        @ NS Ns2.Other.TEST.
        @ MX 10 Mail
        @ CAA 0 issue "letsencrypt.org"
        @ 60 TXT "one" "two with spaces" "three;\\"quoted\\""
        ns1 A 192.0.2.1
        ns1 AAAA 2001:db8::1
        Mail 120 A 192.0.2.25
        _sip._tcp SRV 10 60 5060 SIP.z.test.
        host SSHFP 1 1 123456789abcdef67890123456789abcdef67890
        sub NS ns1.sub
        sub DS 12345 13 2 3F5A9C5E0B5A1B6C7D8E9F00112233445566778899AABBCCDDEEFF0011223344
        ns1.sub A 192.0.2.53
        MiXeD.CaSe A 192.0.2.7
        alias CNAME Www.Z.Test.
        opaque TYPE65280 \\# 4 0A000001
        empty TYPE65281 \\# 0
        """);

    store.replace(ZONE, zone, "file", "h1");

    assertThat(stored(store, ZONE)).containsExactlyElementsOf(texts(zone)).hasSize(zone.recordCount());
    assertThat(stored(store, ZONE)).contains(
        "MiXeD.CaSe.z.test. 3600 IN A 192.0.2.7",
        "alias.z.test. 3600 IN CNAME Www.Z.Test.",
        "z.test. 3600 IN NS Ns2.Other.TEST.",
        "opaque.z.test. 3600 IN TYPE65280 \\# 4 0A000001");
  }

  @Test
  void aZoneOfManyRecordsRoundTripsThroughMultiRowInsertsAndIsReplacedWhole() throws Exception {
    ZoneSnapshot big = BigZones.generate(ZONE, 12_345, 1);
    ZoneSnapshot smaller = BigZones.generate(ZONE, 5_001, 2);

    store.replace(ZONE, big, "file", "");
    assertThat(stored(store, ZONE)).hasSize(12_345).isEqualTo(texts(big));

    store.replace(ZONE, smaller, "file", "");
    assertThat(stored(store, ZONE)).hasSize(5_001).isEqualTo(texts(smaller));
  }

  @Test
  void readZoneIsFalseForAZoneNotStored() throws Exception {
    assertThat(store.readZone(ZONE, r -> {})).isFalse();
    assertThat(store.info(ZONE)).isEmpty();
    assertThat(store.journalSince(ZONE, 1)).isEmpty();
  }

  @Test
  void infoDescribesTheStoredVersion() throws Exception {
    store.replace(ZONE, base(), "file", "hash-1");
    store.commit(ZONE, diff(1, 2, "", "new A 192.0.2.9"), "hash-2", JournalRetention.defaults());

    StoredZoneInfo info = store.info(Name.fromConstantString("Z.TEST.")).orElseThrow();

    assertThat(info.name()).isEqualTo(ZONE);
    assertThat(info.serial()).isEqualTo(2);
    assertThat(info.kind()).isEqualTo("file");
    assertThat(info.sourceHash()).isEqualTo("hash-2");
    assertThat(info.updated()).isEqualTo(NOW);
    assertThat(info.journalEntries()).isEqualTo(1);
    assertThat(info.journalBytes()).isEqualTo(DiffCodec.encode(diff(1, 2, "", "new A 192.0.2.9")).length);
    assertThat(store.zones()).containsExactly(info);
  }

  @Test
  void commitAppliesTheDiffAndTheJournalReturnsIt() throws Exception {
    store.replace(ZONE, base(), "api", "");
    ZoneDiff d = diff(1, 2, "www 300 A 192.0.2.81", "www 300 A 192.0.2.82\nmail A 192.0.2.25");

    store.commit(ZONE, d, "", JournalRetention.defaults());

    ZoneSnapshot expected = TestZones.parse("z.test.", BASE.replace("SOA ns1 hostmaster 1", "SOA ns1 hostmaster 2")
        .replace("192.0.2.81", "192.0.2.82") + "mail A 192.0.2.25\n");
    assertThat(stored(store, ZONE)).containsExactlyElementsOf(texts(expected));
    assertThat(store.journalSince(ZONE, 1).map(TestRecords::texts)).contains(List.of(TestRecords.text(d)));
  }

  @Test
  void journalSinceFollowsTheChainFromEveryOlderSerial() throws Exception {
    store.replace(ZONE, base(), "api", "");
    List<ZoneDiff> chain = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      ZoneDiff d = diff(i, i + 1, i == 1 ? "" : "h" + (i - 1) + " A 192.0.2." + (i - 1), "h" + i + " A 192.0.2." + i);
      store.commit(ZONE, d, "", JournalRetention.defaults());
      chain.add(d);
    }

    for (int from = 1; from <= 5; from++) {
      assertThat(store.journalSince(ZONE, from).map(TestRecords::texts))
          .as("from serial %d", from)
          .contains(texts(chain.subList(from - 1, 5)));
    }
    assertThat(store.journalSince(ZONE, 6)).contains(List.of());
    assertThat(store.journalSince(ZONE, 99)).isEmpty();
  }

  @Test
  void commitFromAnotherSerialIsRefusedNamingBothAndChangesNothing() throws Exception {
    store.replace(ZONE, base(), "api", "");
    store.commit(ZONE, diff(1, 2, "", "a A 192.0.2.10"), "", JournalRetention.defaults());
    Contents before = contents();

    assertThatThrownBy(() -> store.commit(ZONE, diff(1, 3, "", "b A 192.0.2.11"), "x", JournalRetention.defaults()))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("from serial 1 to 3")
        .hasMessageContaining("stored serial is 2");

    assertThat(contents()).isEqualTo(before);
  }

  @Test
  void commitDeletingARecordNotStoredIsRefusedNamingItAndChangesNothing() throws Exception {
    store.replace(ZONE, base(), "api", "");
    store.commit(ZONE, diff(1, 2, "", "a A 192.0.2.10"), "", JournalRetention.defaults());
    Contents before = contents();

    // The first deletion and the addition would apply; the second deletion does not, so none may.
    ZoneDiff bad = diff(2, 3, "www 300 A 192.0.2.80\nwww 300 A 192.0.2.99", "b A 192.0.2.11");
    assertThatThrownBy(() -> store.commit(ZONE, bad, "x", JournalRetention.defaults()))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("deletes 'www.z.test. 300 A 192.0.2.99', which is not stored");

    assertThat(contents()).isEqualTo(before);
  }

  /**
   * Issue 13, item 9: a chain of diffs (an IXFR of several versions) was committed one transaction
   * per diff, so a failure at the third left the store two versions ahead of what was served, and
   * every later commit failed the from-serial check until a restart. The chain is one transaction.
   */
  @Test
  void aChainOfDiffsIsStoredWholeOrNotAtAll() throws Exception {
    store.replace(ZONE, base(), "api", "");
    Contents before = contents();
    List<ZoneDiff> chain = List.of(diff(1, 2, "", "a A 192.0.2.10"), diff(2, 3, "", "b A 192.0.2.11"),
        diff(3, 4, "nothere A 192.0.2.99", "c A 192.0.2.12"));
    assertThatThrownBy(() -> store.commitAll(ZONE, chain, "", JournalRetention.defaults()))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("deletes 'nothere.z.test.");
    assertThat(contents()).isEqualTo(before);
    assertThat(store.info(ZONE).orElseThrow().serial()).isEqualTo(1);

    store.commitAll(ZONE, chain.subList(0, 2), "", JournalRetention.defaults());
    assertThat(store.info(ZONE).orElseThrow().serial()).isEqualTo(3);
    assertThat(store.journalSince(ZONE, 1).map(TestRecords::texts)).contains(texts(chain.subList(0, 2)));
  }

  @Test
  void commitAddingARecordAlreadyStoredIsRefusedEvenWithAnotherTtlOrCase() throws Exception {
    store.replace(ZONE, base(), "api", "");
    Contents before = contents();

    for (String dup : List.of("www 300 A 192.0.2.80", "WWW 60 A 192.0.2.81")) {
      ZoneDiff bad = diff(1, 2, "ns1 A 192.0.2.1", "ns1 A 192.0.2.2\n" + dup);
      assertThatThrownBy(() -> store.commit(ZONE, bad, "x", JournalRetention.defaults()))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("which is already stored");
      assertThat(contents()).isEqualTo(before);
    }
  }

  @Test
  void commitToAZoneNotStoredIsRefused() {
    assertThatThrownBy(() -> store.commit(ZONE, diff(1, 2, "", "a A 192.0.2.1"), "", JournalRetention.defaults()))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("zone z.test. is not stored");
  }

  @Test
  void commitListingAnSoaOrDataOutsideTheZoneIsRefused() throws Exception {
    store.replace(ZONE, base(), "api", "");
    ZoneDiff soaInList = new ZoneDiff(TestRecords.soa(1), TestRecords.soa(2), List.of(TestRecords.soa(1)), List.of());
    ZoneDiff outside = diff(1, 2, "", "www.other.test. A 192.0.2.1");

    assertThatThrownBy(() -> store.commit(ZONE, soaInList, "", JournalRetention.defaults()))
        .hasMessageContaining("SOAs belong in fromSoa and toSoa");
    assertThatThrownBy(() -> store.commit(ZONE, outside, "", JournalRetention.defaults()))
        .hasMessageContaining("outside the zone");
    assertThat(store.info(ZONE).orElseThrow().serial()).isEqualTo(1);
  }

  @Test
  void deletionMatchesOwnerAndRdataNamesCaseInsensitivelyWhateverTheTtl() throws Exception {
    store.replace(ZONE, TestZones.parse("z.test.", BASE + "Alias CNAME Target.Z.Test.\n"), "api", "");

    store.commit(ZONE, diff(1, 2, "ALIAS 60 CNAME target.z.test.\nWWW 300 A 192.0.2.80", ""), "",
        JournalRetention.defaults());

    assertThat(stored(store, ZONE)).noneMatch(r -> r.contains("CNAME") || r.contains("192.0.2.80"))
        .anyMatch(r -> r.contains("192.0.2.81"));
  }

  @Test
  void aTtlChangeIsADeletionAndAnAddition() throws Exception {
    store.replace(ZONE, base(), "api", "");

    store.commit(ZONE, diff(1, 2, "www 300 A 192.0.2.80\nwww 300 A 192.0.2.81",
        "www 60 A 192.0.2.80\nwww 60 A 192.0.2.81"), "", JournalRetention.defaults());

    assertThat(stored(store, ZONE)).contains("www.z.test. 60 IN A 192.0.2.80", "www.z.test. 60 IN A 192.0.2.81")
        .noneMatch(r -> r.contains(" 300 "));
  }

  @Test
  void replaceStoresTheNewVersionAndClearsTheJournal() throws Exception {
    store.replace(ZONE, base(), "api", "old");
    store.commit(ZONE, diff(1, 2, "", "a A 192.0.2.10"), "", JournalRetention.defaults());
    ZoneSnapshot next = TestZones.parse("z.test.", BASE.replace("hostmaster 1", "hostmaster 7") + "b A 192.0.2.11\n");

    store.replace(ZONE, next, "file", "new");

    assertThat(stored(store, ZONE)).containsExactlyElementsOf(texts(next));
    StoredZoneInfo info = store.info(ZONE).orElseThrow();
    assertThat(info.serial()).isEqualTo(7);
    assertThat(info.kind()).isEqualTo("file");
    assertThat(info.sourceHash()).isEqualTo("new");
    assertThat(info.journalEntries()).isZero();
    assertThat(store.journalSince(ZONE, 1)).isEmpty();
    assertThat(store.journalSince(ZONE, 2)).isEmpty();
    assertThat(store.journalSince(ZONE, 7)).contains(List.of());
  }

  @Test
  void zonesAreKeptApart() throws Exception {
    Name other = Name.fromConstantString("other.test.");
    ZoneSnapshot otherZone = TestZones.parse("other.test.", BASE.replace("z.test.", "other.test."));
    store.replace(ZONE, base(), "api", "");
    store.replace(other, otherZone, "file", "");

    store.commit(ZONE, diff(1, 2, "www 300 A 192.0.2.80", ""), "", JournalRetention.defaults());
    store.delete(ZONE);

    assertThat(store.zones()).extracting(StoredZoneInfo::name).containsExactly(other);
    assertThat(stored(store, other)).containsExactlyElementsOf(texts(otherZone));
  }

  @Test
  void deleteRemovesRecordsJournalAndState() throws Exception {
    store.replace(ZONE, base(), "api", "");
    store.commit(ZONE, diff(1, 2, "", "a A 192.0.2.10"), "", JournalRetention.defaults());
    store.putState(ZONE, "refresh-at", "123");

    store.delete(ZONE);
    store.delete(ZONE);

    assertThat(store.info(ZONE)).isEmpty();
    assertThat(store.readZone(ZONE, r -> {})).isFalse();
    assertThat(store.journalSince(ZONE, 1)).isEmpty();
    assertThat(store.state(ZONE)).isEmpty();
    store.replace(ZONE, base(), "api", "");
    assertThat(store.info(ZONE).orElseThrow().journalEntries()).isZero();
  }

  @Test
  void stateIsSetReplacedAndRemovedEvenBeforeTheZoneIsStored() throws Exception {
    store.putState(ZONE, "refresh-at", "100");
    store.putState(ZONE, "expire-at", "900");
    store.putState(ZONE, "refresh-at", "200");
    store.putState(Name.fromConstantString("other.test."), "refresh-at", "5");

    assertThat(store.state(Name.fromConstantString("Z.Test."))).containsExactly(
        java.util.Map.entry("expire-at", "900"), java.util.Map.entry("refresh-at", "200"));

    store.putState(ZONE, "expire-at", null);
    assertThat(store.state(ZONE)).containsOnlyKeys("refresh-at");
    assertThat(store.info(ZONE)).isEmpty();
  }

  @Test
  void everythingPersistsAcrossReopening() throws Exception {
    store.replace(ZONE, base(), "api", "h");
    ZoneDiff d = diff(1, 2, "www 300 A 192.0.2.80", "new A 192.0.2.9");
    store.commit(ZONE, d, "h2", JournalRetention.defaults());
    store.putState(ZONE, "k", "v");
    Contents before = contents();
    store.close();

    store = new SqliteZoneStore(dir.resolve("tandem.db"), Clock.systemUTC());

    assertThat(contents()).isEqualTo(before);
    assertThat(store.state(ZONE)).containsEntry("k", "v");
    assertThat(store.journalSince(ZONE, 1).map(TestRecords::texts)).contains(List.of(TestRecords.text(d)));
  }

  @Test
  void openCreatesTheDataDirectoryAndTandemDb() throws Exception {
    Path dataDir = dir.resolve("data/sub");
    try (SqliteZoneStore s = SqliteZoneStore.open(dataDir)) {
      s.replace(ZONE, base(), "api", "");
    }
    assertThat(dataDir.resolve("tandem.db")).isRegularFile();
  }

  @Test
  void callsAfterCloseFailWithAClearMessage() {
    store.close();

    assertThatThrownBy(() -> store.info(ZONE)).isInstanceOf(StoreException.class).hasMessageContaining("is closed");
    assertThatThrownBy(() -> store.replace(ZONE, base(), "api", "")).hasMessageContaining("is closed");
  }

  @Test
  void firstVersionsOfFileZonesWaitForABatchButEveryReadAndWriteSeesThem() throws Exception {
    List<Name> zones = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      Name zone = Name.fromConstantString("f" + i + ".test.");
      zones.add(zone);
      store.replaceReproducible(zone, TestZones.parse(zone.toString(), BASE.replace("$ORIGIN z.test.", "$ORIGIN " + zone)),
          "file", "hash-" + i);
    }
    // a read of one waiting zone writes it (and the rest of its batch) first
    assertThat(store.info(zones.get(3))).map(StoredZoneInfo::sourceHash).contains("hash-3");
    assertThat(store.zones()).extracting(StoredZoneInfo::name).containsAll(zones);

    Name next = Name.fromConstantString("g.test.");
    store.replaceReproducible(next, TestZones.parse("g.test.", BASE.replace("$ORIGIN z.test.", "$ORIGIN g.test.")), "file", "h");
    // a write (a commit of that same zone) writes the waiting first version before itself
    store.commit(next, new ZoneDiff(soa(next, 1), soa(next, 2), List.of(),
        List.of(new org.xbill.DNS.ARecord(Name.fromConstantString("new.g.test."), org.xbill.DNS.DClass.IN, 300,
            java.net.InetAddress.getByName("192.0.2.9")))), "h2", JournalRetention.defaults());
    assertThat(store.info(next)).map(StoredZoneInfo::serial).contains(2L);
  }

  private static org.xbill.DNS.SOARecord soa(Name zone, long serial) throws Exception {
    return new org.xbill.DNS.SOARecord(zone, org.xbill.DNS.DClass.IN, 3600, new Name("ns1", zone), new Name("hostmaster", zone),
        serial, 7200, 900, 1209600, 300);
  }

  @Test
  void closingTheStoreWritesTheFirstVersionsStillWaiting() throws Exception {
    Name zone = Name.fromConstantString("late.test.");
    store.replaceReproducible(zone, TestZones.parse("late.test.", BASE.replace("$ORIGIN z.test.", "$ORIGIN late.test.")),
        "file", "late");
    store.close();
    store = new SqliteZoneStore(dir.resolve("tandem.db"), Clock.fixed(NOW, ZoneOffset.UTC));
    assertThat(store.info(zone)).map(StoredZoneInfo::sourceHash).contains("late");
    assertThat(stored(store, zone)).hasSize(5);
  }
}
