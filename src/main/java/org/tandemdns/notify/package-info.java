/**
 * NOTIFY (RFC 1996): inbound (check, then schedule a refresh) and outbound (fan-out, retries, per-target status).
 */
package org.tandemdns.notify;
