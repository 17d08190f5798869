package org.tandemdns.dnssec;

import org.tandemdns.zone.ZoneSnapshot;

/**
 * What one signing run produced: the signed version, how many signatures it made and kept, and
 * how many signatures due for refresh it left for a later run ({@link RefreshBudget}).
 */
public record SigningResult(ZoneSnapshot zone, int signaturesMade, int signaturesKept, int refreshDeferred) {}
