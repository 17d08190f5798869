package org.tandemdns.security;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.xbill.DNS.Name;

/**
 * Every TSIG key the server knows, by name (names compare case-insensitively). The whole set is
 * replaced at once when the configuration is re-read, so a lookup sees the old set or the new one.
 */
public final class TsigKeyRing {
  private volatile Map<Name, TsigKey> keys;

  public TsigKeyRing(Collection<TsigKey> keys) {
    this.keys = index(keys);
  }

  /** Replaces every key with {@code next} (a corrected secret takes effect on the next message). */
  public void replaceAll(Collection<TsigKey> next) {
    keys = index(next);
  }

  private static Map<Name, TsigKey> index(Collection<TsigKey> keys) {
    Map<Name, TsigKey> map = new HashMap<>();
    for (TsigKey k : keys) {
      if (map.put(k.name(), k) != null) {
        throw new IllegalArgumentException("TSIG key " + k.name() + " is defined twice");
      }
    }
    return Map.copyOf(map);
  }

  public static TsigKeyRing empty() {
    return new TsigKeyRing(java.util.List.of());
  }

  /** The key with this name, or null. */
  public TsigKey find(Name name) {
    return keys.get(name);
  }

  public boolean isEmpty() {
    return keys.isEmpty();
  }
}
