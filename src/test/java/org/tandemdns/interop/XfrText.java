package org.tandemdns.interop;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.Master;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

/**
 * The resource records in the text output of {@code dig} or {@code kdig}, in order: comment lines
 * ({@code ;}) and blank lines are skipped, TSIG records are kept apart ({@link #tsigLines}), every
 * other line is parsed by dnsjava's master-file parser.
 */
final class XfrText {

  private XfrText() {}

  /** The records of {@code output}, TSIG excluded, in the order printed. */
  static List<Record> records(String output) {
    StringBuilder zoneText = new StringBuilder();
    for (String line : output.split("\n")) {
      String t = line.strip();
      if (t.isEmpty() || t.startsWith(";") || isTsig(t)) {
        continue;
      }
      zoneText.append(t).append('\n');
    }
    List<Record> out = new ArrayList<>();
    try (Master master = new Master(new ByteArrayInputStream(zoneText.toString().getBytes(StandardCharsets.UTF_8)), Name.root)) {
      for (Record r = master.nextRecord(); r != null; r = master.nextRecord()) {
        out.add(r);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot parse the records of:\n" + output, e);
    }
    return out;
  }

  /** The TSIG lines of {@code output}. */
  static List<String> tsigLines(String output) {
    List<String> out = new ArrayList<>();
    for (String line : output.split("\n")) {
      String t = line.strip();
      if (!t.startsWith(";") && isTsig(t)) {
        out.add(t);
      }
    }
    return out;
  }

  /** Canonical text with TTL of each record, as {@link ZoneVersion#records()} writes it. */
  static List<String> text(List<Record> records) {
    return records.stream().map(Record::toString).toList();
  }

  private static boolean isTsig(String line) {
    String[] fields = line.split("\\s+");
    return fields.length > 3 && fields[3].equals("TSIG");
  }
}
