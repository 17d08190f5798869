package org.tandemdns.interop;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tandemdns.testing.TsigKey;

/**
 * Patterns for Tandem's one-line transfer log ("transfer out zone=… type=… remote=… key=… serial=…
 * records=… result=…", README and DESIGN "one structured log line per transfer").
 */
final class TandemLog {

  private TandemLog() {}

  /** The key field as Tandem logs it: the absolute key name, or {@code -} when unsigned. */
  static String key(TsigKey key) {
    return key == null ? "-" : key.name() + ".";
  }

  /**
   * A completed transfer: {@code type} AXFR or IXFR, from {@code host}, {@code serials} as logged
   * ({@code 3} for AXFR, {@code 1->2} for IXFR); no fallback. Group 1 is the record count.
   */
  static Pattern completed(String zone, String type, String host, String key, String serials) {
    return Pattern.compile(Pattern.quote("transfer out zone=" + zone + ". type=" + type + " remote=" + host + ":")
        + "\\d+" + Pattern.quote(" key=" + key + " serial=" + serials + " records=")
        + "(\\d+) messages=\\d+ bytes=\\d+ duration=\\d+ms result=ok");
  }

  /** A refused transfer with its logged reason. */
  static Pattern refused(String zone, String type, String host, String key, String rcode, String reason) {
    return Pattern.compile(Pattern.quote("transfer out zone=" + zone + ". type=" + type + " remote=" + host + ":")
        + "\\d+" + Pattern.quote(" key=" + key + " result=" + rcode + " reason=\"" + reason + "\""));
  }

  /** Every match's group 1 (or whole match when the pattern has no group), in log order. */
  static List<String> matches(String log, Pattern pattern) {
    List<String> out = new ArrayList<>();
    Matcher m = pattern.matcher(log);
    while (m.find()) {
      out.add(m.groupCount() > 0 ? m.group(1) : m.group());
    }
    return out;
  }

  /** How many times {@code literal} occurs in {@code log}. */
  static int count(String log, String literal) {
    int n = 0;
    for (int i = log.indexOf(literal); i >= 0; i = log.indexOf(literal, i + literal.length())) {
      n++;
    }
    return n;
  }
}
