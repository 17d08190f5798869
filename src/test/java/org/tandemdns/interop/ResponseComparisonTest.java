package org.tandemdns.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

class ResponseComparisonTest {

  private static final Name QNAME = Name.fromConstantString("www.example.");

  @Test
  void identicalResponsesHaveNoDifference() {
    assertThat(ResponseComparison.full(response(QNAME), response(QNAME))).isEmpty();
  }

  @Test
  void recordOrderInsideAnRRsetIsIgnored() throws Exception {
    Message knot = response(QNAME);
    knot.addRecord(a("192.0.2.1", 300), Section.ANSWER);
    knot.addRecord(a("192.0.2.2", 300), Section.ANSWER);
    Message tandem = response(QNAME);
    tandem.addRecord(a("192.0.2.2", 300), Section.ANSWER);
    tandem.addRecord(a("192.0.2.1", 300), Section.ANSWER);

    assertThat(ResponseComparison.full(knot, tandem)).isEmpty();
  }

  @Test
  void ttlsAreCompared() throws Exception {
    Message knot = response(QNAME);
    knot.addRecord(a("192.0.2.1", 300), Section.ANSWER);
    Message tandem = response(QNAME);
    tandem.addRecord(a("192.0.2.1", 299), Section.ANSWER);

    assertThat(ResponseComparison.full(knot, tandem)).singleElement().asString().startsWith("answer");
  }

  @Test
  void answerOrderMattersButAuthorityOrderDoesNot() throws Exception {
    Name alias = Name.fromConstantString("alias.example.");
    Record cname = new CNAMERecord(alias, DClass.IN, 300, QNAME);
    Record ns1 = new NSRecord(Name.fromConstantString("example."), DClass.IN, 300, Name.fromConstantString("ns1.example."));
    Record mx = Record.fromString(Name.root, Type.MX, DClass.IN, 300, "10 mail.example.", Name.fromConstantString("example."));
    Message knot = response(alias);
    knot.addRecord(cname, Section.ANSWER);
    knot.addRecord(a("192.0.2.1", 300), Section.ANSWER);
    knot.addRecord(ns1, Section.AUTHORITY);
    knot.addRecord(mx, Section.AUTHORITY);
    Message tandem = response(alias);
    tandem.addRecord(a("192.0.2.1", 300), Section.ANSWER);
    tandem.addRecord(cname, Section.ANSWER);
    tandem.addRecord(mx, Section.AUTHORITY);
    tandem.addRecord(ns1, Section.AUTHORITY);

    assertThat(ResponseComparison.full(knot, tandem)).singleElement().asString().startsWith("answer (in order)");
  }

  @Test
  void optPayloadSizeIsIgnoredButDoBitIsCompared() {
    Message knot = response(QNAME);
    knot.addRecord(new OPTRecord(1232, 0, 0, 0), Section.ADDITIONAL);
    Message samePayloadDiffers = response(QNAME);
    samePayloadDiffers.addRecord(new OPTRecord(4096, 0, 0, 0), Section.ADDITIONAL);
    Message withDo = response(QNAME);
    withDo.addRecord(new OPTRecord(1232, 0, 0, ExtendedFlags.DO), Section.ADDITIONAL);

    assertThat(ResponseComparison.full(knot, samePayloadDiffers)).isEmpty();
    assertThat(ResponseComparison.full(knot, withDo)).singleElement().asString().startsWith("OPT");
  }

  @Test
  void questionCaseAndFlagsAreCompared() {
    Message upper = response(Name.fromConstantString("WWW.example."));
    Message truncated = response(QNAME);
    truncated.getHeader().setFlag(Flags.TC);

    assertThat(ResponseComparison.full(response(QNAME), upper)).singleElement().asString().startsWith("question");
    assertThat(ResponseComparison.full(response(QNAME), truncated)).singleElement().asString().startsWith("flag tc");
  }

  @Test
  void knotsShorterChainMustBeginTandems() throws Exception {
    Message knot = response(QNAME);
    knot.addRecord(a("192.0.2.1", 300), Section.ANSWER);
    Message longer = response(QNAME);
    longer.addRecord(a("192.0.2.1", 300), Section.ANSWER);
    longer.addRecord(new CNAMERecord(QNAME, DClass.IN, 300, QNAME), Section.ANSWER);

    assertThat(ResponseComparison.answerStartsWithKnots(knot, longer)).isEmpty();
    assertThat(ResponseComparison.answerStartsWithKnots(longer, knot)).hasSize(1);
  }

  private static Message response(Name qname) {
    Message m = new Message(7);
    m.getHeader().setFlag(Flags.QR);
    m.getHeader().setFlag(Flags.AA);
    m.addRecord(Record.newRecord(qname, Type.A, DClass.IN), Section.QUESTION);
    return m;
  }

  private static Record a(String address, long ttl) throws IOException {
    return new ARecord(QNAME, DClass.IN, ttl, java.net.InetAddress.getByName(address));
  }
}
