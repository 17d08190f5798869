/**
 * Catalog zones (RFC 9432, schema version 2): producing one from the zones that name it as their
 * catalog. The catalog is an ordinary zone once built: served, journaled and transferred (IXFR) by
 * the change pipeline like any other, so consumers (BIND, Knot, PowerDNS, NSD) add and remove
 * member zones from it.
 */
package org.tandemdns.catalog;
