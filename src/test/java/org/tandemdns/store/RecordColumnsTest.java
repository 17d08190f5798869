package org.tandemdns.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

class RecordColumnsTest {

  /**
   * A store written before UPDATE checked TTLs can hold 4294967295; reading it threw and the zone
   * was not served at all after a restart. It now reads as 0, the RFC 2181 §8 rule.
   */
  @Test
  void aStoredTtlWithTheTopBitSetReadsAsZero() throws Exception {
    Record r = RecordColumns.toRecord(Name.fromConstantString("kbad.dyn.test."), Type.A, 4294967295L, new byte[] {(byte) 192, 0, 2, 9});
    assertThat(r.getTTL()).isZero();
    assertThat(r.rdataToString()).isEqualTo("192.0.2.9");
    assertThat(RecordColumns.toRecord(Name.fromConstantString("ok.dyn.test."), Type.A, 2147483647L, new byte[] {(byte) 192, 0, 2, 9})
        .getTTL()).isEqualTo(2147483647L);
  }
}
