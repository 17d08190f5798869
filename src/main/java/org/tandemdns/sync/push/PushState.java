package org.tandemdns.sync.push;

import java.util.Map;
import java.util.OptionalLong;
import org.tandemdns.store.StoreException;
import org.tandemdns.store.ZoneStore;
import org.xbill.DNS.Name;

/**
 * What continuous push keeps per zone and target in the store, so that it survives a restart: the
 * serial last pushed, and the serial waiting to be pushed while a change is pending. After a restart
 * a target whose pushed serial is not the served one, or with a change pending, is re-synced.
 */
final class PushState {
  private final ZoneStore store;

  PushState(ZoneStore store) {
    this.store = store;
  }

  /** The persisted state of one target. */
  record Saved(OptionalLong pushed, OptionalLong pending) {}

  Saved read(Name zone, String target) throws StoreException {
    Map<String, String> state = store.state(zone);
    return new Saved(serial(state.get(pushedKey(target))), serial(state.get(pendingKey(target))));
  }

  void pending(Name zone, String target, long serial) throws StoreException {
    store.putState(zone, pendingKey(target), Long.toString(serial));
  }

  void pushed(Name zone, String target, long serial) throws StoreException {
    store.putState(zone, pushedKey(target), Long.toString(serial));
    store.putState(zone, pendingKey(target), null);
  }

  static String pushedKey(String target) {
    return "push." + target + ".serial";
  }

  static String pendingKey(String target) {
    return "push." + target + ".pending";
  }

  private static OptionalLong serial(String text) {
    if (text == null) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(text));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }
}
