package org.tandemdns.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Which files a process has open, read from Linux's {@code /proc/PID/fd}. */
public final class OpenFiles {

  private OpenFiles() {}

  /** Whether process {@code pid} has {@code file} open right now (one of its descriptors links to it). */
  public static boolean isOpen(long pid, Path file) {
    Path target = file.toAbsolutePath();
    try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
      return fds.anyMatch(fd -> {
        try {
          return Files.readSymbolicLink(fd).equals(target);
        } catch (IOException closedMeanwhile) {
          return false;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the open files of process " + pid, e);
    }
  }
}
