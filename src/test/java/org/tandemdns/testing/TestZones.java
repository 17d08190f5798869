package org.tandemdns.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes small master files (RFC 1035 §5) for tests. */
public final class TestZones {

  private TestZones() {}

  /**
   * Writes a minimal zone for {@code origin}: SOA with {@code serial}, one NS with in-zone glue,
   * {@code www} A 192.0.2.1, then {@code extraRecords} (master-file lines, relative to the origin).
   */
  public static Path write(Path dir, String origin, long serial, String... extraRecords) {
    String zone = Names.relative(origin) + ".";
    StringBuilder text = new StringBuilder();
    text.append("$ORIGIN ").append(zone).append('\n');
    text.append("$TTL 300\n");
    text.append("@ IN SOA ns1 hostmaster ").append(serial).append(" 3600 600 86400 300\n");
    text.append("@ IN NS ns1\n");
    text.append("ns1 IN A 127.0.0.1\n");
    text.append("www IN A 192.0.2.1\n");
    for (String r : extraRecords) {
      text.append(r).append('\n');
    }
    try {
      Files.createDirectories(dir);
      return Files.writeString(dir.resolve(Names.relative(origin) + ".zone"), text.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
