package org.tandemdns.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.tandemdns.testing.Endpoint;
import org.tandemdns.testing.TsigKey;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.ZoneTransferException;
import org.xbill.DNS.ZoneTransferIn;

/** A whole zone fetched by AXFR (dnsjava's client, TSIG verified on every message when keyed). */
final class Axfr {

  private Axfr() {}

  /**
   * Every record of {@code zone} at {@code server}, each in presentation format (owner, TTL, class,
   * type, rdata), as a set: the closing SOA collapses into the opening one.
   */
  static Set<String> records(Endpoint server, String zone, TsigKey key, Duration timeout) {
    try {
      ZoneTransferIn xfr =
          ZoneTransferIn.newAXFR(Name.fromString(zone.endsWith(".") ? zone : zone + "."), server.socketAddress(),
              key == null ? null : key.toDnsjava());
      xfr.setTimeout(timeout);
      xfr.run();
      Set<String> records = new HashSet<>();
      for (Record r : xfr.getAXFR()) {
        records.add(r.toString());
      }
      return records;
    } catch (IOException e) {
      throw new UncheckedIOException("AXFR of " + zone + " from " + server + ": " + e.getMessage(), e);
    } catch (ZoneTransferException e) {
      throw new IllegalStateException("AXFR of " + zone + " from " + server + " failed: " + e.getMessage(), e);
    }
  }

  static Set<String> records(Endpoint server, String zone, TsigKey key) {
    return records(server, zone, key, Duration.ofSeconds(10));
  }
}
