package org.tandemdns.server;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.function.LongSupplier;
import org.tandemdns.config.RateLimitConfig;
import org.tandemdns.security.Acl;

/**
 * Response rate limiting over UDP (after BIND's RRL and Knot's {@code rate-limit}): each client
 * network (an IPv4 /24, an IPv6 /56 by default) has a token bucket of {@code responses-per-second}
 * tokens, refilled at that rate; an answer takes one. With none left the answer is dropped, or every
 * {@code slip}-th one is sent truncated, so that a real client whose address a flood spoofs still
 * gets through over TCP, while the flood's victim receives at most the rate. Exempt networks and
 * clients that return a valid DNS Cookie (RFC 7873 §5.4: their address is proven) are not limited.
 *
 * <p>Buckets live in a fixed table indexed by a hash of the network, so memory is bounded; two
 * networks that share a slot share a bucket.
 */
final class ResponseRateLimit {
  /** What to do with one answer. */
  enum Action {
    SEND,
    /** Send a truncated answer instead (TC=1, no records). */
    SLIP,
    DROP
  }

  private static final long MILLI = 1000;
  private static final int STRIPES = 64;

  private final long rate;
  private final int slip;
  private final int v4Prefix;
  private final int v6Prefix;
  private final Acl exempt;
  private final boolean logOnly;
  private final LongSupplier nanoTime;
  private final long[] keys;
  private final long[] tokens; // in thousandths of a token
  private final long[] stamps;
  private final int[] limited;
  private final Object[] locks = new Object[STRIPES];

  ResponseRateLimit(RateLimitConfig config, LongSupplier nanoTime) {
    this.rate = config.responsesPerSecond();
    this.slip = config.slip();
    this.v4Prefix = config.ipv4Prefix();
    this.v6Prefix = config.ipv6Prefix();
    this.exempt = Acl.parse(config.exempt());
    this.logOnly = config.logOnly();
    this.nanoTime = nanoTime;
    int size = Integer.highestOneBit(config.tableSize());
    keys = new long[size];
    tokens = new long[size];
    stamps = new long[size];
    limited = new int[size];
    java.util.Arrays.fill(keys, -1);
    for (int i = 0; i < STRIPES; i++) {
      locks[i] = new Object();
    }
  }

  /** True when answers are sent whatever this says (log-only mode). */
  boolean logOnly() {
    return logOnly;
  }

  /** Whether to send an answer to {@code client} now. */
  Action admit(InetAddress client) {
    long key = network(client);
    int slot = (int) (mix(key) & (keys.length - 1));
    long now = nanoTime.getAsLong();
    synchronized (locks[slot & (STRIPES - 1)]) {
      if (keys[slot] != key) {
        keys[slot] = key;
        tokens[slot] = rate * MILLI;
        stamps[slot] = now;
        limited[slot] = 0;
      }
      long gained = (now - stamps[slot]) * rate / 1_000_000; // thousandths of a token per nanosecond: rate / 1e6
      if (gained > 0) {
        tokens[slot] = Math.min(rate * MILLI, tokens[slot] + gained);
        stamps[slot] = now;
      }
      if (tokens[slot] >= MILLI) {
        tokens[slot] -= MILLI;
        return Action.SEND;
      }
      limited[slot]++;
      return slip > 0 && limited[slot] % slip == 0 ? Action.SLIP : Action.DROP;
    }
  }

  /** True for clients never limited: the configured exemptions. */
  boolean exempt(InetAddress client) {
    return exempt.allows(client, null);
  }

  /**
   * The client's network as a number: the prefix bits. An IPv4 network is below 2^32; an IPv6 one
   * is its first 64 bits, above 2^32 for every routable address (only ::/32 would meet IPv4).
   */
  long network(InetAddress client) {
    byte[] a = client.getAddress();
    if (client instanceof Inet6Address) {
      long v = 0;
      for (int i = 0; i < 8; i++) {
        v = v << 8 | (a[i] & 0xffL);
      }
      return v & (-1L << (64 - v6Prefix));
    }
    long v = (a[0] & 0xffL) << 24 | (a[1] & 0xffL) << 16 | (a[2] & 0xffL) << 8 | (a[3] & 0xffL);
    return v & (0xffffffffL << (32 - v4Prefix)) & 0xffffffffL;
  }

  private static long mix(long k) {
    k ^= k >>> 33;
    k *= 0xff51afd7ed558ccdL;
    k ^= k >>> 33;
    return k;
  }

  /**
   * The truncated answer sent in place of a limited one: {@code response}'s header with TC set and
   * no records, and the question copied from {@code query} (RFC 1035 §4.1.1); null when the
   * question cannot be found (then the answer is dropped).
   */
  static byte[] truncated(byte[] response, byte[] query, int queryLength) {
    int at = 12;
    while (at < queryLength) {
      int len = query[at] & 0xff;
      if (len == 0) {
        break;
      }
      if ((len & 0xc0) != 0) {
        return null; // a compressed or odd question: not worth decoding for a slip
      }
      at += len + 1;
    }
    int end = at + 1 + 4;
    if (response.length < 12 || end > queryLength) {
      return null;
    }
    byte[] out = new byte[end];
    System.arraycopy(response, 0, out, 0, 12);
    System.arraycopy(query, 12, out, 12, end - 12);
    out[2] |= 0x02; // TC
    out[4] = 0;
    out[5] = 1; // QDCOUNT 1
    for (int i = 6; i < 12; i++) {
      out[i] = 0;
    }
    return out;
  }
}
