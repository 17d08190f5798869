/**
 * Where log lines go and in which form, from the {@code logging:} section: levels per logger, text
 * or JSON lines, stderr or a rotated file, syslog. Applied at start and again on every re-read of
 * the configuration; depends only on {@code config} and logback.
 */
package org.tandemdns.logging;
