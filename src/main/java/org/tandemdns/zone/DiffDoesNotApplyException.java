package org.tandemdns.zone;

/** A diff that does not fit the version it is applied to (wrong serial, a deletion of a missing record). */
public final class DiffDoesNotApplyException extends Exception {
  public DiffDoesNotApplyException(String message) {
    super(message);
  }
}
