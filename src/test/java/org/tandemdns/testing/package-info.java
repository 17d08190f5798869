/**
 * Test harness for interoperability tests: real DNS peers (Knot, BIND, NSD, PowerDNS) and Tandem
 * itself started as processes on loopback, ephemeral ports, DNS query helpers and command-line tool
 * runners ({@code dig}, {@code kdig}, {@code nsupdate}, {@code knsupdate}).
 *
 * <p>Typical use:
 *
 * <pre>{@code
 * try (KnotPeer primary = KnotPeer.builder()
 *         .primary(PrimaryZone.of("example.com", zoneFile).allowTransfer(Acl.any()))
 *         .start();
 *     BindPeer secondary = BindPeer.builder()
 *         .secondary(SecondaryZone.of("example.com", primary.endpoint()))
 *         .start()) {
 *   Message soa = DnsQuery.to(secondary.endpoint()).send(DnsQuery.question("example.com", Type.SOA));
 * }
 * }</pre>
 *
 * <p>Every peer is skipped with a clear message when its binary is missing, and fails the test
 * instead when {@code CI=true} (see {@link org.tandemdns.testing.PeerRequirement}).
 */
package org.tandemdns.testing;
