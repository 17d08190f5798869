package org.tandemdns.dnssec;

import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.random.RandomGenerator;
import org.tandemdns.config.DnssecPolicy;
import org.tandemdns.zone.Node;
import org.tandemdns.zone.Records;
import org.tandemdns.zone.ZoneBuilder;
import org.tandemdns.zone.ZoneSnapshot;
import org.tandemdns.zone.ZoneValidationException;
import org.xbill.DNS.CDNSKEYRecord;
import org.xbill.DNS.CDSRecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.NSEC3PARAMRecord;
import org.xbill.DNS.NSEC3Record;
import org.xbill.DNS.NSECRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import org.xbill.DNS.utils.base32;

/**
 * Signs one zone as its policy says (RFC 4033–4035, RFC 5155 for NSEC3). A run takes the zone's
 * content (its RRsets other than the ones the signer owns: RRSIG, NSEC, NSEC3, NSEC3PARAM, DNSKEY,
 * CDS, CDNSKEY), the SOA to sign and the version signed before, and returns the new signed
 * version:
 *
 * <ul>
 *   <li>the apex gets the DNSKEY RRset of the zone's keys, CDS and CDNSKEY for the keys a DS
 *       points to (RFC 7344 §4, RFC 8078), and for NSEC3 an NSEC3PARAM with TTL 0 (RFC 5155 §4);
 *   <li>every authoritative RRset is signed: at a delegation only DS (RFC 4035 §2.2); names below
 *       a zone cut or a DNAME are not authoritative and are neither signed nor in the chain;
 *   <li>the DNSKEY, CDS and CDNSKEY RRsets by the key-signing keys, the rest by the zone-signing
 *       keys (RFC 6781 §3.1);
 *   <li>the denial chain is rebuilt from the names (NSEC RFC 4034 §4 with RFC 4035 §2.3's bitmap
 *       at a delegation; NSEC3 over every name and empty non-terminal, opt-out leaving insecure
 *       delegations out, RFC 5155 §7.1), TTL min(SOA TTL, SOA MINIMUM) (RFC 9077).
 * </ul>
 *
 * <p>Only what changed is signed: an RRset equal to the one signed before keeps its signatures
 * while they are made by the zone's current keys, already valid (inception not in the future, as
 * after a clock jump back) and further from expiry than the policy's refresh time; renewals of
 * still-valid signatures are limited by a {@link RefreshBudget}. So a change costs the signatures
 * of the RRsets it touched and of the few NSEC/NSEC3 records around them, and the diff to the
 * previous version (the journal's IXFR) holds exactly those.
 *
 * <p>New signatures have inception one hour in the past (clock skew between validators) and
 * expiration the policy's lifetime ahead, less a random part of the jitter, so that the
 * signatures of one run do not all come due at once.
 */
