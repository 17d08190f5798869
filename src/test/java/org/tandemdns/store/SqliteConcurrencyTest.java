package org.tandemdns.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.tandemdns.store.TestRecords.ZONE;
import static org.tandemdns.store.TestRecords.diff;
import static org.tandemdns.store.TestRecords.stored;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandemdns.zone.TestZones;

/**
 * Readers and the writer do not wait for each other (WAL), and a read sees one version from start
 * to end. Waits are bounded far below the store's busy timeout, so blocking shows up as a failure.
 */
class SqliteConcurrencyTest {
  static final Duration PROMPTLY = Duration.ofSeconds(3);

  @TempDir Path dir;
  SqliteZoneStore store;
  final ExecutorService executor = Executors.newSingleThreadExecutor();

  @BeforeEach
  void open() throws Exception {
    store = new SqliteZoneStore(dir.resolve("tandem.db"));
    store.replace(ZONE, TestZones.parse("z.test.", SqliteZoneStoreTest.BASE), "api", "");
    store.commit(ZONE, diff(1, 2, "", "a A 192.0.2.10"), "", JournalRetention.defaults());
  }

  @AfterEach
  void close() throws Exception {
    executor.shutdownNow();
    assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    store.close();
  }

  @Test
  void readsProceedWhileAWriteTransactionIsOpenAndSeeTheCommittedVersion() throws Exception {
    List<String> committed = stored(store, ZONE);
    try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("tandem.db"));
        Statement s = other.createStatement()) {
      s.execute("BEGIN IMMEDIATE");
      s.executeUpdate("UPDATE zones SET serial = 99");
      s.executeUpdate("DELETE FROM records");

      assertTimeoutPreemptively(PROMPTLY, () -> {
        assertThat(store.info(ZONE).orElseThrow().serial()).isEqualTo(2);
        assertThat(stored(store, ZONE)).isEqualTo(committed);
        assertThat(store.journalSince(ZONE, 1)).hasValueSatisfying(l -> assertThat(l).hasSize(1));
        assertThat(store.zones()).hasSize(1);
      });
      s.execute("ROLLBACK");
    }
  }

  @Test
  void aCommitIsNotHeldUpByAStreamingReadWhichSeesOneVersionThroughout() throws Exception {
    List<String> before = stored(store, ZONE);
    CountDownLatch readerStarted = new CountDownLatch(1);
    CountDownLatch commitDone = new CountDownLatch(1);
    List<String> seen = new ArrayList<>();
    Future<Boolean> reader = executor.submit(() -> store.readZone(ZONE, r -> {
      seen.add(TestRecords.line(r));
      readerStarted.countDown();
      await(commitDone);
    }));
    assertThat(readerStarted.await(10, TimeUnit.SECONDS)).isTrue();

    assertTimeoutPreemptively(PROMPTLY, () ->
        store.commit(ZONE, diff(2, 3, "www 300 A 192.0.2.80\nwww 300 A 192.0.2.81", "b A 192.0.2.11"), "",
            JournalRetention.defaults()));
    commitDone.countDown();

    assertThat(reader.get(10, TimeUnit.SECONDS)).isTrue();
    seen.sort(null);
    assertThat(seen).isEqualTo(before);
    assertThat(stored(store, ZONE)).contains("b.z.test. 3600 IN A 192.0.2.11").noneMatch(l -> l.startsWith("www."));
  }

  @Test
  void concurrentCommitsAreSerializedAndNoneIsLost() throws Exception {
    int writers = 4;
    int each = 10;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      List<CompletableFuture<Void>> done = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        int id = w;
        done.add(CompletableFuture.runAsync(() -> commitWithRetry(id, each), pool));
      }
      CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }

    assertThat(store.info(ZONE).orElseThrow().serial()).isEqualTo(2 + writers * each);
    assertThat(stored(store, ZONE)).filteredOn(l -> l.matches("w\\d+-\\d+\\..*")).hasSize(writers * each);
    assertThat(store.journalSince(ZONE, 2)).hasValueSatisfying(l -> assertThat(l).hasSize(writers * each));
  }

  /** Each writer reads the serial and commits on top of it, retrying when another writer got there first. */
  private void commitWithRetry(int writer, int count) {
    try {
      for (int i = 0; i < count; i++) {
        for (int attempt = 0; ; attempt++) {
          long serial = store.info(ZONE).orElseThrow().serial();
          try {
            store.commit(ZONE, diff(serial, serial + 1, "", "w" + writer + "-" + i + " A 192.0.2.1"), "",
                JournalRetention.defaults());
            break;
          } catch (StoreException e) {
            if (!e.getMessage().contains("stored serial is") || attempt > 1000) {
              throw e;
            }
          }
        }
      }
    } catch (StoreException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the commit did not finish while the read was open");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
