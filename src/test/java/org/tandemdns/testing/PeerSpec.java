package org.tandemdns.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What a peer is asked to serve: primary and secondary zones, and how long to wait for them.
 *
 * @param listen where the peer listens; empty to allocate a free loopback port
 * @param awaitZones when true, start() waits until every zone is served authoritatively (for a
 *     secondary: transferred); when false, only until the server answers at all
 */
public record PeerSpec(
    List<PrimaryZone> primaries,
    List<SecondaryZone> secondaries,
    Optional<Endpoint> listen,
    Duration readyTimeout,
    boolean awaitZones) {

  public PeerSpec {
    primaries = List.copyOf(primaries);
    secondaries = List.copyOf(secondaries);
  }

  /** Every zone name, primaries first. */
  public List<String> origins() {
    List<String> origins = new ArrayList<>();
    primaries.forEach(z -> origins.add(z.origin()));
    secondaries.forEach(z -> origins.add(z.origin()));
    return origins;
  }

  /** Every TSIG key any zone refers to, once each by name; keys of the same name must match. */
  public List<TsigKey> keys() {
    Map<String, TsigKey> keys = new LinkedHashMap<>();
    Stream<TsigKey> all =
        Stream.of(
                primaries.stream().flatMap(z -> z.allowTransfer().stream()).flatMap(a -> a.key().stream()),
                primaries.stream().flatMap(z -> z.notifyTargets().stream()).flatMap(r -> r.key().stream()),
                primaries.stream().flatMap(z -> z.updateKey().stream()),
                secondaries.stream().flatMap(z -> z.key().stream()),
                secondaries.stream().flatMap(z -> z.allowTransfer().stream()).flatMap(a -> a.key().stream()))
            .flatMap(s -> s);
    all.forEach(
        k -> {
          TsigKey previous = keys.putIfAbsent(k.name(), k);
          if (previous != null && !previous.equals(k)) {
            throw new IllegalArgumentException("two different TSIG keys named " + k.name());
          }
        });
    return List.copyOf(keys.values());
  }
}
