/**
 * Comparison of two copies of a zone on canonical form: zone in, diff out.
 *
 * <p>Both copies are reduced to RRsets keyed by (owner, type). Owner names compare
 * case-insensitively and are shown in lower case; RDATA compares on its canonical wire form
 * (RFC 4034 §6.2: domain names in RDATA in lower case, no compression), so the way a master file
 * spells a record (relative names, TTL units, IPv6 abbreviations, escapes, line breaks) never
 * makes a difference. TTLs are compared as well but reported separately (RFC 2181 §5.2: one TTL
 * per RRset). TXT and SPF RDATA compare on the concatenation of their character-strings, which is
 * how their consumers read them (RFC 7208 §3.3, RFC 6376 §3.6.2.2), so a long value split at
 * other boundaries by another provider is not a difference.
 *
 * <p>This package knows nothing about servers, transfers or monitoring; it is shared by
 * {@code tandem check}, the monitor and {@code tandem sync}.
 */
package org.tandemdns.zone.compare;
