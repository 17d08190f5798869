package org.tandemdns.interop;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;

/**
 * A generated zone of {@code size} A records, {@code h0} to {@code h<size-1>}, in numbered versions:
 * in version {@code v} every {@code changeEvery}-th record's address depends on {@code v}, so each
 * version differs from the previous one in {@code size / changeEvery} records (that many deleted and
 * as many added). The master file is the records' own canonical text, so the expected content is
 * exactly the file's lines.
 */
final class BigZone {

  private final Name origin;
  private final long serial;
  private final int size;
  private final int changeEvery;
  private final List<Record> records;
  private Set<String> texts;

  private BigZone(Name origin, long serial, int size, int changeEvery) {
    this.origin = origin;
    this.serial = serial;
    this.size = size;
    this.changeEvery = changeEvery;
    this.records = build();
  }

  static BigZone version(String origin, long serial, int size, int changeEvery) {
    return new BigZone(Name.fromConstantString(origin + "."), serial, size, changeEvery);
  }

  /** The next version: serial + 1, the changing records moved on. */
  BigZone next() {
    return new BigZone(origin, serial + 1, size, changeEvery);
  }

  long serial() {
    return serial;
  }

  /** Every record, SOA first. */
  List<Record> records() {
    return records;
  }

  /** Canonical text of every record (SOA included), for comparing with a transfer. */
  Set<String> texts() {
    if (texts == null) {
      Set<String> out = new HashSet<>(records.size() * 2);
      records.forEach(r -> out.add(r.toString()));
      texts = java.util.Collections.unmodifiableSet(out);
    }
    return texts;
  }

  /** Canonical text of the records, SOA excluded. */
  Set<String> textsWithoutSoa() {
    Set<String> out = new HashSet<>(texts());
    out.remove(records.get(0).toString());
    return out;
  }

  String soaText() {
    return records.get(0).toString();
  }

  /** Writes the master file atomically (temporary file, then rename). */
  Path writeTo(Path file) {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      for (Record r : records) {
        w.write(r.toString());
        w.write('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      return Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private List<Record> build() {
    List<Record> out = new ArrayList<>(size + 3);
    Name ns1 = Name.fromConstantString("ns1." + origin);
    out.add(new SOARecord(origin, DClass.IN, 300, ns1, Name.fromConstantString("hostmaster." + origin), serial, 3600, 600,
        86400, 300));
    out.add(new NSRecord(origin, DClass.IN, 300, ns1));
    out.add(new ARecord(ns1, DClass.IN, 300, address(127, 0, 0, 1)));
    for (int i = 0; i < size; i++) {
      int last = i % changeEvery == 0 ? (int) ((i + serial) % 250) + 1 : i % 250 + 1;
      Name name = Name.fromConstantString("h" + i + "." + origin);
      out.add(new ARecord(name, DClass.IN, 300, address(10, (i >> 16) & 0xFF, (i >> 8) & 0xFF, last)));
    }
    return out;
  }

  private static InetAddress address(int a, int b, int c, int d) {
    try {
      return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
