/**
 * A small DNS client for checking servers: single queries over UDP and TCP (RFC 1035 §4.2,
 * RFC 7766), and AXFR (RFC 5936) with TSIG (RFC 8945), each bounded by a deadline, a size and a
 * record cap, because the servers checked are untrusted.
 */
package org.tandemdns.monitor.client;
