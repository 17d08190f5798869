package org.tandemdns.zone;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.xbill.DNS.NSEC3PARAMRecord;
import org.xbill.DNS.NSEC3Record;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;
import org.xbill.DNS.utils.base32;

/**
 * The authenticated-denial chain of one snapshot, built once per version so that queries only
 * search it: the NSEC owners in canonical order (RFC 4034 §6.1), or the NSEC3 records ordered by
 * their hash (RFC 5155 §3). Queries then find, in O(log n), the NSEC that covers a name (RFC 4035
 * §3.1.3) or the NSEC3 that matches or covers a name's hash (RFC 5155 §7.2).
 *
 * <p>Hashes of existing names are read from the NSEC3 owners, never computed; a query computes
 * the hash of at most three names it proves absent. NSEC3 chains with more than
 * {@link #MAX_ITERATIONS} iterations are a zone problem (RFC 9276 §3.2): such a chain is kept for
 * transfers, but no hash is computed for it at query time.
 */
public final class DenialChain {
  /** The most NSEC3 iterations hashed at query time; validators treat more as insecure (RFC 9276 §3.2). */
  public static final int MAX_ITERATIONS = 150;

  /** Which kind of chain the zone has. */
  public enum Kind { NONE, NSEC, NSEC3 }

  private static final base32 BASE32HEX = new base32(base32.Alphabet.BASE32HEX, false, false);
  private static final DenialChain NONE = new DenialChain(Kind.NONE, new Node[0], null, null);

  private final Kind kind;
  /** NSEC: the nodes owning an NSEC, canonically ordered. NSEC3: the nodes owning an NSEC3 of the chain, by hash. */
  private final Node[] nodes;
  private final byte[][] hashes;
  private final NSEC3PARAMRecord params;

  private DenialChain(Kind kind, Node[] nodes, byte[][] hashes, NSEC3PARAMRecord params) {
    this.kind = kind;
    this.nodes = nodes;
    this.hashes = hashes;
    this.params = params;
  }

  /** The chain of {@code zone}: NSEC3 when the apex has an NSEC3PARAM (RFC 5155 §4), else NSEC when there is one. */
  static DenialChain of(ZoneSnapshot zone) {
    NSEC3PARAMRecord params = nsec3Params(zone);
    if (params != null) {
      return nsec3(zone, params);
    }
    List<Node> owners = new ArrayList<>();
    for (Node n : zone.nodes()) {
      if (n.has(Type.NSEC)) {
        owners.add(n);
      }
    }
    if (owners.isEmpty()) {
      return NONE;
    }
    Node[] sorted = owners.toArray(new Node[0]);
    Arrays.sort(sorted, Comparator.comparing(Node::name));
    return new DenialChain(Kind.NSEC, sorted, null, null);
  }

