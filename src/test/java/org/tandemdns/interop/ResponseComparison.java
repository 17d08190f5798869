package org.tandemdns.interop;

import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Compares a reference response (Knot) with Tandem's and lists every difference in words.
 *
 * <p>Compared: RCODE including the extended bits, opcode, the QR, AA, TC and RD flags, the question
 * section exactly (case included: it must echo the query), the OPT record on presence, version, DO
 * and extended RCODE (not payload size), the answer as an ordered list of RRsets (order matters in
 * CNAME and DNAME chains), authority and additional as sets of RRsets. RRsets are compared with
 * {@link RRsetView}: TTLs included, record order ignored, owner names case-insensitive.
 */
final class ResponseComparison {

  private ResponseComparison() {}

  /** Everything: header, question, OPT and all sections. */
  static List<String> full(Message knot, Message tandem) {
    List<String> diffs = header(knot, tandem);
    diffs.addAll(answerInOrder(knot, tandem));
    diffs.addAll(sectionAsSet("authority", Section.AUTHORITY, knot, tandem));
    diffs.addAll(sectionAsSet("additional", Section.ADDITIONAL, knot, tandem));
    return diffs;
  }

  /** RCODE, opcode, flags, question and OPT. */
  static List<String> header(Message knot, Message tandem) {
    List<String> diffs = new ArrayList<>();
    same(diffs, "rcode", Rcode.string(knot.getRcode()), Rcode.string(tandem.getRcode()));
    diffs.addAll(headerExceptRcode(knot, tandem));
    return diffs;
  }

  /** Opcode, flags, question and OPT (whose extended RCODE bits are compared all the same). */
  static List<String> headerExceptRcode(Message knot, Message tandem) {
    List<String> diffs = new ArrayList<>();
    same(diffs, "opcode", knot.getHeader().getOpcode(), tandem.getHeader().getOpcode());
    for (int flag : new int[] {Flags.QR, Flags.AA, Flags.TC, Flags.RD}) {
      same(diffs, "flag " + Flags.string(flag), knot.getHeader().getFlag(flag), tandem.getHeader().getFlag(flag));
    }
    same(diffs, "question", questionText(knot), questionText(tandem));
    same(diffs, "OPT", optText(knot), optText(tandem));
    return diffs;
  }

  /**
   * The answer section as an ordered list of RRsets (the order of a CNAME or DNAME chain matters),
   * its RRSIGs as a set: RFC 4035 §3.1.1 puts an RRset's RRSIGs in its section but not at a place
   * in it. Knot appends them after the section's data, BIND and Tandem put each after its RRset.
   */
  static List<String> answerInOrder(Message knot, Message tandem) {
    List<RRsetView> k = RRsetView.of(knot, Section.ANSWER);
    List<RRsetView> t = RRsetView.of(tandem, Section.ANSWER);
    List<RRsetView> kData = data(k);
    List<RRsetView> tData = data(t);
    boolean equal = kData.size() == tData.size();
    for (int i = 0; equal && i < kData.size(); i++) {
      equal = kData.get(i).sameAs(tData.get(i));
    }
    List<RRsetView> kSigs = signatures(k);
    List<RRsetView> tSigs = signatures(t);
    equal &= kSigs.size() == tSigs.size() && missingFrom(kSigs, tSigs).isEmpty();
    return equal ? List.of() : List.of("answer (in order): knot " + k + " / tandem " + t);
  }

  /** The answer section: Knot's RRsets must be the first RRsets of Tandem's, in order; its RRSIGs among Tandem's. */
  static List<String> answerStartsWithKnots(Message knot, Message tandem) {
    List<RRsetView> k = RRsetView.of(knot, Section.ANSWER);
    List<RRsetView> t = RRsetView.of(tandem, Section.ANSWER);
    List<RRsetView> kData = data(k);
    List<RRsetView> tData = data(t);
    boolean prefix = kData.size() <= tData.size();
    for (int i = 0; prefix && i < kData.size(); i++) {
      prefix = kData.get(i).sameAs(tData.get(i));
    }
    prefix &= missingFrom(signatures(k), signatures(t)).isEmpty();
    return prefix ? List.of() : List.of("answer (knot's must begin tandem's): knot " + k + " / tandem " + t);
  }

  private static List<RRsetView> data(List<RRsetView> sets) {
    return sets.stream().filter(s -> s.type() != Type.RRSIG).toList();
  }

  private static List<RRsetView> signatures(List<RRsetView> sets) {
    return sets.stream().filter(s -> s.type() == Type.RRSIG).toList();
  }

  /** One section as a set of RRsets. */
  static List<String> sectionAsSet(String name, int section, Message knot, Message tandem) {
    List<RRsetView> k = RRsetView.of(knot, section);
    List<RRsetView> t = RRsetView.of(tandem, section);
    List<RRsetView> onlyKnot = missingFrom(k, t);
    List<RRsetView> onlyTandem = missingFrom(t, k);
    if (onlyKnot.isEmpty() && onlyTandem.isEmpty() && k.size() == t.size()) {
      return List.of();
    }
    return List.of(name + ": only knot " + onlyKnot + " / only tandem " + onlyTandem);
  }

  /** RRsets of {@code sets} that have no equal in {@code others}. */
  static List<RRsetView> missingFrom(List<RRsetView> sets, List<RRsetView> others) {
    return sets.stream().filter(s -> others.stream().noneMatch(s::sameAs)).toList();
  }

  private static String questionText(Message m) {
    StringBuilder s = new StringBuilder();
    for (Record q : m.getSection(Section.QUESTION)) {
      s.append(q.getName()).append(' ').append(q.getDClass()).append(' ').append(q.getType()).append(';');
    }
    return s.toString();
  }

  private static String optText(Message m) {
    OPTRecord opt = m.getOPT();
    if (opt == null) {
      return "none";
    }
    boolean dnssecOk = (opt.getFlags() & ExtendedFlags.DO) != 0;
    return "version " + opt.getVersion() + ", DO " + dnssecOk + ", ext-rcode " + opt.getExtendedRcode();
  }

  private static void same(List<String> diffs, String what, Object knot, Object tandem) {
    if (!knot.equals(tandem)) {
      diffs.add(what + ": knot " + knot + " / tandem " + tandem);
    }
  }
}
