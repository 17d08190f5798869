package org.tandemdns.zone;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Writes a snapshot as a master file (RFC 1035 §5): {@code $ORIGIN}, the SOA first, then every
 * name in canonical order (RFC 4034 §6.1), absolute owner names, one record per line, so that
 * {@link ZoneFileReader} reads back exactly the same zone.
 */
public final class ZoneFileWriter {
  private ZoneFileWriter() {}

  public static void write(ZoneSnapshot zone, Writer out) throws IOException {
    out.write("; zone " + zone.origin() + " serial " + zone.serial() + ", " + zone.recordCount() + " records\n");
    out.write("$ORIGIN " + zone.origin() + "\n");
    line(out, zone.soa());
    List<Node> nodes = new ArrayList<>(zone.nodes());
    nodes.sort((a, b) -> a.name().compareTo(b.name()));
    for (Node n : nodes) {
      for (int i = 0; i < n.rrsetCount(); i++) {
        for (Record r : n.rrsetAt(i)) {
          if (r.getType() != Type.SOA) {
            line(out, r);
          }
        }
      }
    }
  }

  private static void line(Writer out, Record r) throws IOException {
    out.write(r.getName() + " " + r.getTTL() + " IN " + Type.string(r.getType()) + " " + r.rdataToString() + "\n");
  }
}
