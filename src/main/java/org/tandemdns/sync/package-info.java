/**
 * Multi-provider push: one source of truth for a zone, pushed to several independent DNS
 * providers that do not transfer from each other (multi-primary).
 *
 * <p>In the manner of OctoDNS's plan/apply: the source and each target are read, the
 * {@link org.tandemdns.sync.Planner} compares them with the canonical RRset comparison of
 * {@code tandem check} ({@link org.tandemdns.zone.compare}) into creates, updates and deletes
 * ({@link org.tandemdns.sync.RRsetChange}), {@code Safety} refuses plans that look like accidents,
 * {@code Batches} splits what is applied into the provider's atomic batches in a safe order
 * (creates and updates before deletes), the {@link org.tandemdns.sync.Applier} applies them and
 * {@code Verifier} queries the target's nameservers until they serve the result.
 * {@link org.tandemdns.sync.SyncRunner} runs it all per zone and target for {@code tandem sync};
 * {@link org.tandemdns.sync.push} does it continuously from {@code tandem serve}.
 *
 * <p>Providers ({@link org.tandemdns.sync.provider}): RFC 2136 dynamic update with AXFR reads and
 * TSIG (RFC 2136, RFC 5936, RFC 8945), the PowerDNS Authoritative HTTP API, and another Tandem's
 * HTTP API. This package talks to them as a client and never reaches into the server.
 */
package org.tandemdns.sync;
