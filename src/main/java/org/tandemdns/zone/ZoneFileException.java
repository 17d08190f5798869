package org.tandemdns.zone;

/** A master file that cannot be read as written; the message starts with {@code file:line:}. */
public final class ZoneFileException extends Exception {
  private final SourceLocation location;

  public ZoneFileException(SourceLocation location, String message) {
    super(location + ": " + message);
    this.location = location;
  }

  public SourceLocation location() {
    return location;
  }
}
