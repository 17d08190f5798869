/**
 * TSIG (RFC 8945) key ring, signing and verification, address/key access control lists, and the
 * connection caps (in all and per client) that the DNS-over-TCP and HTTP listeners share.
 */
package org.tandemdns.security;
