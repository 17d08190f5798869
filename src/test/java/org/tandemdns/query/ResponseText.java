package org.tandemdns.query;

import java.util.List;
import java.util.stream.Collectors;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * One line per response for table-driven tests: {@code RCODE flags | answer | authority |
 * additional}, records as {@code owner TYPE rdata} in section order, OPT left out, "-" for empty.
 */
final class ResponseText {
  private ResponseText() {}

  static String of(Message m) {
    StringBuilder sb = new StringBuilder(Rcode.string(m.getRcode()));
    for (int flag : new int[] {Flags.AA, Flags.TC}) {
      if (m.getHeader().getFlag(flag)) {
        sb.append(' ').append(Flags.string(flag));
      }
    }
    for (int section : new int[] {Section.ANSWER, Section.AUTHORITY, Section.ADDITIONAL}) {
      sb.append(" | ").append(records(m.getSection(section)));
    }
    return sb.toString();
  }

  private static String records(List<Record> records) {
    String s = records.stream()
        .filter(r -> r.getType() != Type.OPT)
        .map(r -> r.getName() + " " + Type.string(r.getType()) + " " + r.rdataToString())
        .collect(Collectors.joining(", "));
    return s.isEmpty() ? "-" : s;
  }
}
