package org.tandemdns;

/** A zone operation that cannot be done as asked; {@link #kind()} says why, for the API's status code. */
public final class ZoneRegistryException extends Exception {
  /** Why. */
  public enum Kind { NOT_FOUND, CONFLICT, READ_ONLY, INVALID }

  private final Kind kind;

  public ZoneRegistryException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
