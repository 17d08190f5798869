package org.tandemdns.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.TreeSet;
import org.tandemdns.testing.CommandResult;
import org.tandemdns.testing.DigRunner;
import org.tandemdns.testing.Endpoint;
import org.tandemdns.testing.TsigKey;
import org.xbill.DNS.Record;

/**
 * Zone transfers made with {@code dig} and {@code kdig}, their text output checked record by record
 * against {@link ZoneVersion}s: AXFR framed by the SOA (RFC 5936 §2.2), IXFR framed and split into
 * deletions and additions (RFC 1995 §4), every message's TSIG without error.
 */
final class TransferOutput {

  private TransferOutput() {}

  /** {@code dig AXFR} signed with {@code key} lists exactly {@code expected}, SOA first and last. */
  static void assertDigAxfr(Endpoint server, TsigKey key, ZoneVersion expected) {
    String zone = expected.origin();
    CommandResult dig = DigRunner.dig(server, "-y", key.digArg(), zone, "AXFR").requireOk();
    assertThat(dig.stdout()).doesNotContain("Transfer failed").doesNotContain("Couldn't verify");
    List<String> records = XfrText.text(XfrText.records(dig.stdout()));
    assertThat(records).as("AXFR opens and closes with the SOA").startsWith(expected.soa()).endsWith(expected.soa());
    assertThat(records).hasSize(expected.records().size() + 1);
    assertThat(new TreeSet<>(records)).isEqualTo(expected.records());
    assertThat(XfrText.tsigLines(dig.stdout())).isNotEmpty().allSatisfy(t -> assertThat(t).contains(" NOERROR "));
  }

  /**
   * {@code kdig IXFR=<from's serial>} signed with {@code key} is one condensed difference: the
   * current SOA, from's SOA, exactly the records {@code from} has and {@code to} lacks, to's SOA,
   * exactly the records {@code to} has and {@code from} lacks, the current SOA.
   */
  static void assertKdigIxfr(Endpoint server, TsigKey key, ZoneVersion from, ZoneVersion to) {
    CommandResult kdig = DigRunner.kdig(server, "-y", key.digArg(), to.origin(), "IXFR=" + from.serial()).requireOk();
    List<Record> records = XfrText.records(kdig.stdout());
    IxfrResponse ixfr = IxfrResponse.parse(records);
    assertThat(records.get(0).toString()).as("first record: the current SOA").isEqualTo(to.soa());
    assertThat(records.get(1).toString()).as("second record: the client's SOA").isEqualTo(from.soa());
    assertThat(ixfr.deltas()).as("one condensed delta").hasSize(1);
    IxfrResponse.Delta delta = ixfr.deltas().get(0);
    assertThat(delta.from()).isEqualTo(from.serial());
    assertThat(delta.to()).isEqualTo(to.serial());
    assertThat(RecordSets.of(delta.deleted())).as("deleted %d->%d", from.serial(), to.serial())
        .isEqualTo(RecordSets.minus(from.recordsWithoutSoa(), to.recordsWithoutSoa()));
    assertThat(RecordSets.of(delta.added())).as("added %d->%d", from.serial(), to.serial())
        .isEqualTo(RecordSets.minus(to.recordsWithoutSoa(), from.recordsWithoutSoa()));
    assertThat(ixfr.applyTo(from.records(), records.get(0))).isEqualTo(to.records());
    assertThat(XfrText.tsigLines(kdig.stdout())).isNotEmpty().allSatisfy(t -> assertThat(t).contains(" NOERROR"));
  }

  /** {@code kdig IXFR=<current serial>} signed with {@code key} is the current SOA alone. */
  static void assertKdigIxfrUpToDate(Endpoint server, TsigKey key, ZoneVersion current) {
    CommandResult kdig = DigRunner.kdig(server, "-y", key.digArg(), current.origin(), "IXFR=" + current.serial()).requireOk();
    List<Record> records = XfrText.records(kdig.stdout());
    assertThat(IxfrResponse.parse(records).isSingleSoa()).as("IXFR from the current serial is the SOA alone").isTrue();
    assertThat(records.get(0).toString()).isEqualTo(current.soa());
  }
}
