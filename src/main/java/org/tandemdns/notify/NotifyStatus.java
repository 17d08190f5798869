package org.tandemdns.notify;

import java.time.Instant;

/**
 * The latest NOTIFY to one target of one zone.
 *
 * @param target {@code ADDR:PORT}
 * @param key the TSIG key name used, or null
 * @param serial the serial last notified
 * @param state where that NOTIFY stands
 * @param since when it entered that state
 * @param attempts how many times it was sent
 * @param lastError the last problem (timeout, rcode, ...), or null
 */
public record NotifyStatus(String target, String key, long serial, NotifyState state, Instant since, int attempts, String lastError) {}
