package org.tandemdns.config;

/** The role Tandem plays for a zone. */
public enum ZoneType {
  /** Tandem holds the master copy, from a file. */
  PRIMARY,
  /** Tandem keeps a copy transferred from primaries (RFC 1034 §4.3.5, RFC 5936, RFC 1995). */
  SECONDARY,
  /**
   * Only as written in the config ({@code type: catalog-consumer}): a secondary zone that is a catalog
   * (RFC 9432 §5); {@link ZoneConfig} reads it as {@link #SECONDARY} with {@code members} set.
   */
  CATALOG_CONSUMER
}
