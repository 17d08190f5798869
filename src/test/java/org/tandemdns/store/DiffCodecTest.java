package org.tandemdns.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tandemdns.store.TestRecords.diff;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.tandemdns.zone.ZoneDiff;

/** Journal entry encoding: exact round trips; every kind of damage is a StoreException. */
class DiffCodecTest {
  static final ZoneDiff SAMPLE = diff(41, 42,
      "www 300 A 192.0.2.80\nOpaque TYPE65280 \\# 3 010203",
      "www 60 A 192.0.2.80\nAlias CNAME Target.Z.Test.\nt TXT \"a b\" \"c\"\ne TYPE65281 \\# 0");

  @Test
  void roundTripIsExactIncludingCaseTtlAndUnknownTypes() throws Exception {
    ZoneDiff back = DiffCodec.decode(DiffCodec.encode(SAMPLE));

    assertThat(TestRecords.text(back)).isEqualTo(TestRecords.text(SAMPLE));
    assertThat(back.fromSerial()).isEqualTo(41);
    assertThat(back.toSerial()).isEqualTo(42);
  }

  @Test
  void aDiffWithEmptyListsRoundTrips() throws Exception {
    ZoneDiff soaOnly = diff(1, 2, "", "");

    assertThat(TestRecords.text(DiffCodec.decode(DiffCodec.encode(soaOnly)))).isEqualTo(TestRecords.text(soaOnly));
  }

  @Test
  void theFirstByteIsTheFormatVersion() {
    byte[] blob = DiffCodec.encode(SAMPLE);
    assertThat(blob[0]).isEqualTo((byte) 1);

    blob[0] = 9;
    assertThatThrownBy(() -> DiffCodec.decode(blob))
        .isInstanceOf(StoreException.class)
        .hasMessage("corrupt journal entry: unknown format version 9 (this Tandem reads version 1)");
  }

  @Test
  void everyTruncationIsReported() {
    byte[] blob = DiffCodec.encode(SAMPLE);
    for (int length = 0; length < blob.length; length++) {
      byte[] cut = Arrays.copyOf(blob, length);
      assertThatThrownBy(() -> DiffCodec.decode(cut)).as("first %d bytes", length)
          .isInstanceOf(StoreException.class).hasMessageStartingWith("corrupt journal entry: ");
    }
    assertThatThrownBy(() -> DiffCodec.decode(null)).isInstanceOf(StoreException.class);
  }

  @Test
  void everyFlippedBitIsCaughtByTheChecksum() {
    byte[] blob = DiffCodec.encode(SAMPLE);
    for (int i = 1; i < blob.length; i++) {
      for (int bit = 0; bit < 8; bit++) {
        byte[] damaged = blob.clone();
        damaged[i] ^= (byte) (1 << bit);
        assertThatThrownBy(() -> DiffCodec.decode(damaged)).as("byte %d bit %d", i, bit)
            .isInstanceOf(StoreException.class).hasMessageStartingWith("corrupt journal entry: ");
      }
    }
  }

  @Test
  void garbageWithAValidChecksumIsReportedNotThrownAsARuntimeException() {
    Random random = new Random(1995);
    for (int n = 0; n < 2000; n++) {
      byte[] body = new byte[1 + random.nextInt(200)];
      random.nextBytes(body);
      body[0] = DiffCodec.VERSION;
      if (n % 2 == 0 && body.length > 9) {
        // plausible first record length, so parsing reaches dnsjava's record decoder
        ByteBuffer.wrap(body, 1, 4).putInt(Math.min(body.length - 5, 11 + random.nextInt(40)));
      }
      byte[] blob = withCrc(body);
      assertThatThrownBy(() -> DiffCodec.decode(blob)).as("blob %d", n)
          .isInstanceOf(StoreException.class).hasMessageStartingWith("corrupt journal entry: ");
    }
  }

  @Test
  void hugeCountsAreRefusedBeforeAnythingIsAllocated() {
    byte[] valid = DiffCodec.encode(diff(1, 2, "", ""));
    // Replace the deleted-records count (just before the added count and the CRC) with 2^31-1.
    byte[] body = Arrays.copyOf(valid, valid.length - 4);
    ByteBuffer.wrap(body, body.length - 8, 4).putInt(Integer.MAX_VALUE);

    assertThatThrownBy(() -> DiffCodec.decode(withCrc(body)))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("record count of 2147483647 exceeds the bytes left");
  }

  @Test
  void soaPositionsMustHoldSoaRecords() {
    byte[] a = TestRecords.one("www A 192.0.2.1").toWire(org.xbill.DNS.Section.ANSWER);
    ByteBuffer body = ByteBuffer.allocate(1 + 4 + a.length + 4 + a.length + 8);
    body.put(DiffCodec.VERSION).putInt(a.length).put(a).putInt(a.length).put(a).putInt(0).putInt(0);

    assertThatThrownBy(() -> DiffCodec.decode(withCrc(body.array())))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("expected an SOA record");
  }

  private static byte[] withCrc(byte[] body) {
    CRC32 crc = new CRC32();
    crc.update(body);
    return ByteBuffer.allocate(body.length + 4).put(body).putInt((int) crc.getValue()).array();
  }

  @Test
  void listsKeepTheirOrder() throws Exception {
    ZoneDiff d = diff(1, 2, "", "c A 192.0.2.3\na A 192.0.2.1\nb A 192.0.2.2");

    assertThat(DiffCodec.decode(DiffCodec.encode(d)).added()).extracting(r -> r.getName().toString())
        .containsExactlyElementsOf(List.of("c.z.test.", "a.z.test.", "b.z.test."));
  }
}
