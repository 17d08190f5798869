package org.tandemdns.notify;

/** Where a NOTIFY to one target stands. */
public enum NotifyState {
  /** Sent (or about to be), no answer yet. */
  PENDING,
  /** The target answered NOERROR for this serial. */
  ACKNOWLEDGED,
  /** No answer or an error so far; retrying. */
  RETRYING,
  /** Every retry failed, or the target answered with an error. */
  FAILED
}
