package org.tandemdns.dnsclient;

/** The transport a query is sent over. */
public enum Transport {
  /** UDP (RFC 1035 §4.2.1). */
  UDP,
  /** TCP (RFC 1035 §4.2.2, RFC 7766). */
  TCP
}
