package org.tandemdns.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tandemdns.store.TestRecords.ZONE;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.tandemdns.zone.ZoneDiff;

/**
 * Crash safety: a writer JVM is killed with SIGKILL in the middle of a stream of commits; the store
 * must then hold exactly the initial zone with a prefix of the diffs applied, every acknowledged one
 * included, and a journal holding exactly those diffs. First the writer is killed while it is held
 * inside the transaction of a big commit, with its deletions and additions made but not committed;
 * then a second writer resumes from what the first left and is killed at an unplanned moment.
 */
class SqliteCrashTest {
  private static final long WAIT_SECONDS = 20;

  @TempDir Path dir;

  /** A store holding the scenario's initial zone, closed. */
  private Path storeWithTheInitialZone() throws StoreException {
    Path db = dir.resolve("tandem.db");
    try (SqliteZoneStore store = new SqliteZoneStore(db)) {
      store.replace(ZONE, CrashScenario.initial(), "api", "");
    }
    return db;
  }

  @Test
  @Timeout(90)
  void aKilledWriterLeavesTheZoneAtAnAcknowledgedVersionNeverInBetween() throws Exception {
    Path db = storeWithTheInitialZone();

    Killed inside = runAndKill(db, true, line -> line.startsWith("inside "));
    assertThat(inside.lastLine()).as("the writer was held inside a big commit").startsWith("inside ");
    assertThat(checkConsistent(db, inside.acknowledged(), inside.started())).as("the unfinished commit left no trace")
        .isEqualTo(inside.acknowledged());

    long resumeFrom = inside.acknowledged();
    Killed anywhere = runAndKill(db, false, line -> committed(line) > resumeFrom + 7);
    // Let it run on for a moment that no output marks: the kill lands wherever the writer is.
    checkConsistent(db, anywhere.acknowledged(), anywhere.started());
  }

  /**
   * First versions of file zones wait for a batch, unsynced; every later write writes them first.
   * Killed with kill -9 at some point: every zone queued before the last acknowledged commit is
   * stored whole (a later one may be missing: its file makes it again), the synced commits are all
   * there, and the store is consistent.
   */
  @Test
  @Timeout(90)
  void firstVersionsQueuedBeforeACommitSurviveAKilledWriter() throws Exception {
    Path db = storeWithTheInitialZone();
    java.util.concurrent.atomic.AtomicLong stored = new java.util.concurrent.atomic.AtomicLong();
    java.util.concurrent.atomic.AtomicLong beforeLastCommit = new java.util.concurrent.atomic.AtomicLong();
    Killed killed = runAndKill(db, "reproducible", line -> {
      if (line.startsWith("stored ")) {
        stored.set(Long.parseLong(line.substring("stored ".length())));
      }
      if (committed(line) > 0) {
        beforeLastCommit.set(stored.get());
      }
      return stored.get() >= 40;
    });
    checkConsistent(db, killed.acknowledged(), killed.started());
    assertThat(beforeLastCommit.get()).isGreaterThanOrEqualTo(35);
    try (SqliteZoneStore store = new SqliteZoneStore(db)) {
      for (long n = 1; n <= beforeLastCommit.get(); n++) {
        org.xbill.DNS.Name zone = org.xbill.DNS.Name.fromConstantString("r" + n + ".test.");
        assertThat(store.info(zone)).as("zone %s, acknowledged before the kill", zone).isPresent();
        assertThat(StoredSnapshots.read(store, zone).orElseThrow().recordCount()).isEqualTo(3);
      }
    }
  }

  /** @param started the last serial whose commit the writer had begun (its output says so before each commit) */
  record Killed(long acknowledged, long started, String lastLine) {}

  private static long started(String line) {
    return line.startsWith("committing ") ? Long.parseLong(line.substring("committing ".length())) : -1;
  }

  private static long committed(String line) {
    return line.startsWith("committed ") ? Long.parseLong(line.substring("committed ".length())) : -1;
  }

  /**
   * Starts a writer and reads its output until a line matches {@code killAfter}; then kills it
   * (after a few more milliseconds when it is not paused) and reports its last acknowledged serial.
   */
  private Killed runAndKill(Path db, boolean pause, Predicate<String> killAfter) throws Exception {
    return runAndKill(db, pause ? "pause" : "run", killAfter);
  }

  private Killed runAndKill(Path db, String mode, Predicate<String> killAfter) throws Exception {
    boolean pause = mode.equals("pause");
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process writer = new ProcessBuilder(java.toString(), "-Xmx256m", "-XX:TieredStopAtLevel=1",
        "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"), "-cp", System.getProperty("java.class.path"),
        CrashWriter.class.getName(), db.toString(), "60", mode)
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread pump = new Thread(() -> pump(writer, lines), "crash-writer-output");
    pump.setDaemon(true);
    pump.start();
    long acknowledged = -1;
    long started = -1;
    String line;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    try {
      do {
        line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        assertThat(line).as("writer output before the deadline (writer alive: %s)", writer.isAlive()).isNotNull();
        acknowledged = Math.max(acknowledged, committed(line));
        started = Math.max(started, started(line));
      } while (!killAfter.test(line));
      if (!pause) {
        Thread.sleep(System.nanoTime() % 20);
      }
    } finally {
      writer.destroyForcibly();
      assertThat(writer.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }
    pump.join(TimeUnit.SECONDS.toMillis(5));
    for (String rest : lines) {
      acknowledged = Math.max(acknowledged, committed(rest));
      started = Math.max(started, started(rest));
    }
    assertThat(acknowledged).as("the writer acknowledged commits before it was killed").isPositive();
    return new Killed(acknowledged, Math.max(started, acknowledged), line);
  }

  private static void pump(Process writer, BlockingQueue<String> lines) {
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        lines.add(line);
      }
    } catch (IOException e) {
      // the writer was killed mid-line; what was read is enough
    }
  }

  /** Checks the stored zone and journal against the scenario; returns the stored serial. */
  private static long checkConsistent(Path db, long acknowledged, long started) throws Exception {
    try (SqliteZoneStore store = new SqliteZoneStore(db)) {
      long serial = store.info(ZONE).orElseThrow().serial();
      // Nothing acknowledged is lost; nothing beyond the last commit begun appears.
      assertThat(serial).isBetween(acknowledged, started);
      assertThat(TestRecords.stored(store, ZONE)).isEqualTo(CrashScenario.expectedAt(serial));
      List<ZoneDiff> expected = new ArrayList<>();
      for (long s = CrashScenario.FIRST_SERIAL; s < serial; s++) {
        expected.add(CrashScenario.diff(s));
      }
      assertThat(store.journalSince(ZONE, CrashScenario.FIRST_SERIAL).map(TestRecords::texts))
          .contains(TestRecords.texts(expected));
      return serial;
    }
  }
}
