package org.tandemdns.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandemdns.zone.ZoneBuilder;
import org.tandemdns.zone.ZoneSnapshot;
import org.tandemdns.zone.ZoneValidationException;
import org.xbill.DNS.Name;

/**
 * Rebuilds a servable snapshot from the version a {@link ZoneStore} holds. Stored records that
 * cannot be decoded (a damaged disk, a row from a faulty version) are left out with one ERROR line
 * that names them and says how to repair: the rest of the zone is served rather than none of it.
 */
public final class StoredSnapshots {
  private static final Logger log = LoggerFactory.getLogger(StoredSnapshots.class);
  private static final int SHOWN = 3;

  private StoredSnapshots() {}

  /** The stored current version of {@code zone}, or empty when it is not stored. */
  public static Optional<ZoneSnapshot> read(ZoneStore store, Name zone) throws StoreException {
    return read(store, zone, new ArrayList<>());
  }

  /**
   * As {@link #read(ZoneStore, Name)}; each stored record left out because it cannot be read is
   * described in {@code unreadable}, so that the caller can repair the stored version.
   */
  public static Optional<ZoneSnapshot> read(ZoneStore store, Name zone, List<String> unreadable) throws StoreException {
    ZoneBuilder builder = new ZoneBuilder(zone, "the store (" + zone + ")");
    if (!store.readZone(zone, r -> builder.add(r, null), unreadable::add)) {
      return Optional.empty();
    }
    if (!unreadable.isEmpty()) {
      log.error("zone {}: {} stored record(s) cannot be read and are left out of what is served: {}{}. To repair: an API"
          + " zone is written back without them (add them again by API or UPDATE), a secondary transfers itself whole at"
          + " its next refresh, a file zone is read again from its file; check the disk", zone, unreadable.size(),
          String.join("; ", unreadable.subList(0, Math.min(SHOWN, unreadable.size()))),
          unreadable.size() > SHOWN ? " and " + (unreadable.size() - SHOWN) + " more" : "");
    }
    try {
      return Optional.of(builder.build());
    } catch (ZoneValidationException e) {
      throw new StoreException("the stored version of " + zone + " is not a valid zone: " + String.join("; ", e.problems()), e);
    }
  }
}