  /**
   * The chain of {@code next}, a version made from the one {@code prev} belongs to by changing only
   * the nodes named in {@code touched} (every other node is the same object): the previous chain
   * with those entries replaced, dropped or inserted, in one merge — no decoding or sorting of the
   * rest. Null when it must be built whole (no chain before, or the NSEC3 parameters changed).
   */
  static DenialChain edited(DenialChain prev, ZoneSnapshot next, java.util.Set<Name> touched) {
    if (prev.kind == Kind.NONE) {
      return null;
    }
    NSEC3PARAMRecord params = nsec3Params(next);
    if ((prev.kind == Kind.NSEC3) != (params != null) || params != null && !params.equals(prev.params)) {
      return null;
    }
    if (prev.kind == Kind.NSEC) {
      java.util.TreeMap<Name, Node> changes = new java.util.TreeMap<>();
      for (Name t : touched) {
        Node n = next.node(t);
        changes.put(t, n != null && n.has(Type.NSEC) ? n : null);
      }
      Name[] names = new Name[prev.nodes.length];
      for (int i = 0; i < names.length; i++) {
        names[i] = prev.nodes[i].name();
      }
      List<Node> nodes = new ArrayList<>(prev.nodes.length + changes.size());
      merge(prev.nodes, names, changes, nodes, new ArrayList<>());
      return nodes.isEmpty() ? NONE : new DenialChain(Kind.NSEC, nodes.toArray(new Node[0]), null, null);
    }
    java.util.TreeMap<byte[], Node> changes = new java.util.TreeMap<>(Arrays::compareUnsigned);
    int originLabels = next.origin().labels();
    for (Name t : touched) {
      if (t.labels() != originLabels + 1 || t.getLabelString(0).length() != 32) {
        continue;
      }
      byte[] hash;
      try {
        hash = decodeLabel(t);
      } catch (RuntimeException e) {
        continue; // not base32hex: not a hashed owner
      }
      if (hash == null || hash.length != 20) {
        continue;
      }
      Node n = next.node(t);
      Record[] set = n == null ? null : n.rrset(Type.NSEC3);
      changes.put(hash, set != null && sameParams((NSEC3Record) set[0], params) ? n : null);
    }
    List<Node> nodes = new ArrayList<>(prev.nodes.length + changes.size());
    List<byte[]> hashes = new ArrayList<>(prev.nodes.length + changes.size());
    merge(prev.nodes, prev.hashes, changes, nodes, hashes);
    return new DenialChain(Kind.NSEC3, nodes.toArray(new Node[0]), hashes.toArray(new byte[0][]), params);
  }

  /**
   * One pass over a chain ({@code nodes} ordered by {@code keys}) and its changes in the same order
   * (a node: insert or replace; null: drop), into {@code outNodes} and {@code outKeys}.
   */
  private static <K> void merge(Node[] nodes, K[] keys, java.util.TreeMap<K, Node> changes, List<Node> outNodes,
      List<K> outKeys) {
    java.util.Comparator<? super K> order = changes.comparator();
    java.util.function.BiFunction<K, K, Integer> compare = order == null
        ? (x, y) -> ((Comparable<K>) x).compareTo(y) : order::compare;
    var it = changes.entrySet().iterator();
    var change = it.hasNext() ? it.next() : null;
    for (int i = 0; i < nodes.length; i++) {
      int c = 0;
      while (change != null && (c = compare.apply(change.getKey(), keys[i])) < 0) {
        add(change.getKey(), change.getValue(), outNodes, outKeys);
        change = it.hasNext() ? it.next() : null;
      }
      if (change != null && c == 0) {
        add(change.getKey(), change.getValue(), outNodes, outKeys);
        change = it.hasNext() ? it.next() : null;
      } else {
        add(keys[i], nodes[i], outNodes, outKeys);
      }
    }
    for (; change != null; change = it.hasNext() ? it.next() : null) {
      add(change.getKey(), change.getValue(), outNodes, outKeys);
    }
  }

  private static <K> void add(K key, Node node, List<Node> outNodes, List<K> outKeys) {
    if (node != null) {
      outNodes.add(node);
      outKeys.add(key);
    }
  }

  private static NSEC3PARAMRecord nsec3Params(ZoneSnapshot zone) {
    Record[] set = zone.apex().rrset(Type.NSEC3PARAM);
    if (set == null) {
      return null;
    }
    for (Record r : set) {
      NSEC3PARAMRecord p = (NSEC3PARAMRecord) r;
      if (p.getFlags() == 0 && p.getHashAlgorithm() == NSEC3Record.SHA1_DIGEST_ID) {
        return p; // RFC 5155 §4.1.2: an NSEC3PARAM with flags other than 0 is ignored
      }
    }
    return null;
  }

