package org.tandemdns.update;

import org.tandemdns.change.ZoneChangePolicy;
import org.tandemdns.security.Acl;

/**
 * How one zone takes UPDATEs.
 *
 * @param allowUpdate who may update (address and, where required, TSIG key); default nobody
 * @param changes the zone's serial policy and journal retention
 * @param updatable false for zones that are not primaries here (secondaries answer NOTAUTH)
 */
public record UpdatePolicy(Acl allowUpdate, ZoneChangePolicy changes, boolean updatable) {}
