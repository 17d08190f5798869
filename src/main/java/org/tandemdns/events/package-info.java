/**
 * Per-zone scheduler: refresh, retry, expire (RFC 1034 §4.3.5), notify and push timers, persisted, on an injected Clock.
 */
package org.tandemdns.events;
