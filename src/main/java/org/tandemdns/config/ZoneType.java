package org.tandemdns.config;

/** The role Tandem plays for a zone. */
public enum ZoneType {
  /** Tandem holds the master copy (from a file, or later from the API). */
  PRIMARY
}
