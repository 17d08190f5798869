package org.tandemdns.dnsclient;

/** The server did not answer before the deadline. */
public final class DnsTimeoutException extends DnsClientException {
  public DnsTimeoutException(String message) {
    super(message);
  }
}
