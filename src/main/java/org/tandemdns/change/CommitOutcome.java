package org.tandemdns.change;

/**
 * What a change request led to.
 *
 * @param changed false when the new content equals the served content (nothing committed)
 * @param serial the serial served afterwards
 * @param note a short human explanation ("unchanged", "serial set to 5 by policy increment", ...)
 */
public record CommitOutcome(boolean changed, long serial, String note) {}
