package org.tandemdns.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.tandemdns.testing.TandemProcess;

/**
 * Signals for a running {@link TandemProcess} started with {@code --config FILE}: SIGHUP (reload
 * zone files) and SIGKILL. The process is found among this JVM's children by its config path, so
 * the harness classes stay untouched (the lead may fold this into {@code TandemProcess} later).
 */
final class TandemSignals {

  private TandemSignals() {}

  /** The Tandem child process of this JVM whose command line names {@code config}. */
  static ProcessHandle handle(Path config) {
    String wanted = config.toAbsolutePath().toString();
    List<ProcessHandle> found =
        ProcessHandle.current()
            .children()
            .filter(ProcessHandle::isAlive)
            .filter(p -> p.info().arguments().map(a -> List.of(a).contains(wanted)).orElse(false))
            .toList();
    if (found.size() != 1) {
      throw new IllegalStateException(found.size() + " running Tandem processes use " + wanted);
    }
    return found.get(0);
  }

  /** {@code kill -HUP}: Tandem re-reads its zone files. */
  static void sighup(Path config) {
    long pid = handle(config).pid();
    try {
      Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(pid)).inheritIO().start();
      if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new IllegalStateException("kill -HUP " + pid + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** {@code kill -9}, and waits (bounded) until the process is gone. */
  static void kill9(Path config) {
    ProcessHandle p = handle(config);
    p.destroyForcibly();
    try {
      p.onExit().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("Tandem (pid " + p.pid() + ") did not die after SIGKILL", e);
    }
  }
}
