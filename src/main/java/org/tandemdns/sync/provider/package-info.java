/**
 * The DNS services a zone is read from and pushed to, behind one interface
 * ({@link org.tandemdns.sync.provider.Provider}): {@code rfc2136} (AXFR, RFC 5936, to read; UPDATE,
 * RFC 2136, to write; TSIG, RFC 8945, for both), {@code powerdns} (the PowerDNS Authoritative HTTP
 * API) and {@code tandem} (another Tandem's HTTP API), plus the sources that are not providers: a
 * master file and the version a running Tandem serves. Each provider declares the record types it
 * can hold ({@link org.tandemdns.sync.provider.RecordTypes}) and applies a batch all or nothing.
 */
package org.tandemdns.sync.provider;
