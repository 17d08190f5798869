package org.tandemdns.server;

/** How a request arrived; decides size limits and which operations are allowed. */
public enum Transport {
  UDP,
  TCP,
  /** TCP inside TLS: DNS over TLS (RFC 7858) and zone transfers over TLS (RFC 9103). */
  TLS
}
