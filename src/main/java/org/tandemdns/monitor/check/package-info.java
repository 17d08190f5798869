/**
 * {@code tandem check}: one consistency check of a zone across its nameservers.
 *
 * <p>Per address: reachability over UDP and TCP, authority (RFC 1034 §4.3.1 AA bit; a server that
 * refuses, fails or answers without authority is lame), SOA serial and response time. Across
 * addresses: serial lag in sequence space arithmetic (RFC 1982 §3.2), and content drift against a
 * reference copy, compared RRset by RRset on canonical form ({@link org.tandemdns.zone.compare}).
 * Optionally the parent's delegation NS set and glue against the zone's own (RFC 1034 §4.2.2).
 */
package org.tandemdns.monitor.check;
