package org.tandemdns.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Starts, stops and runs external processes with bounded waits. Long-running processes are also
 * killed by a JVM shutdown hook if a test forgets to close them.
 */
final class Processes {

  private static final Duration CHILD_GRACE = Duration.ofMillis(500);
  private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(Processes::killAll, "harness-process-reaper"));
  }

  private Processes() {}

  /** Starts {@code command} in {@code dir}, stdout and stderr appended to {@code log}. */
  static Process start(List<String> command, Path dir, Path log, Map<String, String> env) {
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    builder.environment().putAll(env);
    try {
      Process process = builder.start();
      RUNNING.add(process);
      return process;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command, e);
    }
  }

  /**
   * SIGTERM, then SIGKILL after {@code grace}. Child processes still running once the main process
   * has exited (NSD's server processes) get SIGTERM and, half a second later, SIGKILL.
   */
  static void stop(Process process, Duration grace) {
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    if (!waitFor(process.toHandle(), grace)) {
      process.destroyForcibly();
      waitFor(process.toHandle(), Duration.ofSeconds(5));
    }
    for (ProcessHandle child : children) {
      if (child.isAlive()) {
        child.destroy();
        if (!waitFor(child, CHILD_GRACE)) {
          child.destroyForcibly();
        }
      }
    }
    RUNNING.remove(process);
  }

  /**
   * Runs {@code command} to completion with {@code stdin} as its input; kills it after {@code
   * timeout} and reports exit code -1.
   */
  static CommandResult run(List<String> command, String stdin, Duration timeout) {
    Path tmp = null;
    try {
      tmp = Files.createTempDirectory("harness-cmd-");
      Path in = Files.writeString(tmp.resolve("stdin"), stdin == null ? "" : stdin);
      Path out = tmp.resolve("stdout");
      Path err = tmp.resolve("stderr");
      Process process =
          new ProcessBuilder(command)
              .redirectInput(in.toFile())
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .start();
      boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!finished) {
        stop(process, Duration.ofSeconds(1));
      }
      int exit = finished ? process.exitValue() : -1;
      String timedOut = finished ? "" : "\n[harness: killed after " + timeout.toMillis() + " ms]";
      return new CommandResult(String.join(" ", command), exit, read(out), read(err) + timedOut);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command, e);
    } finally {
      deleteQuietly(tmp);
    }
  }

  /** The text of {@code file}, empty if it does not exist; malformed bytes are replaced. */
  static String read(Path file) {
    try {
      return Files.exists(file) ? new String(Files.readAllBytes(file), StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The last {@code lines} lines of {@code text}. */
  static String tail(String text, int lines) {
    String[] all = text.split("\n", -1);
    int from = Math.max(0, all.length - lines);
    return String.join("\n", List.of(all).subList(from, all.length));
  }

  private static boolean waitFor(ProcessHandle handle, Duration timeout) {
    try {
      handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (java.util.concurrent.TimeoutException e) {
      return false;
    } catch (java.util.concurrent.ExecutionException e) {
      return !handle.isAlive();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !handle.isAlive();
    }
  }

  private static void deleteQuietly(Path dir) {
    if (dir == null) {
      return;
    }
    try (var files = Files.list(dir)) {
      for (Path f : files.toList()) {
        Files.deleteIfExists(f);
      }
      Files.deleteIfExists(dir);
    } catch (IOException ignored) {
      // a leftover temp file is harmless
    }
  }

  private static void killAll() {
    for (Process p : RUNNING) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
  }
}
