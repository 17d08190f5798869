package org.tandemdns.monitor;

/** A monitored zone could not be checked at all; the message says why. */
public final class CheckFailedException extends Exception {
  public CheckFailedException(String message) {
    super(message);
  }
}
