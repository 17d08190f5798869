package org.tandemdns.zone;

import java.io.BufferedReader;
import java.io.IOException;

/**
 * Splits a master file into logical lines (RFC 1035 §5.1): comments removed, parenthesised
 * continuations joined, each line tagged with the physical line it started on and whether it began
 * with blank space (which means "same owner as the previous record").
 */
final class MasterFileLines {

  /** One logical line of a master file. */
  record LogicalLine(int line, boolean inheritsOwner, String text) {}

  private final BufferedReader in;
  private final String source;
  private int physicalLine;
  private final StringBuilder text = new StringBuilder(256);

  MasterFileLines(BufferedReader in, String source) {
    this.in = in;
    this.source = source;
  }

  /** Returns the next non-blank logical line, or null at the end of the input. */
  LogicalLine next() throws IOException, ZoneFileException {
    StringBuilder text = this.text;
    text.setLength(0);
    int depth = 0;
    int start = -1;
    boolean inherits = false;
    String raw;
    while ((raw = in.readLine()) != null) {
      physicalLine++;
      if (start < 0 && plain(raw)) { // the common line: nothing to strip or join, taken as it is
        if (!raw.isBlank()) {
          return new LogicalLine(physicalLine, raw.charAt(0) == ' ' || raw.charAt(0) == '\t', raw);
        }
        continue;
      }
      if (start < 0) {
        start = physicalLine;
        inherits = !raw.isEmpty() && (raw.charAt(0) == ' ' || raw.charAt(0) == '\t');
      }
      depth = appendStripped(raw, text, depth);
      if (depth == 0) {
        String joined = text.toString();
        if (!joined.isBlank()) {
          return new LogicalLine(start, inherits, joined);
        }
        text.setLength(0);
        start = -1;
      } else {
        text.append(' ');
      }
    }
    if (depth > 0) {
      throw new ZoneFileException(new SourceLocation(source, start), "unbalanced parentheses: '(' is never closed");
    }
    return null;
  }

  /** True when {@code raw} has no comment, parenthesis, quote or escape: it is its own logical line. */
  private static boolean plain(String raw) {
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == ';' || c == '(' || c == ')' || c == '"' || c == '\\') {
        return false;
      }
    }
    return true;
  }

  /** Appends one physical line without its comment and parentheses; returns the new depth. */
  private int appendStripped(String raw, StringBuilder out, int depth) throws ZoneFileException {
    boolean quoted = false;
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '\\' && i + 1 < raw.length()) {
        out.append(c).append(raw.charAt(++i));
      } else if (c == '"') {
        quoted = !quoted;
        out.append(c);
      } else if (quoted) {
        out.append(c);
      } else if (c == ';') {
        break;
      } else if (c == '(') {
        depth++;
        out.append(' ');
      } else if (c == ')') {
        if (--depth < 0) {
          throw new ZoneFileException(new SourceLocation(source, physicalLine), "unbalanced parentheses: ')' without '('");
        }
        out.append(' ');
      } else {
        out.append(c);
      }
    }
    if (quoted) {
      throw new ZoneFileException(new SourceLocation(source, physicalLine), "quoted string is not closed on this line");
    }
    return depth;
  }
}
