package org.tandemdns.dnssec;

import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiFunction;
import org.tandemdns.zone.DenialChain;
import org.tandemdns.zone.DiffDoesNotApplyException;
import org.tandemdns.zone.Node;
import org.tandemdns.zone.ZoneDiff;
import org.tandemdns.zone.ZoneEditor;
import org.tandemdns.zone.ZoneSnapshot;
import org.tandemdns.zone.ZoneValidationException;
import org.xbill.DNS.DClass;
import org.xbill.DNS.NSEC3PARAMRecord;
import org.xbill.DNS.NSEC3Record;
import org.xbill.DNS.NSECRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import org.xbill.DNS.utils.base32;

/**
 * Signs one change of a signed zone in time proportional to the change, not to the zone: the
 * RRsets the change touched get new signatures, the SOA too, and the NSEC or NSEC3 chain is
 * repaired around the names that appeared or went (RFC 4035 §2.3, RFC 5155 §7.1): each such name's
 * record, its predecessor's (whose "next" moves), and any record whose type bitmap changed.
 * Everything is computed against the previous signed version through its denial chain (binary
 * search), and the result is one diff applied with {@link ZoneEditor} — the same diff the journal
 * keeps, so a secondary's IXFR carries exactly these records.
 *
 * <p>Changes this does not handle return null, for a whole signing run instead: a name at or below a
 * zone cut or a DNAME (authority changes move whole subtrees in and out of the chain), NSEC3 opt-out,
 * a new negative TTL (every NSEC record's TTL changes), or a key set that differs from the one the
 * previous version was signed with.
 */
final class ChangeSigner {
  private static final base32 BASE32HEX = new base32(base32.Alphabet.BASE32HEX, false, true);

  private final Name origin;
  private final boolean nsec3;
  private final BiFunction<Name, Record[], Record[]> sign;

  /** @param sign makes the RRSIGs of an RRset with the zone's current keys */
  ChangeSigner(Name origin, boolean nsec3, BiFunction<Name, Record[], Record[]> sign) {
    this.origin = origin;
    this.nsec3 = nsec3;
    this.sign = sign;
  }

  /** The signed next version and its diff from {@code prev}; null when the change needs a whole run. */
  SignedChange apply(ZoneSnapshot prev, ZoneDiff change) throws ZoneValidationException {
    DenialChain chain = prev.denial();
    if (chain.kind() != (nsec3 ? DenialChain.Kind.NSEC3 : DenialChain.Kind.NSEC) || chain.size() == 0
        || negativeTtl(prev.soa()) != negativeTtl(change.toSoa())) {
      return null;
    }
    if (nsec3 && (chain.nsec3Params().getFlags() != 0 || optOut(chain))) {
      return null;
    }
    Map<Name, Set<Integer>> touched = new TreeMap<>();
    for (List<Record> side : List.of(change.deleted(), change.added())) {
      for (Record r : side) {
        Name n = r.getName();
        if (ZoneSigner.managed(r.getType()) || !n.subdomain(origin) || prev.occluded(n)
            || (!n.equals(origin) && (r.getType() == Type.NS || r.getType() == Type.DS))
            || r.getType() == Type.DNAME || (prev.node(n) != null && prev.node(n).isDelegation())) {
          return null;
        }
        touched.computeIfAbsent(n, k -> new TreeSet<>()).add(r.getType());
      }
    }
    // every touched RRset loses its old signatures (it is signed again below, or it is gone); taken
    // out before the edit, so that names left without data, and empty non-terminals left without
    // descendants, are pruned as in the next version
    touched.computeIfAbsent(origin, k -> new TreeSet<>()).add(Type.SOA);
    Set<Record> deleted = new LinkedHashSet<>(change.deleted());
    for (var e : touched.entrySet()) {
      Node before = prev.node(e.getKey());
      for (int type : e.getValue()) {
        Record[] sigs = before == null ? null : before.signatures(type);
        if (sigs != null) {
          deleted.addAll(Arrays.asList(sigs));
        }
      }
    }
    ZoneSnapshot edited;
    try {
      edited = ZoneEditor.apply(prev, new ZoneDiff(change.fromSoa(), change.toSoa(), List.copyOf(deleted), change.added()));
    } catch (DiffDoesNotApplyException e) {
      return null;
    }
    Set<Record> added = new LinkedHashSet<>(change.added());
    int[] made = {0};
    for (var e : touched.entrySet()) {
      Node after = edited.node(e.getKey());
      for (int type : e.getValue()) {
        Record[] set = after == null ? null : after.rrset(type);
        if (set != null) {
          Record[] sigs = sign.apply(e.getKey(), set);
          made[0] += sigs.length;
          added.addAll(Arrays.asList(sigs));
        }
      }
    }
    Chain c = nsec3 ? new Nsec3Chain(prev, edited, chain) : new NsecChain(prev, edited, chain);
    c.repair(touched.keySet(), deleted, added, made);
    ZoneDiff diff = new ZoneDiff(prev.soa(), change.toSoa(), new ArrayList<>(deleted), new ArrayList<>(added));
    try {
      return new SignedChange(ZoneEditor.apply(prev, diff), diff, made[0]);
    } catch (DiffDoesNotApplyException e) {
      throw new IllegalStateException("zone " + origin + ": the signed change does not apply: " + e.getMessage(), e);
    }
  }


