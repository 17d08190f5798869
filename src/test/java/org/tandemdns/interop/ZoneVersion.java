package org.tandemdns.interop;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.xbill.DNS.Master;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

/**
 * One version of a small test zone: its SOA serial and its other records as master-file lines, each
 * under a label of the test's choosing so that the next version is this one with a few edits. The
 * records a server should transfer are computed by dnsjava's master-file parser, not by Tandem's, and
 * compared as canonical text that includes the TTL ({@link #records()}).
 */
final class ZoneVersion {

  private final String origin;
  private final long serial;
  private final Map<String, String> lines;

  private ZoneVersion(String origin, long serial, Map<String, String> lines) {
    this.origin = origin.endsWith(".") ? origin.substring(0, origin.length() - 1) : origin;
    this.serial = serial;
    this.lines = Map.copyOf(lines);
  }

  /** A version with only the SOA ({@code ns1 hostmaster}, refresh 3600) at {@code serial}. */
  static ZoneVersion of(String origin, long serial) {
    return new ZoneVersion(origin, serial, Map.of());
  }

  /** This version with {@code line} (relative master-file syntax) under {@code label}, replacing any. */
  ZoneVersion put(String label, String line) {
    Map<String, String> copy = new LinkedHashMap<>(lines);
    copy.put(label, line);
    return new ZoneVersion(origin, serial, copy);
  }

  /** This version with every line of {@code labelled} added (label to line), replacing any. */
  ZoneVersion putAll(Map<String, String> labelled) {
    Map<String, String> copy = new LinkedHashMap<>(lines);
    copy.putAll(labelled);
    return new ZoneVersion(origin, serial, copy);
  }

  /** This version without the line under {@code label}, which must exist. */
  ZoneVersion remove(String label) {
    if (!lines.containsKey(label)) {
      throw new IllegalArgumentException("no line labelled " + label);
    }
    Map<String, String> copy = new LinkedHashMap<>(lines);
    copy.remove(label);
    return new ZoneVersion(origin, serial, copy);
  }

  /** This content at another serial. */
  ZoneVersion withSerial(long newSerial) {
    return new ZoneVersion(origin, newSerial, lines);
  }

  long serial() {
    return serial;
  }

  String origin() {
    return origin;
  }

  /** The master file. */
  String text() {
    StringBuilder s = new StringBuilder();
    s.append("$ORIGIN ").append(origin).append(".\n");
    s.append("$TTL 300\n");
    s.append("@ 300 IN SOA ns1 hostmaster ").append(serial).append(" 3600 600 86400 300\n");
    new TreeSet<>(lines.keySet()).forEach(k -> s.append(lines.get(k)).append('\n'));
    return s.toString();
  }

  /** Writes the master file to {@code file} atomically (temporary file, then rename). */
  Path writeTo(Path file) {
    return writeText(file, text());
  }

  /** Writes {@code text} to {@code file} atomically (temporary file, then rename over it). */
  static Path writeText(Path file, String text) {
    try {
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(tmp, text);
      return Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every record of this version, SOA included, as canonical text with TTL. */
  Set<String> records() {
    Set<String> out = new TreeSet<>();
    try (Master master =
        new Master(new ByteArrayInputStream(text().getBytes(StandardCharsets.UTF_8)), Name.fromString(origin + "."))) {
      for (Record r = master.nextRecord(); r != null; r = master.nextRecord()) {
        out.add(r.toString());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("test zone does not parse: " + e.getMessage() + "\n" + text(), e);
    }
    return out;
  }

  /** The SOA record as canonical text. */
  String soa() {
    return records().stream().filter(r -> r.contains("\tSOA\t")).findFirst().orElseThrow();
  }

  /** {@link #records()} without the SOA: what an IXFR deletes or adds besides the framing SOAs. */
  Set<String> recordsWithoutSoa() {
    Set<String> out = new TreeSet<>(records());
    out.removeIf(r -> r.contains("\tSOA\t"));
    return out;
  }
}
