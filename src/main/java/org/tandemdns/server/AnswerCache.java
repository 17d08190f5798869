package org.tandemdns.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Rendered answers to recent questions, so a repeated question is answered by copying bytes (the
 * technique of PowerDNS's packet cache): the response is stored with its ID zeroed and is sent back
 * with the query's ID and the query's exact spelling of the name (RFC 1035 §4.1.1, §7.3; owner names
 * in the answer are compression pointers to the question, so they follow its case).
 *
 * <p>Only plain questions are cached: opcode QUERY, one question without compression, class IN, no
 * answer or authority records, at most an OPT of version 0 without options; no TSIG, no zone
 * transfer. The key holds everything the answer depends on besides zone data: the name (case
 * folded), type, class, RD and CD, EDNS presence, DO, the effective size limit and the transport.
 * Zone data is covered by a generation number that changes with every zone swap, so an entry from
 * before a change is never served. Four-way set associative, bounded in entries and in bytes.
 */
public final class AnswerCache {
  private static final int WAYS = 4;
  private static final int CLASSIC_UDP = 512;

  private final Entry[] slots;
  private final int mask;
  private final long maxBytes;
  private final AtomicLong bytes = new AtomicLong();
  private final LongSupplier generation;

  private static final class Entry {
    final int hash;
    final byte[] key;
    final byte[] response;
    final long generation;

    Entry(int hash, byte[] key, byte[] response, long generation) {
      this.hash = hash;
      this.key = key;
      this.response = response;
      this.generation = generation;
    }

    int size() {
      return key.length + response.length + 64;
    }
  }

  /**
   * @param slots number of entries, rounded up to a power of two; 0 disables the cache
   * @param maxBytes most bytes the entries may hold in all
   * @param generation the zone table's generation
   */
  public AnswerCache(int slots, long maxBytes, LongSupplier generation) {
    int n = slots <= 0 ? 0 : Integer.highestOneBit(Math.max(WAYS, slots - 1) << 1);
    this.slots = new Entry[n];
    this.mask = n == 0 ? 0 : n - WAYS;
    this.maxBytes = maxBytes;
    this.generation = generation;
  }

  /** The generation to store answers under; read it before computing the answer. */
  public long generation() {
    return generation.getAsLong();
  }

  /**
   * The cacheable shape of a query, or null when it must take the full path.
   *
   * @param qnameEnd offset just past the question name
   * @param qtype the question type
   */
  record Shape(int qnameEnd, int qtype, int hash, int flags, int limit, boolean udp) {}

  /** Parses {@code length} bytes of {@code q} from index {@code at}; null when not cacheable. */
  static Shape shape(ByteBuf q, int at, int length, boolean udp) {
    if (length < 17) {
      return null;
    }
    int b2 = q.getUnsignedByte(at + 2);
    int b3 = q.getUnsignedByte(at + 3);
    if ((b2 & 0xF8) != 0 || q.getUnsignedShort(at + 4) != 1 || q.getUnsignedShort(at + 6) != 0
        || q.getUnsignedShort(at + 8) != 0) {
      return null; // a response, or not QUERY, or not exactly one question and nothing else
    }
    int arcount = q.getUnsignedShort(at + 10);
    if (arcount > 1) {
      return null;
    }
    int p = at + 12;
    int end = at + length;
    int h = 0x811C9DC5;
    int nameLength = 0;
    while (true) {
      if (p >= end) {
        return null;
      }
      int len = q.getUnsignedByte(p);
      if (len > 63) {
        return null; // compression or extended label: not in a plain question
      }
      nameLength += len + 1;
      if (nameLength > 255 || p + 1 + len > end) {
        return null;
      }
      h = (h ^ len) * 0x01000193;
      for (int i = 1; i <= len; i++) {
        h = (h ^ lower(q.getByte(p + i))) * 0x01000193;
      }
      p += len + 1;
      if (len == 0) {
        break;
      }
    }
    if (p + 4 > end) {
      return null;
    }
    int qnameEnd = p;
    int qtype = q.getUnsignedShort(p);
    int qclass = q.getUnsignedShort(p + 2);
    p += 4;
    if (qclass != 1 || qtype == 251 || qtype == 252 || qtype == 41 || qtype == 250 || qtype == 249) {
      return null;
    }
    int flags = (b2 & 0x01) | ((b3 & 0x10) >> 3); // RD, CD
    int limit = udp ? CLASSIC_UDP : 65535;
    if (arcount == 1) {
      // OPT (RFC 6891 §6.1.2): root owner, type 41, CLASS = payload size, TTL = ext-rcode/version/flags, no options
      if (p + 11 != end || q.getUnsignedByte(p) != 0 || q.getUnsignedShort(p + 1) != 41 || q.getUnsignedByte(p + 6) != 0
          || q.getUnsignedShort(p + 9) != 0) {
        return null;
      }
      int payload = q.getUnsignedShort(p + 3);
      boolean dnssecOk = (q.getUnsignedByte(p + 7) & 0x80) != 0;
      flags |= 0x04 | (dnssecOk ? 0x08 : 0);
      if (udp) {
        limit = Math.max(CLASSIC_UDP, Math.min(payload, org.tandemdns.query.Responses.ADVERTISED_UDP_PAYLOAD));
      }
    } else if (p != end) {
      return null;
    }
    h = (h ^ qtype) * 0x01000193;
    h = (h ^ flags) * 0x01000193;
    h = (h ^ limit) * 0x01000193;
    h ^= h >>> 16;
    h *= 0x85EBCA6B;
    h ^= h >>> 13;
    return new Shape(qnameEnd - at, qtype, h, flags, limit, udp);
  }

  /** The cached response to {@code q} in a new buffer, or null. */
  ByteBuf lookup(ByteBuf q, int at, Shape s, ByteBufAllocator alloc) {
    if (slots.length == 0) {
      return null;
    }
    long gen = generation.getAsLong();
    int base = s.hash() & mask;
    for (int i = 0; i < WAYS; i++) {
      Entry e = slots[base + i];
      if (e != null && e.hash == s.hash() && e.generation == gen && matches(e.key, q, at, s)) {
        ByteBuf out = alloc.buffer(e.response.length);
        out.writeBytes(e.response);
        out.setShort(0, q.getUnsignedShort(at));
        out.setBytes(12, q, at + 12, s.qnameEnd() - 12);
        return out;
      }
    }
    return null;
  }

  /** Keeps {@code response} (to query {@code q}) for the next identical question. */
  void store(ByteBuf q, int at, Shape s, byte[] response, long gen) {
    if (slots.length == 0 || response.length < s.qnameEnd() + 4 || ((response[4] & 0xff) << 8 | (response[5] & 0xff)) != 1) {
      return;
    }
    byte[] key = key(q, at, s);
    byte[] stored = response.clone();
    stored[0] = 0;
    stored[1] = 0;
    Entry e = new Entry(s.hash(), key, stored, gen);
    int base = s.hash() & mask;
    int victim = base + ((s.hash() >>> 28) & (WAYS - 1));
    for (int i = 0; i < WAYS; i++) {
      Entry old = slots[base + i];
      if (old == null || old.generation != gen || (old.hash == s.hash() && java.util.Arrays.equals(old.key, key))) {
        victim = base + i;
        break;
      }
    }
    Entry old = slots[victim];
    long delta = e.size() - (old == null ? 0 : old.size());
    if (bytes.get() + delta > maxBytes) {
      return;
    }
    bytes.addAndGet(delta);
    slots[victim] = e;
  }

  /** Bytes the entries hold now (approximately). */
  long bytes() {
    return bytes.get();
  }

  private static byte[] key(ByteBuf q, int at, Shape s) {
    int nameLength = s.qnameEnd() - 12;
    byte[] key = new byte[nameLength + 7];
    for (int i = 0; i < nameLength; i++) {
      key[i] = (byte) lower(q.getByte(at + 12 + i));
    }
    key[nameLength] = (byte) (s.qtype() >> 8);
    key[nameLength + 1] = (byte) s.qtype();
    key[nameLength + 2] = (byte) s.flags();
    key[nameLength + 3] = (byte) (s.limit() >> 8);
    key[nameLength + 4] = (byte) s.limit();
    key[nameLength + 5] = (byte) (s.udp() ? 1 : 0);
    key[nameLength + 6] = 0;
    return key;
  }

  private static boolean matches(byte[] key, ByteBuf q, int at, Shape s) {
    int nameLength = s.qnameEnd() - 12;
    if (key.length != nameLength + 7) {
      return false;
    }
    for (int i = 0; i < nameLength; i++) {
      if (key[i] != (byte) lower(q.getByte(at + 12 + i))) {
        return false;
      }
    }
    return key[nameLength] == (byte) (s.qtype() >> 8) && key[nameLength + 1] == (byte) s.qtype()
        && key[nameLength + 2] == (byte) s.flags() && key[nameLength + 3] == (byte) (s.limit() >> 8)
        && key[nameLength + 4] == (byte) s.limit() && key[nameLength + 5] == (byte) (s.udp() ? 1 : 0);
  }

  private static int lower(byte b) {
    int c = b & 0xff;
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
  }
}
