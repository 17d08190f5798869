package org.tandemdns.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Master files (RFC 1035 §5) with chosen SOA timers, for the secondary tests. */
final class ZoneFiles {

  private ZoneFiles() {}

  /**
   * Writes {@code dir/ORIGIN.zone}: SOA with {@code serial} and the given REFRESH, RETRY and
   * EXPIRE (seconds; minimum 300), NS ns1 with glue 127.0.0.1, www A 192.0.2.1, then {@code extra}
   * (master-file lines relative to the origin).
   */
  static Path write(Path dir, String origin, long serial, int refresh, int retry, int expire, String... extra) {
    StringBuilder text = new StringBuilder();
    text.append("$ORIGIN ").append(origin).append(".\n$TTL 300\n");
    text.append("@ IN SOA ns1 hostmaster ").append(serial).append(' ').append(refresh).append(' ').append(retry)
        .append(' ').append(expire).append(" 300\n");
    text.append("@ IN NS ns1\nns1 IN A 127.0.0.1\nwww IN A 192.0.2.1\n");
    for (String line : extra) {
      text.append(line).append('\n');
    }
    try {
      Files.createDirectories(dir);
      Path file = dir.resolve(origin + ".zone");
      Path tmp = dir.resolve(origin + ".zone.tmp");
      Files.writeString(tmp, text);
      return Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
