package org.tandemdns.dnssec;

import org.tandemdns.zone.ZoneDiff;
import org.tandemdns.zone.ZoneSnapshot;

/** One change of a signed zone, signed: the next version, the diff that leads to it (the journal's), the signatures made. */
public record SignedChange(ZoneSnapshot zone, ZoneDiff diff, int signaturesMade) {}
