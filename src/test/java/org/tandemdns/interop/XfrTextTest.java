package org.tandemdns.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/** Records are read from dig and kdig output; comments and TSIG records are set apart. */
class XfrTextTest {

  private static final String KDIG = """
      ;; IXFR for ex.test.
      ex.test.            \t300\tIN\tSOA\tns1.ex.test. hostmaster.ex.test. 5 3600 600 86400 300
      ex.test.            \t300\tIN\tSOA\tns1.ex.test. hostmaster.ex.test. 3 3600 600 86400 300
      new.ex.test.        \t300\tIN\tA\t192.0.2.10
      ex.test.            \t300\tIN\tSOA\tns1.ex.test. hostmaster.ex.test. 5 3600 600 86400 300
      new.ex.test.        \t300\tIN\tTXT\t"a ; not a comment"
      ex.test.            \t300\tIN\tSOA\tns1.ex.test. hostmaster.ex.test. 5 3600 600 86400 300
      xfr-key.            \t0\tANY\tTSIG\thmac-sha256. 1795264146 300 32 3dUBAv6dAgyEbLuCWE1/zd3f7+hjF98AbUJnaI9pG5M= 14007 NOERROR 0
      ;; Received 401 B (1 messages, 6 records)
      """;

  @Test
  void recordsInOrderWithoutTsig() {
    List<Record> records = XfrText.records(KDIG);
    assertThat(records).extracting(Record::getType)
        .containsExactly(Type.SOA, Type.SOA, Type.A, Type.SOA, Type.TXT, Type.SOA);
    assertThat(records.get(4).rdataToString()).isEqualTo("\"a ; not a comment\"");
  }

  @Test
  void tsigLinesAreKeptApart() {
    assertThat(XfrText.tsigLines(KDIG)).singleElement().asString().contains(" NOERROR ");
    assertThat(XfrText.records(";; Transfer failed.\n")).isEmpty();
  }
}
