package org.tandemdns.store;

import java.time.Instant;
import org.xbill.DNS.Name;

/**
 * What the store knows about one zone without reading its records.
 *
 * @param name the zone's origin
 * @param serial the serial of the stored current version
 * @param kind who owns the zone's content: {@code file}, {@code api} or {@code secondary}
 * @param sourceHash an opaque fingerprint of the source the current version was built from (for a
 *     file zone, a hash of the files read), used to skip work when nothing changed; may be empty
 * @param updated when the current version was stored
 * @param journalEntries number of journal entries kept
 * @param journalBytes encoded size of the journal entries kept
 */
public record StoredZoneInfo(
    Name name, long serial, String kind, String sourceHash, Instant updated, int journalEntries, long journalBytes) {}
