/**
 * Zone data: the immutable zone snapshot and its lookup structure, serial arithmetic (RFC 1982), diffs, validation at load (RFC 1034 §3.6, RFC 2181 §10), and master-file reading and writing (RFC 1035 §5, RFC 3597 §5).
 */
package org.tandemdns.zone;
