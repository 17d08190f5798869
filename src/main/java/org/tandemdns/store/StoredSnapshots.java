package org.tandemdns.store;

import java.util.Optional;
import org.tandemdns.zone.ZoneBuilder;
import org.tandemdns.zone.ZoneSnapshot;
import org.tandemdns.zone.ZoneValidationException;
import org.xbill.DNS.Name;

/** Rebuilds a servable snapshot from the version a {@link ZoneStore} holds. */
public final class StoredSnapshots {
  private StoredSnapshots() {}

  /** The stored current version of {@code zone}, or empty when it is not stored. */
  public static Optional<ZoneSnapshot> read(ZoneStore store, Name zone) throws StoreException {
    ZoneBuilder builder = new ZoneBuilder(zone, "the store (" + zone + ")");
    if (!store.readZone(zone, r -> builder.add(r, null))) {
      return Optional.empty();
    }
    try {
      return Optional.of(builder.build());
    } catch (ZoneValidationException e) {
      throw new StoreException("the stored version of " + zone + " is not a valid zone: " + String.join("; ", e.problems()), e);
    }
  }
}
