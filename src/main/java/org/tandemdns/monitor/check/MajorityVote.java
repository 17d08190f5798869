package org.tandemdns.monitor.check;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.tandemdns.zone.compare.CanonicalZone;
import org.tandemdns.zone.compare.RRsetKey;
import org.tandemdns.zone.compare.ZoneComparator;

/**
 * The majority reference when neither {@code --expect} nor {@code --expect-from} is given. Every
 * server that answered votes, whether it allowed AXFR or not:
 *
 * <ol>
 *   <li>AXFR copies are grouped by equal data (the comparator decides; SOA serial and TTLs aside).
 *   <li>A server read by queries (it refused AXFR) was asked for every RRset any AXFR copy holds;
 *       it joins the first AXFR group its answers agree with, else the first group of queried
 *       servers that answered alike, else it starts a group of its own.
 *   <li>The largest group wins. Between groups of equal size, the one whose newest serial is newer
 *       (RFC 1982) wins: older data is lag, not a vote. Equal size and equal newest serial is
 *       <em>no majority</em>, reported as such: argument order never decides who is blamed.
 * </ol>
 *
 * <p>Within the winning group the reference is its newest AXFR copy, whole; a group of queried
 * servers only gives the answers its first member gave, so the comparison is then limited to the
 * RRsets asked ({@link Winner#scope()}), and names only the majority holds cannot be seen.
 */
final class MajorityVote {

  /** The outcome. */
  sealed interface Outcome permits Winner, NoMajority {}

  /**
   * A majority.
   *
   * @param reference the copy the others are compared with
   * @param chosen whose copy it is
   * @param scope the RRsets the comparison is limited to, or null for whole copies
   * @param agreeing voters in the winning group
   * @param byQueries how many of them were read by queries
   * @param total voters
   */
  record Winner(CanonicalZone reference, Nameserver chosen, Set<RRsetKey> scope, int agreeing, int byQueries, int total)
      implements Outcome {
    String describe() {
      String how = byQueries == 0 ? "" : byQueries == agreeing
          ? " (all read by queries: no AXFR copy agrees, so names only they hold cannot be seen)"
          : " (" + byQueries + " read by queries)";
      return chosen.label() + ", agreed by " + agreeing + " of " + total + (total == 1 ? " server" : " servers") + how;
    }
  }

  /**
   * No group outnumbers the others.
   *
   * @param factions the largest groups (all of one size), each as its members' labels
   */
  record NoMajority(List<List<String>> factions) implements Outcome {
    String describe() {
      String sides = factions.stream().map(f -> String.join(", ", f)).collect(Collectors.joining(" | "));
      return factions.stream().map(f -> String.valueOf(f.size())).collect(Collectors.joining(" against "))
          + ", same serial, different data (" + sides + "); give --expect FILE or --expect-from ADDR to say which copy is right";
    }
  }

  private record Voter(Nameserver ns, CanonicalZone copy, Set<RRsetKey> scope) {
    boolean whole() {
      return scope == null;
    }

    long serial() {
      return copy.serial().orElse(0L);
    }
  }

  private static final class Group {
    final List<Voter> members = new ArrayList<>();

    Voter first() {
      return members.get(0);
    }

    Voter newest() {
      Voter best = first();
      for (Voter v : members) {
        if (v.whole() == best.whole() && Serials.newer(v.serial(), best.serial())) {
          best = v;
        }
      }
      return best;
    }
  }

  private final ZoneComparator comparator;

  MajorityVote(ZoneComparator comparator) {
    this.comparator = comparator;
  }

  /**
   * Counts the votes.
   *
   * @param copies AXFR copies, in argument order
   * @param queried copies read by queries, in argument order
   * @return empty when nobody voted
   */
  Optional<Outcome> count(Map<Nameserver, CanonicalZone> copies, Map<Nameserver, QueriedCopy> queried) {
    List<Group> groups = new ArrayList<>();
    copies.forEach((ns, z) -> join(groups, new Voter(ns, z, null)));
    queried.forEach((ns, q) -> join(groups, new Voter(ns, q.copy(), q.answered())));
    if (groups.isEmpty()) {
      return Optional.empty();
    }
    List<Group> top = new ArrayList<>();
    for (Group g : groups) {
      if (top.isEmpty() || g.members.size() > top.get(0).members.size()) {
        top = new ArrayList<>(List.of(g));
      } else if (g.members.size() == top.get(0).members.size()) {
        top.add(g);
      }
    }
    Group winner = newestOf(top);
    int total = copies.size() + queried.size();
    if (winner == null) {
      List<List<String>> factions = top.stream().map(g -> g.members.stream().map(v -> v.ns().label()).toList()).toList();
      return Optional.of(new NoMajority(factions));
    }
    Voter ref = winner.newest();
    int byQueries = (int) winner.members.stream().filter(v -> !v.whole()).count();
    return Optional.of(new Winner(ref.copy(), ref.ns(), ref.scope(), winner.members.size(), byQueries, total));
  }

  /** The group whose newest serial is newer than every other's, or null when two share it. */
  private static Group newestOf(List<Group> top) {
    if (top.size() == 1) {
      return top.get(0);
    }
    Group best = null;
    boolean shared = false;
    for (Group g : top) {
      long s = g.newest().serial();
      if (best == null || Serials.newer(s, best.newest().serial())) {
        best = g;
        shared = false;
      } else if (!Serials.newer(best.newest().serial(), s)) {
        shared = true;
      }
    }
    return shared ? null : best;
  }

  /** AXFR voters join first, so AXFR groups come before groups of queried servers. */
  private void join(List<Group> groups, Voter v) {
    Group home = groups.stream().filter(g -> agree(g.first(), v)).findFirst().orElse(null);
    if (home == null) {
      home = new Group();
      groups.add(home);
    }
    home.members.add(v);
  }

  private boolean agree(Voter a, Voter b) {
    if (a.whole() && b.whole()) {
      return comparator.sameData(a.copy(), b.copy());
    }
    Set<RRsetKey> scope;
    if (a.whole()) {
      scope = b.scope();
    } else if (b.whole()) {
      scope = a.scope();
    } else {
      scope = new HashSet<>(a.scope());
      scope.retainAll(b.scope());
    }
    return comparator.compareWithin(a.copy(), b.copy(), scope).drift().isEmpty();
  }
}
