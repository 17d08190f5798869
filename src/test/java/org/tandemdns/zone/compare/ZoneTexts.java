package org.tandemdns.zone.compare;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.Master;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

/** Parses master-file text for tests. */
final class ZoneTexts {
  private ZoneTexts() {}

  static CanonicalZone zone(String origin, String text) {
    Name o = Name.fromConstantString(origin.endsWith(".") ? origin : origin + ".");
    return CanonicalZone.of(o, records(o, text));
  }

  static List<Record> records(Name origin, String text) {
    List<Record> out = new ArrayList<>();
    try (Master m = new Master(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), origin, 3600)) {
      for (Record r; (r = m.nextRecord()) != null; ) {
        out.add(r);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