  private static DenialChain nsec3(ZoneSnapshot zone, NSEC3PARAMRecord params) {
    List<Node> owners = new ArrayList<>();
    List<byte[]> keys = new ArrayList<>();
    int originLabels = zone.origin().labels();
    for (Node n : zone.nodes()) {
      Record[] set = n.name().labels() == originLabels + 1 ? n.rrset(Type.NSEC3) : null;
      if (set == null || !sameParams((NSEC3Record) set[0], params)) {
        continue;
      }
      byte[] hash = decodeLabel(n.name());
      if (hash != null) {
        owners.add(n);
        keys.add(hash);
      }
    }
    Integer[] order = new Integer[owners.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Arrays.compareUnsigned(keys.get(a), keys.get(b)));
    Node[] sorted = new Node[order.length];
    byte[][] hashes = new byte[order.length][];
    for (int i = 0; i < order.length; i++) {
      sorted[i] = owners.get(order[i]);
      hashes[i] = keys.get(order[i]);
    }
    return new DenialChain(Kind.NSEC3, sorted, hashes, params);
  }

  private static boolean sameParams(NSEC3Record r, NSEC3PARAMRecord p) {
    return r.getHashAlgorithm() == p.getHashAlgorithm() && r.getIterations() == p.getIterations()
        && Arrays.equals(r.getSalt() == null ? new byte[0] : r.getSalt(), p.getSalt() == null ? new byte[0] : p.getSalt());
  }

  private static byte[] decodeLabel(Name owner) {
    String label = owner.getLabelString(0);
    return label.length() == 32 ? BASE32HEX.fromString(label) : null; // SHA-1: 20 octets, 32 characters
  }

  public Kind kind() {
    return kind;
  }

  /** Entries in the chain. */
  public int size() {
    return nodes.length;
  }

  /** The {@code i}th node of the chain, in chain order (canonical for NSEC, by hash for NSEC3). */
  public Node at(int i) {
    return nodes[i];
  }

  /** The hash the {@code i}th NSEC3 owner stands for (a copy); NSEC3 chains only. */
  public byte[] hashAt(int i) {
    return hashes[i].clone();
  }

  /** The NSEC3PARAM the chain was built for, or null for an NSEC or no chain. */
  public NSEC3PARAMRecord nsec3Params() {
    return params;
  }

  /** True when NSEC3 proofs can be computed at query time (iterations within {@link #MAX_ITERATIONS}). */
  public boolean nsec3Hashable() {
    return kind == Kind.NSEC3 && params.getIterations() <= MAX_ITERATIONS && nodes.length > 0;
  }

  /**
   * The node whose NSEC covers {@code name} (RFC 4035 §3.1.3.2): the last owner canonically before
   * it, wrapping to the last owner. Null without an NSEC chain.
   */
  public Node nsecCovering(Name name) {
    if (kind != Kind.NSEC || nodes.length == 0) {
      return null;
    }
    int lo = 0;
    int hi = nodes.length - 1;
    int found = nodes.length - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (nodes[mid].name().compareTo(name) < 0) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return nodes[found];
  }

  /** The NSEC3 hash of {@code name} with this chain's parameters (RFC 5155 §5); null when not hashable. */
  public byte[] hash(Name name) {
    if (!nsec3Hashable()) {
      return null;
    }
    try {
      return params.hashName(name);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is not available", e);
    }
  }

  /** The node whose NSEC3 owner is exactly {@code hash} (RFC 5155 §7.2.8 "matches"), or null. */
  public Node nsec3Matching(byte[] hash) {
    if (kind != Kind.NSEC3 || hash == null) {
      return null;
    }
    int i = search(hash);
    return i >= 0 ? nodes[i] : null;
  }

  /**
   * The node whose NSEC3 covers {@code hash} (RFC 5155 §1.3: owner hash before it, next hashed
   * owner after it, wrapping at the end of the chain), or null when {@code hash} is matched.
   */
  public Node nsec3Covering(byte[] hash) {
    if (kind != Kind.NSEC3 || hash == null || nodes.length == 0) {
      return null;
    }
    int i = search(hash);
    if (i >= 0) {
      return null;
    }
    int insertion = -i - 1;
    return nodes[insertion == 0 ? nodes.length - 1 : insertion - 1];
  }

  private int search(byte[] hash) {
    int lo = 0;
    int hi = nodes.length - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int c = Arrays.compareUnsigned(hashes[mid], hash);
      if (c < 0) {
        lo = mid + 1;
      } else if (c > 0) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    return -(lo + 1);
  }
}
