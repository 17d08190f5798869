package org.tandemdns.cli;

import java.io.PrintWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the offline checks print a finding: {@code file:line: error: text}, the shape compilers use
 * and editors jump to; a finding without a line keeps its source first.
 */
final class OfflineCheckOutput {
  private static final Pattern LOCATED = Pattern.compile("^(\\S+?:\\d+): (.*)$", Pattern.DOTALL);

  private OfflineCheckOutput() {}

  static void print(PrintWriter out, String severity, String finding) {
    Matcher m = LOCATED.matcher(finding);
    out.println(m.matches() ? m.group(1) + ": " + severity + ": " + m.group(2) : severity + ": " + finding);
  }

  /** As above; a finding that starts with {@code source} but has no line still gets it first. */
  static void print(PrintWriter out, String severity, String finding, String source) {
    if (!LOCATED.matcher(finding).matches() && finding.startsWith(source + ": ")) {
      out.println(source + ": " + severity + ": " + finding.substring(source.length() + 2));
    } else {
      print(out, severity, finding);
    }
  }

  /** Every error, then every warning, of one zone file's check. */
  static void findings(PrintWriter out, org.tandemdns.zone.ZoneFileCheck check, java.nio.file.Path file) {
    check.errors().forEach(e -> print(out, "error", e, file.toString()));
    check.warnings().forEach(w -> print(out, "warning", w, file.toString()));
  }

  /** Where a command with {@code -q} writes: nowhere. */
  static PrintWriter output(boolean quiet, PrintWriter out) {
    return quiet ? new PrintWriter(java.io.Writer.nullWriter()) : out;
  }

  /**
   * The server's own log lines would repeat the findings printed: until the returned handle is
   * closed, only errors of its own still show.
   */
  static AutoCloseable quietLogs() {
    org.slf4j.Logger root = org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    if (!(root instanceof ch.qos.logback.classic.Logger l)) {
      return () -> {};
    }
    ch.qos.logback.classic.Level before = l.getLevel();
    l.setLevel(ch.qos.logback.classic.Level.ERROR);
    return () -> l.setLevel(before);
  }

  static String plural(int n, String word) {
    return n + " " + word + (n == 1 ? "" : "s");
  }
}
