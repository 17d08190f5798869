package org.tandemdns.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.tandemdns.zone.TestZones;
import org.tandemdns.zone.ZoneSnapshot;
import org.xbill.DNS.Name;

class DeferredFirstVersionsTest {
  private static DeferredFirstVersions.FirstVersion version(String zone) {
    ZoneSnapshot s = TestZones.parse(zone, "$TTL 60\n@ SOA ns1 h 1 2 3 4 5\n@ NS ns1\nns1 A 192.0.2.1\n");
    return new DeferredFirstVersions.FirstVersion(Name.fromConstantString(zone), s, "file", "");
  }

  @Test
  void aVersionQueuedWhileABatchIsWrittenIsWrittenAfterItWithoutAnyOtherWrite() throws Exception {
    List<String> written = new CopyOnWriteArrayList<>();
    CountDownLatch firstBatchStarted = new CountDownLatch(1);
    CountDownLatch releaseFirstBatch = new CountDownLatch(1);
    CountDownLatch secondWritten = new CountDownLatch(1);
    try (DeferredFirstVersions deferred = new DeferredFirstVersions(batch -> {
      if (firstBatchStarted.getCount() > 0) {
        firstBatchStarted.countDown();
        try {
          releaseFirstBatch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      batch.forEach(v -> written.add(v.zone().toString()));
      if (written.contains("b.test.")) {
        secondWritten.countDown();
      }
    })) {
      deferred.add(version("a.test."));
      assertThat(firstBatchStarted.await(10, TimeUnit.SECONDS)).as("the timer wrote the first batch").isTrue();
      deferred.add(version("b.test.")); // queued while a.test.'s batch is being written
      releaseFirstBatch.countDown();

      assertThat(secondWritten.await(10, TimeUnit.SECONDS)).as("b.test. written by a timer of its own").isTrue();
      assertThat(written).containsExactly("a.test.", "b.test.");
      for (int i = 0; i < 500 && deferred.waits(Name.fromConstantString("b.test.")); i++) {
        Thread.sleep(10); // the writer returned; the flush takes b.test. off the queue after it
      }
      assertThat(deferred.waits(Name.fromConstantString("b.test."))).isFalse();
    }
  }

  @Test
  void versionsAreWrittenInTheOrderTheyCameAndNoneTwice() throws Exception {
    List<String> written = new CopyOnWriteArrayList<>();
    List<DeferredFirstVersions.FirstVersion> versions = new java.util.ArrayList<>();
    List<String> names = new java.util.ArrayList<>();
    for (int i = 0; i < 3 * DeferredFirstVersions.BATCH + 7; i++) {
      versions.add(version("z" + i + ".test."));
      names.add("z" + i + ".test.");
    }
    try (DeferredFirstVersions deferred = new DeferredFirstVersions(batch -> {
      assertThat(batch.size()).isLessThanOrEqualTo(DeferredFirstVersions.BATCH);
      batch.forEach(v -> written.add(v.zone().toString()));
    })) {
      for (DeferredFirstVersions.FirstVersion v : versions) {
        deferred.add(v);
      }
      // each add that filled a batch wrote it on the caller's thread: at most a batch still waits
      assertThat(written.size()).isGreaterThanOrEqualTo(versions.size() - DeferredFirstVersions.BATCH);
      deferred.flush();
      assertThat(written).containsExactlyElementsOf(names);
    }
  }

  @Test
  void aBatchThatFailsStaysQueuedAndCloseWritesIt() throws Exception {
    List<String> written = new CopyOnWriteArrayList<>();
    boolean[] fail = {true};
    DeferredFirstVersions deferred = new DeferredFirstVersions(batch -> {
      if (fail[0]) {
        throw new StoreException("disk full");
      }
      batch.forEach(v -> written.add(v.zone().toString()));
    });
    deferred.add(version("a.test."));
    try {
      deferred.flush();
    } catch (StoreException expected) {
      // the write failed: a.test. still waits
    }
    assertThat(deferred.waits(Name.fromConstantString("a.test."))).isTrue();
    fail[0] = false;
    deferred.close();
    assertThat(written).containsExactly("a.test.");
  }
}
