package org.tandemdns.monitor.check;

import java.util.Set;
import org.tandemdns.zone.compare.CanonicalZone;
import org.tandemdns.zone.compare.RRsetKey;

/**
 * What a server that refused AXFR answered when asked for each RRset of the reference copy.
 *
 * @param copy the RRsets it returned
 * @param answered the keys it gave a definite answer for (data, or none)
 * @param unanswered how many keys got no usable answer (timeouts, errors, budget exhausted)
 * @param firstProblem the first reason a key went unanswered, or null
 * @param queries queries sent
 */
public record QueriedCopy(CanonicalZone copy, Set<RRsetKey> answered, int unanswered, String firstProblem, int queries) {
  public QueriedCopy {
    answered = Set.copyOf(answered);
  }
}
