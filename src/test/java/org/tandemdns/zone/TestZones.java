package org.tandemdns.zone;

import java.io.StringReader;
import org.xbill.DNS.Name;

/** Builds snapshots from master-file text in tests. */
public final class TestZones {
  private TestZones() {}

  public static ZoneSnapshot parse(String origin, String text) {
    try {
      Name o = Name.fromString(origin);
      ZoneBuilder builder = new ZoneBuilder(o, "test");
      ZoneFileReader.forUntrustedText().read(new StringReader(text), "test", o, builder::add);
      return builder.build();
    } catch (Exception e) {
      throw new IllegalArgumentException("test zone " + origin + " does not load: " + e.getMessage(), e);
    }
  }

  /** A zone table serving the given snapshots. */
  public static ZoneTable table(ZoneSnapshot... snapshots) {
    ZoneTable table = new ZoneTable();
    for (ZoneSnapshot s : snapshots) {
      ServedZone z = new ServedZone(s.origin());
      z.swap(s);
      table.add(z);
    }
    return table;
  }
}
