/**
 * A small DNS client for talking to other servers, shared by the monitor, the secondary role's
 * transfer-in and multi-provider sync: single queries over UDP and TCP (RFC 1035 §4.2, RFC 7766),
 * and AXFR (RFC 5936) with TSIG (RFC 8945), each bounded by a deadline, a size and a record cap,
 * because the servers talked to are untrusted.
 */
package org.tandemdns.dnsclient;
