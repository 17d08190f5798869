package org.tandemdns.change;

import org.xbill.DNS.Name;

/**
 * The result of (re)loading one file zone.
 *
 * @param ok false when the file could not be read or the change was refused; the served zone is unchanged
 * @param changed true when a new version was committed
 * @param serial the serial served afterwards (-1 when the zone is not served)
 * @param message what happened, for logs and the API
 */
public record ReloadResult(Name zone, boolean ok, boolean changed, long serial, String message) {}
