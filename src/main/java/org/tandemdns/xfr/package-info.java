/**
 * Zone transfers: AXFR (RFC 5936) and IXFR (RFC 1995) out as streaming responders, and the transfer-in client with validation of what comes in.
 */
package org.tandemdns.xfr;