public final class ZoneSigner {
  private static final Duration INCEPTION_SKEW = Duration.ofHours(1);
  private static final base32 BASE32HEX = new base32(base32.Alphabet.BASE32HEX, false, true);
  /** Types the signer makes; a zone's own records of these types are replaced. */
  private static final Set<Integer> MANAGED = Set.of(Type.RRSIG, Type.NSEC, Type.NSEC3, Type.NSEC3PARAM, Type.DNSKEY,
      Type.CDS, Type.CDNSKEY);

  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ZoneSigner.class);

  private final Name origin;
  private final DnssecPolicy policy;
  private volatile ZoneKeys keys;
  private final Clock clock;
  private final RandomGenerator random;
  /**
   * The earliest time the keys' states are read at: the latest time a key was published (the clock
   * has been there), raised by every run. After the clock jumps back the keys stay as they were
   * rather than step back into an older key set; the signatures' own times follow the clock.
   */
  private volatile Instant keyTimeFloor;
  /** Each key's state at the last signing run, to log every transition once. */
  private final java.util.Map<Integer, KeyState> loggedStates = new java.util.concurrent.ConcurrentHashMap<>();

  public ZoneSigner(Name origin, DnssecPolicy policy, ZoneKeys keys, Clock clock, RandomGenerator random) {
    this.keyTimeFloor = latestPublish(keys);
    this.origin = origin;
    this.policy = policy;
    this.keys = keys;
    this.clock = clock;
    this.random = random;
  }

  public DnssecPolicy policy() {
    return policy;
  }

  /** The zone's keys now (a rollover step replaces them). */
  public ZoneKeys keys() {
    return keys;
  }

  /**
   * Makes a rollover step's keys the zone's: their files and list are written first, then the next
   * signing run follows them. Each event is logged.
   */
  public synchronized void apply(KeyRollover.Step step) throws java.io.IOException {
    if (!step.changed()) {
      return;
    }
    keys = keys.replaced(step.keys());
    Instant latest = latestPublish(keys);
    if (latest.isAfter(keyTimeFloor)) {
      keyTimeFloor = latest;
    }
    for (String e : step.events()) {
      log.info("zone {}: {}", origin, e);
    }
  }

  /** When the zone's keys next change state (a rollover step is due), or null. */
  public Instant nextKeyEvent() {
    return keys.nextEvent(keyTime(clock.instant()));
  }

  /** The time the keys' states are read at: now, or the floor after a clock jump back. */
  public Instant keyTime(Instant now) {
    Instant floor = keyTimeFloor;
    if (now.isAfter(floor)) {
      keyTimeFloor = now;
      return now;
    }
    return floor;
  }

  private static Instant latestPublish(ZoneKeys keys) {
    Instant latest = Instant.MIN;
    for (SigningKey k : keys.all()) {
      Instant p = k.times().publish();
      if (p != null && p.isAfter(latest)) {
        latest = p;
      }
    }
    return latest;
  }

  /** The largest TTL in {@code zone} (negative answers included), how long a cached signature can outlive its key. */
  public static Duration maxTtl(ZoneSnapshot zone) {
    long max = zone.soa() == null ? 0 : Math.min(zone.soa().getTTL(), zone.soa().getMinimum());
    for (Node n : zone.nodes()) {
      for (Record[] set : n.rrsets()) {
        max = Math.max(max, set[0].getTTL());
      }
    }
    return Duration.ofSeconds(max);
  }

  /** Logs each key whose state changed since the last run (not at the first run after start). */
  private void logTransitions(ZoneKeys k, Instant now) {
    boolean first = loggedStates.isEmpty();
    for (SigningKey key : k.all()) {
      KeyState state = key.state(now);
      KeyState before = loggedStates.put(key.tag(), state);
      if (!first && before != state) {
        log.info("zone {}: {} {} is now {} (was {})", origin, key.role(), key.tag(), state.text(),
            before == null ? "new" : before.text());
      }
    }
  }

  /** True for the types the signer owns (a change may not add or delete them). */
  public static boolean managed(int type) {
    return MANAGED.contains(type);
  }

  /**
   * Signs {@code content} with {@code soa} as its SOA, keeping what can be kept of {@code previous}
   * (null for the first signing).
   */
  public SigningResult sign(ZoneSnapshot content, SOARecord soa, ZoneSnapshot previous, RefreshBudget budget)
      throws ZoneValidationException {
    Instant now = clock.instant();
    ZoneKeys k = keys;
    Instant keyNow = keyTime(now);
    logTransitions(k, keyNow);
    Run run = new Run(content, previous, budget, now, k, keyNow);
    return run.sign(soa);
  }

  /**
   * Signs one change of {@code previous} (its content records, and the new SOA) in time
   * proportional to the change ({@link ChangeSigner}); null when it needs a whole signing run
   * instead (see there, and: the keys changed since {@code previous} was signed, the zone goes
   * insecure, NSEC3 opt-out).
   */
  public SignedChange signChange(ZoneSnapshot previous, org.tandemdns.zone.ZoneDiff change)
      throws ZoneValidationException {
    if (policy.goesInsecure() || Boolean.TRUE.equals(policy.nsec3OptOut()) || previous.apex() == null) {
      return null;
    }
    Instant now = clock.instant();
    ZoneKeys k = keys;
    Instant keyNow = keyTime(now);
    if (!signedWith(previous, k, keyNow)) {
      return null;
    }
    logTransitions(k, keyNow);
    return new ChangeSigner(origin, Boolean.TRUE.equals(policy.nsec3()), (name, set) -> signNow(name, set, k, now, keyNow))
        .apply(previous, change);
  }

  /** True when {@code z} publishes exactly the keys published now and its SOA is signed by exactly the zone-signing ones. */
  private static boolean signedWith(ZoneSnapshot z, ZoneKeys k, Instant keyNow) {
    Record[] dnskeys = z.apex().rrset(Type.DNSKEY);
    Record[] soaSigs = z.apex().signatures(Type.SOA);
    if (dnskeys == null || soaSigs == null) {
      return false;
    }
    Set<Integer> published = new HashSet<>();
    for (Record r : dnskeys) {
      published.add(((DNSKEYRecord) r).getFootprint());
    }
    Set<Integer> signing = new HashSet<>();
    for (Record r : soaSigs) {
      signing.add(((RRSIGRecord) r).getFootprint());
    }
    return published.equals(tags(k.published(keyNow))) && signing.equals(tags(k.zoneSigning(keyNow)));
  }

  private static Set<Integer> tags(List<SigningKey> keys) {
    Set<Integer> out = new HashSet<>();
    keys.forEach(x -> out.add(x.tag()));
    return out;
  }

  /** New RRSIGs of one RRset by the keys that sign its type now (as a signing run makes them). */
  private Record[] signNow(Name name, Record[] set, ZoneKeys k, Instant now, Instant keyNow) {
    SignJob job = newJob(name, set, signersOf(set[0].getType(), k, keyNow), now);
    job.run();
    return job.made;
  }

  /** The keys that sign an RRset of {@code type}: the key-signing ones for DNSKEY, CDS and CDNSKEY (RFC 6781 §3.1). */
  private static List<SigningKey> signersOf(int type, ZoneKeys k, Instant keyNow) {
    return type == Type.DNSKEY || type == Type.CDS || type == Type.CDNSKEY ? k.keySigning(keyNow) : k.zoneSigning(keyNow);
  }

  /** The signatures to make of one RRset: inception an hour back, each expiry less a random part of the jitter. */
  private SignJob newJob(Name name, Record[] set, List<SigningKey> signers, Instant now) {
    Instant[] expirations = new Instant[signers.size()];
    long jitter = policy.rrsigJitter().toSeconds();
    for (int i = 0; i < expirations.length; i++) {
      expirations[i] = now.plus(policy.rrsigLifetime()).minusSeconds(jitter == 0 ? 0 : random.nextLong(jitter));
    }
    return new SignJob(name, set, signers, now.minus(INCEPTION_SKEW), expirations);
  }

  /**
   * When the zone next needs a signing run: the earliest time a signature of {@code signed} comes
   * within the refresh time of its expiry, or has an inception in the future; null when unsigned.
   */
  public Instant nextRefresh(ZoneSnapshot signed) {
    Instant now = clock.instant();
    Instant earliest = null;
    for (Node n : signed.nodes()) {
      Record[] sigs = n.rrset(Type.RRSIG);
      if (sigs == null) {
        continue;
      }
      for (Record r : sigs) {
        RRSIGRecord s = (RRSIGRecord) r;
        Instant due = s.getTimeSigned().isAfter(now) ? now : s.getExpire().minus(policy.rrsigRefresh());
        if (earliest == null || due.isBefore(earliest)) {
          earliest = due;
        }
      }
    }
    return earliest;
  }

  /**
   * The expiry time under which at most {@code limit} signatures of {@code signed} fall among those
   * due for refresh at {@code now}; {@link Instant#MAX} when they are fewer than {@code limit}.
   */
  public Instant refreshCutoff(ZoneSnapshot signed, int limit) {
    Instant horizon = clock.instant().plus(policy.rrsigRefresh());
    List<Instant> due = new ArrayList<>();
    for (Node n : signed.nodes()) {
      Record[] sigs = n.rrset(Type.RRSIG);
      if (sigs != null) {
        for (Record r : sigs) {
          Instant e = ((RRSIGRecord) r).getExpire();
          if (!e.isAfter(horizon)) {
            due.add(e);
          }
        }
      }
    }
    if (due.size() <= limit) {
      return Instant.MAX;
    }
    due.sort(null);
    return due.get(limit - 1);
  }

  /** One signing run. */
  private final class Run {
    private final ZoneSnapshot content;
    private final ZoneSnapshot previous;
    private final RefreshBudget budget;
    private final Instant now;
    private final ZoneKeys keys;
    private final Instant keyNow;
    private final long negativeTtl;
    private int made;
    private int kept;
    /** The signed zone in order: records, kept signatures (lists) and signatures to make (jobs). */
    private final List<Object> output = new ArrayList<>();
    private final List<SignJob> jobs = new ArrayList<>();

    Run(ZoneSnapshot content, ZoneSnapshot previous, RefreshBudget budget, Instant now, ZoneKeys keys, Instant keyNow) {
      this.keys = keys;
      this.keyNow = keyNow;
      this.content = content;
      this.previous = previous;
      this.budget = budget;
      this.now = now;
      SOARecord soa = content.soa();
      this.negativeTtl = Math.min(soa.getTTL(), soa.getMinimum());
    }

    SigningResult sign(SOARecord soa) throws ZoneValidationException {
      // 1. the authoritative names and their RRsets (TreeMap: canonical order, RFC 4034 §6.1)
      TreeMap<Name, List<Record[]>> names = new TreeMap<>();
      List<Record> occludedData = new ArrayList<>();
      for (Node n : content.nodes()) {
        if (n.isNsec3Only() || n.isEmpty()) {
          continue;
        }
        List<Record[]> sets = new ArrayList<>();
        for (Record[] set : n.rrsets()) {
          int type = set[0].getType();
          if (managed(type)) {
            continue;
          }
          sets.add(type == Type.SOA ? new Record[] {soa} : set);
        }
        if (sets.isEmpty()) {
          continue;
        }
        if (content.occluded(n.name())) {
          sets.forEach(s -> occludedData.addAll(Arrays.asList(s)));
        } else {
          names.put(n.name(), sets);
        }
      }
      List<Record[]> apex = names.get(origin);
      if (apex == null) {
        throw new ZoneValidationException("signer of " + origin, List.of("zone " + origin + " has no apex records to sign"));
      }
      if (policy.goesInsecure() && keys.published(keyNow).isEmpty()) {
        return unsigned(names, occludedData, soa);
      }
      if (keys.zoneSigning(keyNow).isEmpty() || keys.keySigning(keyNow).isEmpty()) {
        throw new ZoneValidationException("signer of " + origin, List.of("zone " + origin + " has no active "
            + (keys.zoneSigning(keyNow).isEmpty() ? "zone-signing" : "key-signing") + " key at " + keyNow));
      }
      addApexKeys(apex, soa);

      // 2. sign, and build the denial chain; new signatures are made in parallel (step 3)
      boolean nsec3 = Boolean.TRUE.equals(policy.nsec3());
      for (var e : names.entrySet()) {
        Name name = e.getKey();
        List<Record[]> sets = e.getValue();
        boolean delegation = delegation(name, sets);
        for (Record[] set : sets) {
          output.addAll(Arrays.asList(set));
          int type = set[0].getType();
          if (!delegation || type == Type.DS) {
            output.add(signatures(name, set));
          }
        }
        if (!nsec3) {
          Name next = names.higherKey(name);
          TreeSet<Integer> types = authoritativeTypes(sets, delegation);
          types.add(Type.NSEC);
          types.add(Type.RRSIG);
          NSECRecord nsec = new NSECRecord(name, DClass.IN, negativeTtl, next == null ? origin : next, array(types));
          output.add(nsec);
          output.add(signatures(name, new Record[] {nsec}));
        }
      }
      output.addAll(occludedData);
      if (nsec3) {
        nsec3Chain(names, apexParams(apex));
      }

      // 3. the signatures to make, on every core; then the zone, in the order gathered
      jobs.parallelStream().forEach(SignJob::run);
      ZoneBuilder out = new ZoneBuilder(origin, "signer of " + origin, names.size() * 2);
      for (Object o : output) {
        if (o instanceof Record r) {
          out.add(r, null);
        } else if (o instanceof SignJob j) {
          for (Record r : j.made) {
            out.add(r, null);
          }
          made += j.made.length;
        } else {
          for (Object r : (List<?>) o) {
            out.add((Record) r, null);
          }
        }
      }
      ZoneSnapshot signed = out.build();
      return new SigningResult(signed, made, kept, budget.deferred());
    }

    /** The zone gone insecure (RFC 8078 §4 done): its content without a DNSSEC record. */
    private SigningResult unsigned(TreeMap<Name, List<Record[]>> names, List<Record> occludedData, SOARecord soa)
        throws ZoneValidationException {
      ZoneBuilder out = new ZoneBuilder(origin, "signer of " + origin, names.size());
      for (List<Record[]> sets : names.values()) {
        for (Record[] set : sets) {
          for (Record r : set) {
            out.add(r, null);
          }
        }
      }
      occludedData.forEach(r -> out.add(r, null));
      return new SigningResult(out.build(), 0, 0, 0);
    }

    private void addApexKeys(List<Record[]> apex, SOARecord soa) {
      long ttl = policy.dnskeyTtl().toSeconds();
      List<Record> dnskeys = new ArrayList<>();
      List<Record> cds = new ArrayList<>();
      List<Record> cdnskey = new ArrayList<>();
      SigningKey dsKey = keys.dsKey(keyNow);
      for (SigningKey k : keys.published(keyNow)) {
        DNSKEYRecord key = (DNSKEYRecord) Records.withTtl(k.dnskey(), ttl);
        dnskeys.add(key);
        if (k == dsKey && policy.publishesCds()) {
          cds.add(new CDSRecord(origin, DClass.IN, ttl, DSRecord.Digest.SHA256, key));
          cdnskey.add(new CDNSKEYRecord(origin, DClass.IN, ttl, key.getFlags(), key.getProtocol(), key.getAlgorithm(),
              key.getKey()));
        }
      }
      if (policy.goesInsecure()) {
        // RFC 8078 §4: the parent is asked to delete the DS RRset
        cds.add(new CDSRecord(origin, DClass.IN, ttl, 0, 0, 0, new byte[] {0}));
        cdnskey.add(new CDNSKEYRecord(origin, DClass.IN, ttl, 0, 3, 0, new byte[] {0}));
      }
      apex.add(dnskeys.toArray(new Record[0]));
      if (!cds.isEmpty()) {
        apex.add(cds.toArray(new Record[0]));
        apex.add(cdnskey.toArray(new Record[0]));
      }
      if (Boolean.TRUE.equals(policy.nsec3())) {
        apex.add(new Record[] {new NSEC3PARAMRecord(origin, DClass.IN, 0, NSEC3Record.SHA1_DIGEST_ID, 0,
            policy.nsec3Iterations(), salt())});
      }
      apex.sort((a, b) -> Integer.compare(a[0].getType(), b[0].getType()));
    }

    /** The salt: the previous version's while its length is the policy's, else a new random one. */
    private byte[] salt() {
      int length = policy.nsec3SaltLength();
      if (previous != null && previous.apex() != null) {
        Record[] params = previous.apex().rrset(Type.NSEC3PARAM);
        if (params != null) {
          byte[] old = ((NSEC3PARAMRecord) params[0]).getSalt();
          int oldLength = old == null ? 0 : old.length;
          if (oldLength == length) {
            return length == 0 ? null : old;
          }
        }
      }
      if (length == 0) {
        return null;
      }
      byte[] s = new byte[length];
      random.nextBytes(s);
      return s;
    }

    private NSEC3PARAMRecord apexParams(List<Record[]> apex) {
      for (Record[] set : apex) {
        if (set[0] instanceof NSEC3PARAMRecord p) {
          return p;
        }
      }
      return null;
    }

    private boolean delegation(Name name, List<Record[]> sets) {
      return !name.equals(origin) && sets.stream().anyMatch(s -> s[0].getType() == Type.NS);
    }

    /** The types a name's NSEC/NSEC3 bitmap shows of its own: at a delegation only NS and DS (RFC 4035 §2.3). */
    private TreeSet<Integer> authoritativeTypes(List<Record[]> sets, boolean delegation) {
      TreeSet<Integer> types = new TreeSet<>();
      for (Record[] s : sets) {
        int t = s[0].getType();
        if (!delegation || t == Type.NS || t == Type.DS) {
          types.add(t);
        }
      }
      return types;
    }

    private static int[] array(TreeSet<Integer> types) {
      return types.stream().mapToInt(Integer::intValue).toArray();
    }

    /** RFC 5155 §7.1: one NSEC3 per name and empty non-terminal, by hash, each pointing to the next. */
    private void nsec3Chain(TreeMap<Name, List<Record[]>> names, NSEC3PARAMRecord params) {
      boolean optOut = Boolean.TRUE.equals(policy.nsec3OptOut());
      TreeMap<Name, int[]> owners = new TreeMap<>(); // name → bitmap
      for (var e : names.entrySet()) {
        Name name = e.getKey();
        List<Record[]> sets = e.getValue();
        boolean delegation = delegation(name, sets);
        boolean secure = sets.stream().anyMatch(s -> s[0].getType() == Type.DS);
        if (delegation && optOut && !secure) {
          continue;
        }
        TreeSet<Integer> types = authoritativeTypes(sets, delegation);
        if (!delegation || secure) {
          types.add(Type.RRSIG);
        }
        owners.put(name, array(types));
        for (Name p = name; p.labels() > origin.labels(); ) {
          p = new Name(p, 1);
          owners.putIfAbsent(p, new int[0]); // an empty non-terminal, unless it has data itself
        }
      }
      byte[][] hashes = new byte[owners.size()][];
      int[][] bitmaps = new int[owners.size()][];
      Integer[] order = new Integer[owners.size()];
      int i = 0;
      for (var e : owners.entrySet()) {
        try {
          hashes[i] = params.hashName(e.getKey());
        } catch (NoSuchAlgorithmException ex) {
          throw new IllegalStateException("SHA-1 is not available", ex);
        }
        bitmaps[i] = e.getValue();
        order[i] = i;
        i++;
      }
      Arrays.sort(order, (a, b) -> Arrays.compareUnsigned(hashes[a], hashes[b]));
      int flags = optOut ? NSEC3Record.Flags.OPT_OUT : 0;
      for (int k = 0; k < order.length; k++) {
        byte[] hash = hashes[order[k]];
        byte[] next = hashes[order[(k + 1) % order.length]];
        if (k > 0 && Arrays.equals(hash, hashes[order[k - 1]])) {
          throw new IllegalStateException("zone " + origin + ": NSEC3 hash collision; change the salt");
        }
        Name owner;
        try {
          owner = Name.fromString(BASE32HEX.toString(hash), origin);
        } catch (TextParseException ex) {
          throw new IllegalStateException(ex);
        }
        NSEC3Record r = new NSEC3Record(owner, DClass.IN, negativeTtl, NSEC3Record.SHA1_DIGEST_ID, flags,
            params.getIterations(), params.getSalt(), next, bitmaps[order[k]]);
        output.add(r);
        output.add(signatures(owner, new Record[] {r}));
      }
    }

    /**
     * The RRSIGs of one RRset: the previous version's (a list) when they may be kept, else a job
     * that makes them.
     */
    private Object signatures(Name name, Record[] set) {
      List<SigningKey> signers = signersOf(set[0].getType(), keys, keyNow);
      Record[] old = previousSignatures(name, set);
      boolean keepAll = old != null;
      List<Record> keep = new ArrayList<>(signers.size());
      if (old != null) {
        boolean refreshDue = false;
        Instant earliest = Instant.MAX;
        for (SigningKey k : signers) {
          RRSIGRecord s = find(old, k, set[0].getTTL());
          if (s == null || s.getTimeSigned().isAfter(now) || !s.getExpire().isAfter(now)) {
            keepAll = false;
            break;
          }
          if (!s.getExpire().isAfter(now.plus(policy.rrsigRefresh()))) {
            refreshDue = true;
            earliest = s.getExpire().isBefore(earliest) ? s.getExpire() : earliest;
          }
          keep.add(s);
        }
        if (keepAll && refreshDue && budget.take(earliest)) {
          keepAll = false;
        }
      }
      if (keepAll) {
        kept += keep.size();
        return keep;
      }
      SignJob job = newJob(name, set, signers, now);
      jobs.add(job);
      return job;
    }

    /** The previous version's signatures of this RRset when the RRset is unchanged, else null. */
    private Record[] previousSignatures(Name name, Record[] set) {
      if (previous == null) {
        return null;
      }
      Node old = previous.node(name);
      if (old == null) {
        return null;
      }
      int type = set[0].getType();
      Record[] before = old.rrset(type);
      if (before == null || before.length != set.length || before[0].getTTL() != set[0].getTTL()) {
        return null;
      }
      Set<Record> now = new HashSet<>(Arrays.asList(set));
      for (Record r : before) {
        if (!now.contains(r)) {
          return null;
        }
      }
      return old.signatures(type);
    }

    private RRSIGRecord find(Record[] sigs, SigningKey k, long ttl) {
      if (sigs == null) {
        return null;
      }
      for (Record r : sigs) {
        RRSIGRecord s = (RRSIGRecord) r;
        if (s.getFootprint() == k.tag() && s.getAlgorithm() == k.algorithm() && s.getSigner().equals(origin)
            && s.getOrigTTL() == ttl) {
          return s;
        }
      }
      return null;
    }
  }

  /** The signatures of one RRset by each of its signing keys, made by {@link #run} on any thread. */
  private final class SignJob {
    private final Name name;
    private final Record[] set;
    private final List<SigningKey> signers;
    private final Instant inception;
    private final Instant[] expirations;
    private Record[] made;

    SignJob(Name name, Record[] set, List<SigningKey> signers, Instant inception, Instant[] expirations) {
      this.name = name;
      this.set = set;
      this.signers = signers;
      this.inception = inception;
      this.expirations = expirations;
    }

    void run() {
      RRset rrset = new RRset(set);
      Record[] out = new Record[signers.size()];
      for (int i = 0; i < out.length; i++) {
        SigningKey k = signers.get(i);
        try {
          DNSKEYRecord key = (DNSKEYRecord) Records.withTtl(k.dnskey(), policy.dnskeyTtl().toSeconds());
          out[i] = RrsigMaker.sign(rrset, k, key, inception, expirations[i]);
        } catch (DNSSEC.DNSSECException e) {
          throw new IllegalStateException("zone " + origin + ": cannot sign " + name + " "
              + Type.string(set[0].getType()) + " with key " + k.tag() + ": " + e.getMessage(), e);
        }
      }
      made = out;
    }
  }
}
