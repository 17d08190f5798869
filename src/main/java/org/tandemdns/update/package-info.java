/**
 * Dynamic update (RFC 2136): the zone section, prerequisites (§3.2), the update section's prescan
 * (§3.4.1) and its translation into record changes applied through the change pipeline (§3.4.2),
 * with the RFC's rcodes. Runs on its own executor: an update writes to the store.
 */
package org.tandemdns.update;
