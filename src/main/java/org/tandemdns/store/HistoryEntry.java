package org.tandemdns.store;

import java.time.Instant;
import org.tandemdns.zone.ZoneDiff;

/**
 * One change of a zone as its audit history shows it: a journal entry with who made it.
 *
 * @param seq the entry's position in the store (newer entries have higher numbers)
 * @param at when it was committed
 * @param actor who made it ({@link Actor#unknown()} for entries written before the history existed)
 * @param diff what changed, in IXFR shape (RFC 1995 §4)
 */
public record HistoryEntry(long seq, Instant at, Actor actor, ZoneDiff diff) {}
