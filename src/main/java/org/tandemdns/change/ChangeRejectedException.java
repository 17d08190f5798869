package org.tandemdns.change;

/** A change that fails validation; nothing was persisted or served. The message says what to fix. */
public final class ChangeRejectedException extends Exception {
  public ChangeRejectedException(String message) {
    super(message);
  }

  /** A refusal whose cause says more (an UPDATE prerequisite's rcode, for example). */
  public ChangeRejectedException(String message, Throwable cause) {
    super(message, cause);
  }
}
