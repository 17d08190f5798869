package org.tandemdns.store;

/** The store could not do what was asked; nothing was changed by the failed call. */
public final class StoreException extends Exception {
  public StoreException(String message) {
    super(message);
  }

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
