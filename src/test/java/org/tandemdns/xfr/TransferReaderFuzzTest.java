package org.tandemdns.xfr;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.tandemdns.zone.ZoneValidationException;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

/**
 * Fuzzes what a hostile or broken primary can send in an AXFR or IXFR (issue 13): any sequence of
 * records (SOAs with any serial, data in and out of the zone, in any order, cut anywhere) is a zone,
 * a chain of diffs, or a {@link TransferReader.Malformed} / {@link ZoneValidationException} with a
 * message, never another exception.
 */
class TransferReaderFuzzTest {
  static final Name ZONE = TransferReaderTest.ZONE;
  static final String[] DATA = {"@ NS ns", "ns A 192.0.2.1", "www A 192.0.2.80", "www AAAA 2001:db8::80", "www CNAME ns",
      "sub NS ns.sub", "ns.sub A 192.0.2.9", "*.w TXT \"x\"", "mail MX 10 ns", "d DNAME x.example.",
      "other.example. A 192.0.2.7", "@ TXT \"v\"", "www A 192.0.2.81"};

  @FuzzTest(maxDuration = "20s")
  void anyRecordStreamIsAZoneDiffsOrAnErrorWithAMessage(FuzzedDataProvider data) throws Exception {
    TransferReader reader = new TransferReader(ZONE, data.consumeBoolean() ? -1 : data.consumeLong(0, 10));
    try {
      int n = data.consumeInt(0, 64);
      for (int i = 0; i < n && !reader.done(); i++) {
        Record r = data.consumeBoolean() ? TransferReaderTest.soa(data.consumeLong(0, 12))
            : TransferReaderTest.rr(DATA[data.consumeInt(0, DATA.length - 1)]);
        reader.accept(r);
      }
      if (reader.done()) {
        if (reader.isFull()) {
          reader.snapshot();
        } else {
          reader.diffs();
        }
      }
    } catch (TransferReader.Malformed | ZoneValidationException e) {
      if (e.getMessage() == null || e.getMessage().isBlank()) {
        throw new AssertionError("an error without a message", e);
      }
    }
  }
}
