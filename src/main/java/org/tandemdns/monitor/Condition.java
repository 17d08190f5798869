package org.tandemdns.monitor;

/**
 * Something wrong with a zone that is tracked from appearance to recovery.
 *
 * @param zone the zone
 * @param kind drift, lag, unreachable, lame, delegation, no-majority or check-failed
 * @param nameserver "name address", or null for zone-wide conditions
 */
record Condition(String zone, String kind, String nameserver) {}
