/**
 * Consistency and drift monitoring: zones checked every interval ({@link org.tandemdns.monitor.check}),
 * Prometheus metrics per zone and nameserver, and alerts on state changes only, to webhooks and
 * to an in-memory, bounded history.
 *
 * <p>Sub-packages: {@code client} (a bounded DNS client, AXFR with TSIG per RFC 5936 / RFC 8945)
 * and {@code check} (one check of one zone, as run by {@code tandem check}).
 */
package org.tandemdns.monitor;
