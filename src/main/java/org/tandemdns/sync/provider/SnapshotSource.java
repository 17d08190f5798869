package org.tandemdns.sync.provider;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Function;
import org.tandemdns.zone.ZoneSnapshot;
import org.tandemdns.zone.compare.CanonicalZone;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

/** The version a running Tandem serves, as the source of continuous push. */
public final class SnapshotSource implements ZoneSource {
  private final Function<Name, ZoneSnapshot> snapshots;

  /** @param snapshots the served version of a zone, or null when it has none */
  public SnapshotSource(Function<Name, ZoneSnapshot> snapshots) {
    this.snapshots = snapshots;
  }

  @Override
  public String describe() {
    return "the served zone";
  }

  @Override
  public ZoneContent read(Name zone) throws ProviderException {
    ZoneSnapshot s = snapshots.apply(zone);
    if (s == null) {
      throw new ProviderException("zone " + zone + " has no data yet");
    }
    return content(s);
  }

  /** A snapshot's content in canonical form. */
  public static ZoneContent content(ZoneSnapshot s) {
    List<Record> records = new ArrayList<>(s.recordCount());
    s.forEachRecord(records::add);
    return new ZoneContent(CanonicalZone.of(s.origin(), records), OptionalLong.of(s.serial()), List.of());
  }
}
