package org.tandemdns.zone.compare;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;

/**
 * One copy of a zone as canonical RRsets, in canonical order (RFC 4034 §6.1).
 *
 * <p>Built from records in any order and any spelling; duplicates collapse (RFC 2181 §5). It does
 * not check that the zone is complete or valid: a copy from a server that refused a transfer and
 * was queried name by name holds only what was asked.
 */
public final class CanonicalZone {

  private final Name origin;
  private final NavigableMap<RRsetKey, CanonicalRRset> rrsets;

  private CanonicalZone(Name origin, NavigableMap<RRsetKey, CanonicalRRset> rrsets) {
    this.origin = origin;
    this.rrsets = Collections.unmodifiableNavigableMap(rrsets);
  }

  /**
   * The zone {@code origin} holding {@code records}.
   *
   * @throws IllegalArgumentException if a record's owner is not at or below {@code origin}
   */
  public static CanonicalZone of(Name origin, Iterable<? extends Record> records) {
    Builder b = builder(origin);
    for (Record r : records) {
      b.add(r);
    }
    return b.build();
  }

  /** An empty builder for the zone {@code origin}. */
  public static Builder builder(Name origin) {
    return new Builder(origin);
  }

  /** The zone's name. */
  public Name origin() {
    return origin;
  }

  /** All RRsets, in canonical order. */
  public NavigableMap<RRsetKey, CanonicalRRset> rrsets() {
    return rrsets;
  }

  /** The RRset at {@code key}, if any. */
  public Optional<CanonicalRRset> get(RRsetKey key) {
    return Optional.ofNullable(rrsets.get(key));
  }

  /** The apex SOA record, if the copy has one. */
  public Optional<SOARecord> soa() {
    return get(RRsetKey.of(origin, Type.SOA)).map(s -> (SOARecord) s.rdatas().first().record());
  }

  /** The SOA serial, if the copy has an SOA. */
  public Optional<Long> serial() {
    return soa().map(SOARecord::getSerial);
  }

  /** Number of RRsets. */
  public int size() {
    return rrsets.size();
  }

  /** Number of records (RDATAs) across all RRsets. */
  public int recordCount() {
    return rrsets.values().stream().mapToInt(s -> s.rdatas().size()).sum();
  }

  /** Accumulates records into RRsets. */
  public static final class Builder {
    private final Name origin;
    private final Map<RRsetKey, SortedSet<CanonicalRdata>> data = new HashMap<>();
    private final Map<RRsetKey, Long> ttls = new HashMap<>();

    private Builder(Name origin) {
      Objects.requireNonNull(origin, "origin");
      if (!origin.isAbsolute()) {
        throw new IllegalArgumentException("zone name must be absolute: " + origin);
      }
      this.origin = origin.canonicalize();
    }

    /** Adds one record to its RRset. */
    public Builder add(Record r) {
      if (!r.getName().subdomain(origin)) {
        throw new IllegalArgumentException(r.getName() + " is not in zone " + origin);
      }
      RRsetKey key = RRsetKey.of(r.getName(), r.getType());
      data.computeIfAbsent(key, k -> new TreeSet<>()).add(CanonicalRdata.of(r));
      ttls.merge(key, r.getTTL(), Math::min);
      return this;
    }

    /** The zone built so far. */
    public CanonicalZone build() {
      TreeMap<RRsetKey, CanonicalRRset> out = new TreeMap<>();
      data.forEach((k, v) -> out.put(k, new CanonicalRRset(k, ttls.get(k), v)));
      return new CanonicalZone(origin, out);
    }
  }
}
