package org.tandemdns.sync.provider;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/** RDATA written the way the PowerDNS API accepts it (it refuses content "not in expected format"). */
class RecordTextTest {
  private static final Name ZONE = Name.fromConstantString("example.test.");

  private static Record record(String type, String rdata) throws Exception {
    return Record.fromString(Name.fromString("n", ZONE), Type.value(type), DClass.IN, 300, rdata, ZONE);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    // PowerDNS 4.7 answered "Not in expected format (parsed as '...')" with these forms
    "LOC|52 22 23 N 4 53 32 E -2m 0m 10000m 10m|52 22 23.000 N 4 53 32.000 E -2.00m 0.00m 10000.00m 10.00m",
    "LOC|42 21 54.5 S 71 6 18 W 24m 30m|42 21 54.500 S 71 6 18.000 W 24.00m 30.00m 10000.00m 10.00m",
    "AAAA|::ffff:192.0.2.1|0:0:0:0:0:ffff:c000:201",
    "AAAA|2001:db8::1|2001:db8:0:0:0:0:0:1",
    "MX|10 mail|10 mail.example.test.",
  })
  void powerDnsContent(String type, String rdata, String expected) throws Exception {
    assertThat(RecordText.writeForPowerDns(record(type, rdata))).isEqualTo(expected);
  }

  @Test
  void unknownTypesUseTheGenericForm() throws Exception {
    Record r = record("TYPE65280", "\\# 4 01020304");
    assertThat(RecordText.writeForPowerDns(r)).isEqualTo("\\# 4 01020304");
    assertThat(RecordTypes.powerDns(65280)).isTrue();
    assertThat(RecordTypes.powerDns(Type.RT)).isFalse();
    assertThat(RecordTypes.anyDataType(Type.RT)).isTrue();
    assertThat(RecordTypes.anyDataType(Type.SOA)).isFalse();
    assertThat(RecordTypes.anyDataType(Type.RRSIG)).isFalse();
  }

  @Test
  void parsedTextKeepsItsMeaning() throws Exception {
    Record r = RecordText.parse(ZONE, "txt.example.test.", Type.TXT, 60, "\"a\\\"b\" \"c d\"", "test");
    assertThat(r.getTTL()).isEqualTo(60);
    assertThat(r.rdataToString()).isEqualTo("\"a\\\"b\" \"c d\"");
  }
}
