package org.tandemdns.zone.compare;

import java.util.List;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * An RRset in canonical form: its key, one TTL, and its RDATAs in canonical order without
 * duplicates (RFC 2181 §5).
 *
 * <p>If the records of an RRset carried different TTLs (an error by RFC 2181 §5.2), the lowest
 * is kept, as a resolver would.
 *
 * @param key owner and type
 * @param ttl the RRset's TTL
 * @param rdatas the RDATAs, sorted, never empty
 */
public record CanonicalRRset(RRsetKey key, long ttl, SortedSet<CanonicalRdata> rdatas) {

  public CanonicalRRset {
    Objects.requireNonNull(key, "key");
    if (rdatas.isEmpty()) {
      throw new IllegalArgumentException("an RRset has at least one record: " + key);
    }
    rdatas = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(rdatas));
  }

  /** This RRset with the SOA serial zeroed (see {@link CanonicalRdata#withoutSerial()}). */
  public CanonicalRRset withoutSerial() {
    return new CanonicalRRset(
        key, ttl, rdatas.stream().map(CanonicalRdata::withoutSerial).collect(Collectors.toCollection(TreeSet::new)));
  }

  /** The RDATAs' presentation texts, in canonical order. */
  public List<String> texts() {
    return rdatas.stream().map(CanonicalRdata::text).toList();
  }

  /** True when both have the same RDATAs (TTL not considered). */
  public boolean sameData(CanonicalRRset other) {
    return rdatas.equals(other.rdatas);
  }
}
