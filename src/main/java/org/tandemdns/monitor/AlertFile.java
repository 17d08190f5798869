package org.tandemdns.monitor;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alert history on disk: one JSON object per line, appended as alerts happen, so that
 * {@code tandem alerts} can show it without a running server and history survives restarts.
 */
public final class AlertFile implements AlertSink {
  private static final Logger log = LoggerFactory.getLogger(AlertFile.class);

  private final Path file;

  public AlertFile(Path file) {
    this.file = file;
  }

  @Override
  public synchronized void send(Alert alert) {
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
        w.write(AlertJson.line(alert));
        w.write('\n');
      }
    } catch (IOException e) {
      log.warn("cannot append alert to {}: {}", file, e.toString());
    }
  }

  /**
   * The last {@code n} alerts in {@code file}, oldest first; lines that are not alerts are skipped.
   *
   * @throws NoSuchFileException if there is no such file
   */
  public static List<Alert> last(Path file, int n) throws IOException {
    Deque<Alert> out = new ArrayDeque<>();
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String line; (line = r.readLine()) != null; ) {
        if (line.isBlank()) {
          continue;
        }
        try {
          out.addLast(AlertJson.parseLine(line));
          if (out.size() > n) {
            out.removeFirst();
          }
        } catch (JsonProcessingException e) {
          // a torn last line after a crash: skip it
        }
      }
    }
    return List.copyOf(out);
  }
}
