package org.tandemdns.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A zone a peer serves as primary, from a zone file. Immutable; each {@code with}-style method
 * returns a copy. The peer works on its own copy of the file, refreshed by {@link PeerProcess#reload()}.
 *
 * @param origin zone name, without trailing dot
 * @param file the master file to serve
 * @param allowTransfer who may AXFR/IXFR (nobody when empty)
 * @param notifyTargets where NOTIFY is sent when the zone changes
 * @param updateKey when present, RFC 2136 UPDATE signed with this key is allowed (BIND and Knot only)
 */
public record PrimaryZone(
    String origin, Path file, List<Acl> allowTransfer, List<Remote> notifyTargets, Optional<TsigKey> updateKey) {

  public PrimaryZone {
    origin = Names.relative(origin);
    file = file.toAbsolutePath();
    allowTransfer = List.copyOf(allowTransfer);
    notifyTargets = List.copyOf(notifyTargets);
  }

  public static PrimaryZone of(String origin, Path file) {
    return new PrimaryZone(origin, file, List.of(), List.of(), Optional.empty());
  }

  public PrimaryZone allowTransfer(Acl acl) {
    return new PrimaryZone(origin, file, plus(allowTransfer, acl), notifyTargets, updateKey);
  }

  public PrimaryZone notifyTo(Remote target) {
    return new PrimaryZone(origin, file, allowTransfer, plus(notifyTargets, target), updateKey);
  }

  public PrimaryZone notifyTo(Endpoint target) {
    return notifyTo(Remote.of(target));
  }

  public PrimaryZone allowUpdate(TsigKey key) {
    return new PrimaryZone(origin, file, allowTransfer, notifyTargets, Optional.of(key));
  }

  private static <T> List<T> plus(List<T> list, T item) {
    List<T> copy = new ArrayList<>(list);
    copy.add(item);
    return copy;
  }
}
