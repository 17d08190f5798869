package org.tandemdns.update;

import org.tandemdns.change.ZoneChangePolicy;
import org.tandemdns.security.Acl;

/**
 * How one zone takes UPDATEs.
 *
 * @param allowUpdate who may update (address and, where required, TSIG key); default nobody
 * @param changes the zone's serial policy and journal retention
 * @param mode whether the zone can be updated here at all
 */
public record UpdatePolicy(Acl allowUpdate, ZoneChangePolicy changes, Mode mode) {
  /** Which zones take UPDATE. */
  public enum Mode {
    /** A primary managed through the API: UPDATE allowed per allow-update. */
    UPDATABLE,
    /** A secondary: NOTAUTH (RFC 2136 §3.1.2; forwarding to the primary is not done). */
    SECONDARY,
    /** A primary read from a file: REFUSED, since a reload of the file would undo the update. */
    FILE
  }
}
