package org.tandemdns.interop;

import java.util.ArrayList;
import java.util.List;

/**
 * How a differential question is asked: EDNS (RFC 6891) on or off, its payload size, version and
 * DO bit (RFC 3225), the RD and CD header bits, and the transport.
 */
record QueryOptions(boolean edns, int bufsize, int ednsVersion, boolean dnssecOk, boolean rd, boolean cd, boolean tcp) {

  /** EDNS0 with payload 1232, DO clear, RD and CD clear, UDP. */
  static final QueryOptions DEFAULT = new QueryOptions(true, 1232, 0, false, false, false, false);

  /** These options with DO set (RFC 3225). */
  QueryOptions withDnssecOk() {
    return new QueryOptions(true, bufsize, ednsVersion, true, rd, cd, tcp);
  }

  /** Parses space-separated words such as {@code noedns}, {@code bufsize=512}, {@code do}, {@code tcp}. */
  static QueryOptions parse(String words) {
    QueryOptions o = DEFAULT;
    for (String w : words.trim().split("\\s+")) {
      if (w.isEmpty()) {
        continue;
      }
      String[] kv = w.split("=", 2);
      o = switch (kv[0]) {
        case "noedns" -> new QueryOptions(false, 0, 0, false, o.rd, o.cd, o.tcp);
        case "bufsize" -> new QueryOptions(true, Integer.parseInt(kv[1]), o.ednsVersion, o.dnssecOk, o.rd, o.cd, o.tcp);
        case "ednsver" -> new QueryOptions(true, o.bufsize, Integer.parseInt(kv[1]), o.dnssecOk, o.rd, o.cd, o.tcp);
        case "do" -> new QueryOptions(true, o.bufsize, o.ednsVersion, true, o.rd, o.cd, o.tcp);
        case "rd" -> new QueryOptions(o.edns, o.bufsize, o.ednsVersion, o.dnssecOk, true, o.cd, o.tcp);
        case "cd" -> new QueryOptions(o.edns, o.bufsize, o.ednsVersion, o.dnssecOk, o.rd, true, o.tcp);
        case "tcp" -> o.overTcp();
        default -> throw new IllegalArgumentException("unknown query option '" + w + "'");
      };
    }
    return o;
  }

  QueryOptions overTcp() {
    return new QueryOptions(edns, bufsize, ednsVersion, dnssecOk, rd, cd, true);
  }

  /** dig-like flags, e.g. {@code +bufsize=512 +dnssec +tcp}; empty for the default. */
  @Override
  public String toString() {
    List<String> words = new ArrayList<>();
    if (!edns) {
      words.add("+noedns");
    } else {
      if (bufsize != DEFAULT.bufsize) {
        words.add("+bufsize=" + bufsize);
      }
      if (ednsVersion != 0) {
        words.add("+edns=" + ednsVersion);
      }
      if (dnssecOk) {
        words.add("+dnssec");
      }
    }
    if (rd) {
      words.add("+rd");
    }
    if (cd) {
      words.add("+cd");
    }
    if (tcp) {
      words.add("+tcp");
    }
    return String.join(" ", words);
  }
}
