package org.tandemdns.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import org.xbill.DNS.Record;
import org.xbill.DNS.ZoneTransferException;
import org.xbill.DNS.ZoneTransferIn;

/**
 * Whole zone transfers as a client, over TCP, with dnsjava's {@link ZoneTransferIn} (which reads
 * every message of the response and verifies TSIG on each): for zones too big to read through
 * {@code dig}'s text output.
 */
public final class Transfers {

  private Transfers() {}

  /** AXFR of {@code zone}: every record in the order sent, the closing SOA included; fails on any error. */
  public static List<Record> axfr(Endpoint server, String zone, TsigKey key, Duration timeout) {
    ZoneTransferIn xfr =
        ZoneTransferIn.newAXFR(Names.absolute(zone), server.socketAddress(), key == null ? null : key.toDnsjava());
    run(xfr, timeout, server, "AXFR");
    return xfr.getAXFR();
  }

  /**
   * IXFR of {@code zone} from {@code serial}, without AXFR fallback: the finished transfer, to be read
   * with {@code isCurrent()}, {@code isIXFR()}, {@code getIXFR()} (or {@code isAXFR()} if the server
   * sent the whole zone).
   */
  public static ZoneTransferIn ixfr(Endpoint server, String zone, long serial, TsigKey key, Duration timeout) {
    ZoneTransferIn xfr =
        ZoneTransferIn.newIXFR(Names.absolute(zone), serial, false, server.socketAddress(), key == null ? null : key.toDnsjava());
    run(xfr, timeout, server, "IXFR");
    return xfr;
  }

  private static void run(ZoneTransferIn xfr, Duration timeout, Endpoint server, String what) {
    xfr.setTimeout(timeout);
    try {
      xfr.run();
    } catch (IOException e) {
      throw new UncheckedIOException(what + " from " + server + " failed: " + e.getMessage(), e);
    } catch (ZoneTransferException e) {
      throw new IllegalStateException(what + " from " + server + " failed: " + e.getMessage(), e);
    }
  }
}