  private static long negativeTtl(org.xbill.DNS.SOARecord soa) {
    return Math.min(soa.getTTL(), soa.getMinimum());
  }

  private static boolean optOut(DenialChain chain) {
    Record[] r = chain.at(0).rrset(Type.NSEC3);
    return r != null && (((NSEC3Record) r[0]).getFlags() & NSEC3Record.Flags.OPT_OUT) != 0;
  }

  /** True when {@code n} of {@code zone} has data of its own other than the signer's (it is in an NSEC chain). */
  private static boolean hasData(Node n) {
    if (n == null || n.isNsec3Only()) {
      return false;
    }
    for (int t : n.types()) {
      if (!ZoneSigner.managed(t)) {
        return true;
      }
    }
    return false;
  }

  /** The types of {@code n} its NSEC/NSEC3 bitmap lists (the node is not a delegation here). */
  private static int[] ownTypes(Node n, boolean withNsec) {
    TreeSet<Integer> types = new TreeSet<>();
    for (int t : n.types()) {
      if (t != Type.RRSIG && t != Type.NSEC && t != Type.NSEC3) { // the apex's DNSKEY, CDS... are in it
        types.add(t);
      }
    }
    if (!types.isEmpty()) {
      types.add(Type.RRSIG);
      if (withNsec) {
        types.add(Type.NSEC);
      }
    }
    return types.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * One denial chain as an ordered set of keys (names for NSEC, hashes for NSEC3), read from the
   * previous version, with the keys that appear or go; {@link #repair} rewrites the records of
   * every key whose successor or bitmap changes.
   */
  private abstract class Chain {
    final ZoneSnapshot prev;
    final ZoneSnapshot edited;
    final DenialChain chain;

    Chain(ZoneSnapshot prev, ZoneSnapshot edited, DenialChain chain) {
      this.prev = prev;
      this.edited = edited;
      this.chain = chain;
    }

    void repair(Set<Name> touched, Set<Record> deleted, Set<Record> added, int[] made) {
      // the names whose membership or bitmap may have changed: touched names and, for NSEC3, their ancestors
      TreeSet<Name> candidates = new TreeSet<>(touched);
      if (nsec3) {
        for (Name n : touched) {
          for (Name p = n; p.labels() > origin.labels(); ) {
            p = new Name(p, 1);
            candidates.add(p);
          }
        }
      }
      Map<Key, Name> appear = new TreeMap<>();
      Set<Key> go = new TreeSet<>();
      Map<Key, Name> rewrite = new TreeMap<>();
      for (Name n : candidates) {
        Key k = key(n);
        boolean was = inPrev(k);
        boolean is = inNew(n);
        if (was && !is) {
          go.add(k);
        } else if (!was && is) {
          appear.put(k, n);
        } else if (is && !Arrays.equals(bitmap(prevRecord(k)), ownTypes(edited.node(n), !nsec3))) {
          rewrite.put(k, n);
        }
      }
      TreeSet<Key> appearing = new TreeSet<>(appear.keySet());
      // each changed key's predecessor in the new chain gets a new successor
      List<Key> changed = new ArrayList<>(appearing);
      changed.addAll(go);
      for (Key k : changed) {
        Key p = predecessorNew(k, appearing, go);
        if (p != null && !appearing.contains(p)) {
          rewrite.putIfAbsent(p, null);
        }
      }
      for (Key k : go) {
        deleteWithSignatures(k, deleted);
      }
      Map<Key, Name> write = new TreeMap<>(rewrite);
      write.putAll(appear);
      for (var e : write.entrySet()) {
        Key k = e.getKey();
        Key next = successorNew(k, appearing, go);
        int[] types = e.getValue() != null ? ownTypes(edited.node(e.getValue()), !nsec3) : bitmap(prevRecord(k));
        Record r = record(k, next, types);
        if (!appearing.contains(k)) {
          if (prevRecord(k).equals(r)) {
            continue;
          }
          deleteWithSignatures(k, deleted);
        }
        added.add(r);
        Record[] sigs = sign.apply(r.getName(), new Record[] {r});
        made[0] += sigs.length;
        added.addAll(Arrays.asList(sigs));
      }
    }

    /** The previous version's NSEC or NSEC3 record of {@code k}, with its signatures, go. */
    private void deleteWithSignatures(Key k, Set<Record> deleted) {
      Record old = prevRecord(k);
      deleted.add(old);
      Record[] sigs = prevNode(k).signatures(old.getType());
      if (sigs != null) {
        deleted.addAll(Arrays.asList(sigs));
      }
    }

    /** The first key after {@code k} in the new chain, wrapping. */
    private Key successorNew(Key k, TreeSet<Key> appearing, Set<Key> go) {
      Key fromPrev = null;
      int i = indexAfter(k);
      for (int steps = 0; steps < chain.size(); steps++, i = (i + 1) % chain.size()) {
        Key c = keyAt(i);
        if (!go.contains(c) && !c.equals(k)) {
          fromPrev = c;
          break;
        }
      }
      Key fromNew = appearing.higher(k);
      if (fromNew == null) {
        fromNew = appearing.isEmpty() || appearing.first().equals(k) ? null : appearing.first();
      }
      return closestAfter(k, fromPrev, fromNew);
    }

    /** The last key before {@code k} in the new chain, wrapping; null when the chain is {@code k} alone. */
    private Key predecessorNew(Key k, TreeSet<Key> appearing, Set<Key> go) {
      Key fromPrev = null;
      int i = (indexAfter(k) - 1 + chain.size()) % chain.size();
      for (int steps = 0; steps < chain.size(); steps++, i = (i - 1 + chain.size()) % chain.size()) {
        Key c = keyAt(i);
        if (!go.contains(c) && !c.equals(k)) {
          fromPrev = c;
          break;
        }
      }
      Key fromNew = appearing.lower(k);
      if (fromNew == null) {
        fromNew = appearing.isEmpty() || appearing.last().equals(k) ? null : appearing.last();
      }
      return closestBefore(k, fromPrev, fromNew);
    }

    /** Of two candidates, the one reached first going up from {@code k} (wrapping). */
    private Key closestAfter(Key k, Key a, Key b) {
      if (a == null || b == null) {
        return a == null ? b : a;
      }
      boolean aAfter = a.compareTo(k) > 0;
      boolean bAfter = b.compareTo(k) > 0;
      if (aAfter != bAfter) {
        return aAfter ? a : b;
      }
      return a.compareTo(b) <= 0 ? a : b;
    }

    private Key closestBefore(Key k, Key a, Key b) {
      if (a == null || b == null) {
        return a == null ? b : a;
      }
      boolean aBefore = a.compareTo(k) < 0;
      boolean bBefore = b.compareTo(k) < 0;
      if (aBefore != bBefore) {
        return aBefore ? a : b;
      }
      return a.compareTo(b) >= 0 ? a : b;
    }

    /** Index of the first chain entry whose key is greater than {@code k} (mod size). */
    private int indexAfter(Key k) {
      int lo = 0;
      int hi = chain.size() - 1;
      int found = chain.size();
      while (lo <= hi) {
        int mid = (lo + hi) >>> 1;
        if (keyAt(mid).compareTo(k) > 0) {
          found = mid;
          hi = mid - 1;
        } else {
          lo = mid + 1;
        }
      }
      return found % chain.size();
    }

    boolean inPrev(Key k) {
      int i = (indexAfter(k) - 1 + chain.size()) % chain.size();
      return keyAt(i).equals(k);
    }

    Node prevNode(Key k) {
      int i = (indexAfter(k) - 1 + chain.size()) % chain.size();
      return chain.at(i);
    }

    abstract Key key(Name n);

    abstract Key keyAt(int i);

    abstract boolean inNew(Name n);

    abstract Record prevRecord(Key k);

    abstract int[] bitmap(Record r);

    abstract Record record(Key k, Key next, int[] types);
  }

  /** A chain key: a name (NSEC, canonical order) or a hash (NSEC3, unsigned byte order). */
  private record Key(Name name, byte[] hash) implements Comparable<Key> {
    @Override
    public int compareTo(Key o) {
      return hash == null ? name.compareTo(o.name) : Arrays.compareUnsigned(hash, o.hash);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && compareTo(k) == 0;
    }

    @Override
    public int hashCode() {
      return hash == null ? name.hashCode() : Arrays.hashCode(hash);
    }
  }

  private final class NsecChain extends Chain {
    NsecChain(ZoneSnapshot prev, ZoneSnapshot edited, DenialChain chain) {
      super(prev, edited, chain);
    }

    @Override
    Key key(Name n) {
      return new Key(n, null);
    }

    @Override
    Key keyAt(int i) {
      return new Key(chain.at(i).name(), null);
    }

    @Override
    boolean inNew(Name n) {
      return hasData(edited.node(n));
    }

    @Override
    Record prevRecord(Key k) {
      return prev.node(k.name()).rrset(Type.NSEC)[0];
    }

    @Override
    int[] bitmap(Record r) {
      return ((NSECRecord) r).getTypes();
    }

    @Override
    Record record(Key k, Key next, int[] types) {
      return new NSECRecord(k.name(), DClass.IN, negativeTtl(edited.soa()), next == null ? k.name() : next.name(), types);
    }
  }

  private final class Nsec3Chain extends Chain {
    private final NSEC3PARAMRecord params;
    private final Map<Name, Key> hashes = new HashMap<>();

    Nsec3Chain(ZoneSnapshot prev, ZoneSnapshot edited, DenialChain chain) {
      super(prev, edited, chain);
      this.params = chain.nsec3Params();
    }

    @Override
    Key key(Name n) {
      return hashes.computeIfAbsent(n, x -> {
        try {
          return new Key(null, params.hashName(x));
        } catch (NoSuchAlgorithmException e) {
          throw new IllegalStateException("SHA-1 is not available", e);
        }
      });
    }

    @Override
    Key keyAt(int i) {
      return new Key(null, chain.hashAt(i));
    }

    @Override
    boolean inNew(Name n) {
      Node node = edited.node(n);
      return node != null && !node.isNsec3Only() && (hasData(node) || node.isEmpty()); // data, or an empty non-terminal
    }

    @Override
    Record prevRecord(Key k) {
      return prevNode(k).rrset(Type.NSEC3)[0];
    }

    @Override
    int[] bitmap(Record r) {
      return ((NSEC3Record) r).getTypes();
    }

    @Override
    Record record(Key k, Key next, int[] types) {
      Name owner;
      try {
        owner = Name.fromString(BASE32HEX.toString(k.hash()), origin);
      } catch (TextParseException e) {
        throw new IllegalStateException(e);
      }
      return new NSEC3Record(owner, DClass.IN, negativeTtl(edited.soa()), NSEC3Record.SHA1_DIGEST_ID, 0,
          params.getIterations(), params.getSalt(), (next == null ? k : next).hash(), types);
    }
  }
}
