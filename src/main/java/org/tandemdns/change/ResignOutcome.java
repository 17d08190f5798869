package org.tandemdns.change;

import java.time.Instant;

/**
 * What a re-signing run did: whether it committed a new version, how many signatures it made, how
 * many due ones it left for the next batch, and when the zone's next signature comes due (null
 * when it has none).
 */
public record ResignOutcome(boolean committed, int signaturesMade, int deferred, Instant nextRefresh) {}
