package org.tandemdns.dnsclient;

/** A DNS exchange with a server failed; the message says how, for an operator. */
public class DnsClientException extends Exception {
  public DnsClientException(String message) {
    super(message);
  }

  public DnsClientException(String message, Throwable cause) {
    super(message, cause);
  }
}
