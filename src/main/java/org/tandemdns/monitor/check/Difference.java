package org.tandemdns.monitor.check;

import java.util.List;
import org.tandemdns.zone.compare.CanonicalRdata;
import org.tandemdns.zone.compare.RRsetDifference;

/**
 * One RRset that differs at one nameserver from the reference, in presentation form.
 *
 * @param owner owner name
 * @param type RR type mnemonic
 * @param kind {@code missing} (in the reference, not here), {@code unexpected} (here, not in the
 *     reference), {@code changed} (different values) or {@code ttl} (same values, other TTL)
 * @param expected the reference's values, or the values only the reference has for
 *     {@code changed}
 * @param actual this server's values, or the values only it has for {@code changed}
 * @param expectedTtl the reference's TTL
 * @param actualTtl this server's TTL
 */
public record Difference(
    String owner, String type, String kind, List<String> expected, List<String> actual, Long expectedTtl, Long actualTtl) {

  public Difference {
    expected = List.copyOf(expected);
    actual = List.copyOf(actual);
  }

  /** True for content drift, false for a TTL-only difference. */
  @com.fasterxml.jackson.annotation.JsonIgnore
  public boolean isDrift() {
    return !kind.equals("ttl");
  }

  /** The presentation form of a comparison result. */
  public static Difference of(RRsetDifference d) {
    String owner = d.key().owner().toString();
    String type = d.key().typeName();
    if (d instanceof RRsetDifference.Missing m) {
      return new Difference(owner, type, "missing", m.expected().texts(), List.of(), m.expected().ttl(), null);
    }
    if (d instanceof RRsetDifference.Unexpected u) {
      return new Difference(owner, type, "unexpected", List.of(), u.actual().texts(), null, u.actual().ttl());
    }
    if (d instanceof RRsetDifference.Changed c) {
      return new Difference(
          owner, type, "changed", texts(c.onlyExpected()), texts(c.onlyActual()), c.expected().ttl(), c.actual().ttl());
    }
    RRsetDifference.TtlDiffers t = (RRsetDifference.TtlDiffers) d;
    return new Difference(owner, type, "ttl", List.of(), List.of(), t.expectedTtl(), t.actualTtl());
  }

  private static List<String> texts(List<CanonicalRdata> rdatas) {
    return rdatas.stream().map(CanonicalRdata::text).toList();
  }
}
