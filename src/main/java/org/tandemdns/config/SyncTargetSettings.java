package org.tandemdns.config;

/**
 * What a zone sets for one of its targets under {@code per-target:}, overriding the zone's own
 * setting; a key left out keeps the zone's.
 *
 * @param maxChange the combined updates-and-deletes share
 * @param maxUpdates the updates limit
 * @param maxDeletes the deletes limit
 * @param lenient skip records this target cannot hold, with a warning, instead of failing
 */
public record SyncTargetSettings(Percent maxChange, Threshold maxUpdates, Threshold maxDeletes, Boolean lenient) {}
