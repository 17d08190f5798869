/**
 * The answer engine: (zone snapshot, question, request options) to response, pure and free of I/O. Implements RFC 1034 §4.3.2 as updated by RFC 2181, RFC 4592 (wildcards), RFC 6672 (DNAME), RFC 6604 (rcode in CNAME chains), RFC 8482 (ANY) and RFC 6891 (EDNS0).
 */
package org.tandemdns.query;
