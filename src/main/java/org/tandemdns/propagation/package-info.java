/**
 * Propagation tracking: for every downstream secondary of a zone (each NOTIFY target, and every
 * address that transferred the zone), the newest serial it is known to hold and how long it took
 * to get each recent change. Learnt from the serial in its IXFR requests (RFC 1995 §3), from
 * completed transfers, and from its SOA answers after a NOTIFY (RFC 1996).
 */
package org.tandemdns.propagation;
