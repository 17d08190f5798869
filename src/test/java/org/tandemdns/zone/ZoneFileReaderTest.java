package org.tandemdns.zone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/** RFC 1035 §5 master files, RFC 2308 §4 $TTL and RFC 3597 §5 unknown types. */
class ZoneFileReaderTest {
  static final Name ORIGIN = Name.fromConstantString("z.test.");

  record Read(Record record, SourceLocation where) {
    @Override
    public String toString() {
      return where.line() + " " + record.getName() + " " + record.getTTL() + " " + Type.string(record.getType()) + " " + record.rdataToString();
    }
  }

  static List<String> read(String text) throws Exception {
    List<Read> out = new ArrayList<>();
    ZoneFileReader.forUntrustedText().read(new StringReader(text), "z.zone", ORIGIN, (r, w) -> out.add(new Read(r, w)));
    return out.stream().map(Read::toString).toList();
  }

  @Test
  void readsDirectivesRelativeNamesAndInheritance() throws Exception {
    assertThat(read("""
        $TTL 1h
        @   IN SOA ns1 hostmaster ( 1   ; serial
                                    2h 15m 2w 5m )
            NS ns1
        www 300 A 192.0.2.1
            IN 60 AAAA 2001:db8::1
        $ORIGIN sub
        host A 192.0.2.2
        abs.example. A 192.0.2.3
        """)).containsExactly(
        "2 z.test. 3600 SOA ns1.z.test. hostmaster.z.test. 1 7200 900 1209600 300",
        "4 z.test. 3600 NS ns1.z.test.",
        "5 www.z.test. 300 A 192.0.2.1",
        "6 www.z.test. 60 AAAA 2001:db8:0:0:0:0:0:1",
        "8 host.sub.z.test. 3600 A 192.0.2.2",
        "9 abs.example. 3600 A 192.0.2.3");
  }

  @Test
  void withoutTtlDirectiveTheLastTtlIsInheritedAndSoaFallsBackToMinimum() throws Exception {
    assertThat(read("""
        @ SOA ns1 hostmaster 1 7200 900 1209600 300
        @ NS ns1
        a 42 A 192.0.2.1
        b A 192.0.2.2
        """)).containsExactly(
        "1 z.test. 300 SOA ns1.z.test. hostmaster.z.test. 1 7200 900 1209600 300",
        "2 z.test. 300 NS ns1.z.test.",
        "3 a.z.test. 42 A 192.0.2.1",
        "4 b.z.test. 42 A 192.0.2.2");
  }

  @Test
  void quotedSemicolonsAndParenthesesAreData() throws Exception {
    assertThat(read("""
        $TTL 60
        t TXT "a;b" "(c)" ; real comment
        """)).containsExactly("2 t.z.test. 60 TXT \"a;b\" \"(c)\"");
  }

  @Test
  void unknownTypesInRfc3597Form() throws Exception {
    assertThat(read("""
        $TTL 60
        u TYPE65280 \\# 4 0A000001
        a TYPE1 \\# 4 C0000201
        """)).containsExactly("2 u.z.test. 60 TYPE65280 \\# 4 0A000001", "3 a.z.test. 60 A 192.0.2.1");
  }

  @Test
  void generateExpandsRanges() throws Exception {
    assertThat(read("""
        $TTL 60
        $GENERATE 1-3 host$ A 192.0.2.$
        """)).containsExactly("2 host1.z.test. 60 A 192.0.2.1", "2 host2.z.test. 60 A 192.0.2.2", "2 host3.z.test. 60 A 192.0.2.3");
  }

  @Test
  void includeIsRelativeToTheIncludingFileAndKeepsTheParentOrigin(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("main.zone"), """
        $TTL 60
        a A 192.0.2.1
        $INCLUDE part.zone sub.z.test.
        b A 192.0.2.2
        """);
    Files.writeString(dir.resolve("part.zone"), "x A 192.0.2.9\n");
    List<String> out = new ArrayList<>();
    ZoneFileReader.forFiles().read(dir.resolve("main.zone"), ORIGIN,
        (r, w) -> out.add(Path.of(w.source()).getFileName() + ":" + w.line() + " " + r.getName() + " " + r.getTTL()));
    assertThat(out).containsExactly("main.zone:2 a.z.test. 60", "part.zone:1 x.sub.z.test. 60", "main.zone:4 b.z.test. 60");
  }

  @Test
  void includeIsRefusedForUntrustedText() {
    assertThatThrownBy(() -> read("$INCLUDE /etc/passwd\n"))
        .isInstanceOf(ZoneFileException.class).hasMessage("z.zone:1: $INCLUDE is not allowed here");
  }

  @Test
  void includeLoopsAreBounded(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("loop.zone"), "$INCLUDE loop.zone\n");
    assertThatThrownBy(() -> ZoneFileReader.forFiles().read(dir.resolve("loop.zone"), ORIGIN, (r, w) -> {}))
        .isInstanceOf(ZoneFileException.class).hasMessageContaining("nested more than 8 deep");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiterString = " => ", textBlock = """
      www 60 A 192.0.2.999                => z.zone:2: 
      www 60 BOGUS 1                      => z.zone:2: unknown record type 'BOGUS'
      www A 192.0.2.1                     => z.zone:2: no TTL for this record
      www 60 CH A 192.0.2.1               => z.zone:2: class CH is not served
      www 60 A 192.0.2.1 extra            => z.zone:2: 
      www 60 TXT ( "a"                   => z.zone:2: unbalanced parentheses
      www 60 TXT "open                    => z.zone:2: quoted string is not closed
      $BOGUS x                            => z.zone:2: unknown directive $BOGUS
      a..b 60 A 192.0.2.1                 => z.zone:2: bad name 'a..b'
      """)
  void errorsNameTheFileAndLine(String line, String expectedStart) {
    assertThatThrownBy(() -> read("; first line\n" + line + "\n"))
        .isInstanceOf(ZoneFileException.class)
        .hasMessageStartingWith(expectedStart.strip());
  }

  @Test
  void aLineStartingWithBlankSpaceNeedsAPreviousOwner() {
    assertThatThrownBy(() -> read("   60 A 192.0.2.1\n"))
        .isInstanceOf(ZoneFileException.class).hasMessageStartingWith("z.zone:1: record has no owner");
  }
}
