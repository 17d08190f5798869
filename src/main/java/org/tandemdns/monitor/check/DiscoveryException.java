package org.tandemdns.monitor.check;

/** The zone's nameservers could not be found. */
public final class DiscoveryException extends Exception {
  public DiscoveryException(String message) {
    super(message);
  }
}
