package org.tandemdns.zone;

/** Where a record came from: a file (or other named source) and a 1-based line number. */
public record SourceLocation(String source, int line) {
  @Override
  public String toString() {
    return source + ":" + line;
  }
}
