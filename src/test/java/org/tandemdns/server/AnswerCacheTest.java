package org.tandemdns.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** What the answer cache serves, patches, keeps apart and refuses to cache. */
class AnswerCacheTest {
  final AtomicLong generation = new AtomicLong();
  final AnswerCache cache = new AnswerCache(64, 1 << 20, generation::get);

  static byte[] query(String name, int type, int id, OPTRecord opt) {
    Message q = Message.newQuery(Record.newRecord(Name.fromConstantString(name), type, DClass.IN));
    q.getHeader().setID(id);
    if (opt != null) {
      q.addRecord(opt, Section.ADDITIONAL);
    }
    return q.toWire();
  }

  /** A stand-in answer: the query with QR set and a marker in the last byte of the question's class. */
  static byte[] answerTo(byte[] query) {
    byte[] a = query.clone();
    a[2] |= (byte) 0x80;
    return a;
  }

  ByteBuf lookup(byte[] q, boolean udp) {
    ByteBuf buf = Unpooled.wrappedBuffer(q);
    AnswerCache.Shape s = AnswerCache.shape(buf, 0, q.length, udp);
    return s == null ? null : cache.lookup(buf, 0, s, UnpooledByteBufAllocator.DEFAULT);
  }

  void store(byte[] q, byte[] answer, boolean udp) {
    ByteBuf buf = Unpooled.wrappedBuffer(q);
    AnswerCache.Shape s = AnswerCache.shape(buf, 0, q.length, udp);
    assertThat(s).as("cacheable").isNotNull();
    cache.store(buf, 0, s, answer, generation.get());
  }

  static byte[] bytes(ByteBuf b) {
    byte[] out = new byte[b.readableBytes()];
    b.getBytes(b.readerIndex(), out);
    return out;
  }

  @Test
  void aRepeatedQuestionGetsTheStoredAnswerWithItsOwnIdAndSpelling() {
    byte[] q1 = query("www.example.test.", Type.A, 0x1111, null);
    store(q1, answerTo(q1), true);
    byte[] q2 = query("WwW.ExAmple.TEST.", Type.A, 0x2222, null);
    ByteBuf hit = lookup(q2, true);
    assertThat(hit).isNotNull();
    assertThat(bytes(hit)).isEqualTo(answerTo(q2));
  }

  @Test
  void aZoneChangeInvalidatesEveryEntry() {
    byte[] q = query("www.example.test.", Type.A, 1, null);
    store(q, answerTo(q), true);
    assertThat(lookup(q, true)).isNotNull();
    generation.incrementAndGet();
    assertThat(lookup(q, true)).isNull();
  }

  @Test
  void typeTransportEdnsDoAndSizeAreKeptApart() {
    byte[] plain = query("www.example.test.", Type.A, 1, null);
    store(plain, answerTo(plain), true);
    assertThat(lookup(query("www.example.test.", Type.AAAA, 1, null), true)).isNull();
    assertThat(lookup(plain, false)).as("TCP has no size limit").isNull();
    assertThat(lookup(query("www.example.test.", Type.A, 1, new OPTRecord(1232, 0, 0)), true)).isNull();
    byte[] edns = query("www.example.test.", Type.A, 1, new OPTRecord(1232, 0, 0));
    store(edns, answerTo(edns), true);
    assertThat(lookup(query("www.example.test.", Type.A, 7, new OPTRecord(1232, 0, 0, ExtendedFlags.DO)), true)).isNull();
    assertThat(lookup(query("www.example.test.", Type.A, 7, new OPTRecord(512, 0, 0)), true)).as("a smaller limit").isNull();
    assertThat(lookup(query("www.example.test.", Type.A, 7, new OPTRecord(4096, 0, 0)), true))
        .as("4096 and 1232 both cap at 1232").isNotNull();
  }

  @Test
  void unusualQuestionsAreNotCached() {
    byte[] axfr = query("example.test.", Type.AXFR, 1, null);
    assertThat(AnswerCache.shape(Unpooled.wrappedBuffer(axfr), 0, axfr.length, false)).isNull();
    byte[] withOption = query("example.test.", Type.A, 1,
        new OPTRecord(1232, 0, 0, 0, java.util.List.of(new org.xbill.DNS.GenericEDNSOption(9, new byte[0]))));
    assertThat(AnswerCache.shape(Unpooled.wrappedBuffer(withOption), 0, withOption.length, true)).isNull();
    byte[] v1 = query("example.test.", Type.A, 1, new OPTRecord(1232, 0, 1));
    assertThat(AnswerCache.shape(Unpooled.wrappedBuffer(v1), 0, v1.length, true)).as("EDNS version 1").isNull();
    byte[] notify = query("example.test.", Type.SOA, 1, null);
    notify[2] = (byte) (4 << 3);
    assertThat(AnswerCache.shape(Unpooled.wrappedBuffer(notify), 0, notify.length, true)).isNull();
    byte[] compressed = {0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, (byte) 0xc0, 12, 0, 1, 0, 1};
    assertThat(AnswerCache.shape(Unpooled.wrappedBuffer(compressed), 0, compressed.length, true)).isNull();
    byte[] trailing = java.util.Arrays.copyOf(query("example.test.", Type.A, 1, null), 40);
    assertThat(AnswerCache.shape(Unpooled.wrappedBuffer(trailing), 0, trailing.length, true)).isNull();
  }

  @Test
  void theByteBudgetBoundsTheCache() {
    AnswerCache small = new AnswerCache(1024, 2_000, generation::get);
    for (int i = 0; i < 100; i++) {
      byte[] q = query("host" + i + ".example.test.", Type.A, i, null);
      ByteBuf buf = Unpooled.wrappedBuffer(q);
      small.store(buf, 0, AnswerCache.shape(buf, 0, q.length, true), answerTo(q), 0);
    }
    assertThat(small.bytes()).isPositive().isLessThanOrEqualTo(2_000);
  }
}
