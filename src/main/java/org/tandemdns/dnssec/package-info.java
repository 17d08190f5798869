/**
 * DNSSEC around the zone data: what a served zone's signatures and denial chain look like (keys,
 * NSEC or NSEC3 parameters, earliest RRSIG expiry, RFC 4034 §3 and §4, RFC 5155 §3), the problems
 * a pre-signed zone can bring (RFC 4035 §2, RFC 9276 §3.2), and the watch that warns before its
 * signatures lapse. Later: keys, policies and the signer used by the change pipeline.
 */
package org.tandemdns.dnssec;
