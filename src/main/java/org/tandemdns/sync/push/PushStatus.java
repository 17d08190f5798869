package org.tandemdns.sync.push;

import java.time.Instant;

/**
 * Where continuous push of one zone to one target stands, for the API and metrics.
 *
 * @param zone the zone
 * @param target the provider's name
 * @param provider the provider, described
 * @param state {@code in-sync}, {@code pending} (a push is queued or running), {@code failing} (being
 *     retried with back-off), {@code refused} (a re-sync the safety checks refuse), {@code unknown}
 * @param pushedSerial the serial last pushed, or null
 * @param pendingSince when the oldest change not yet pushed was committed, or null
 * @param lastAttempt when a push last ran, or null
 * @param lastSuccess when a push last succeeded, or null
 * @param failures consecutive failures
 * @param nextAttempt when the next try is due, while failing
 * @param lastResult what the last push did ("2 changes", "re-sync: in sync", ...)
 * @param lastError the provider's message of the last failure, or null
 */
public record PushStatus(String zone, String target, String provider, String state, Long pushedSerial, Instant pendingSince,
    Instant lastAttempt, Instant lastSuccess, int failures, Instant nextAttempt, String lastResult, String lastError) {}
