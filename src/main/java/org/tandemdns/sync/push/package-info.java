/**
 * Continuous push from {@code tandem serve}: a primary zone's {@code push-to} targets get every
 * committed change as it happens (the change pipeline's announce step), with back-off for targets
 * that are down, a full re-sync when they return and periodically, state kept in the store across
 * restarts, and a status per target for the API and metrics.
 */
package org.tandemdns.sync.push;
