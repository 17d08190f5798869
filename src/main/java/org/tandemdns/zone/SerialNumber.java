package org.tandemdns.zone;

/** SOA serial arithmetic (RFC 1982 §3, with SERIAL_BITS = 32). */
public final class SerialNumber {
  private static final long MODULUS = 1L << 32;
  private static final long HALF = 1L << 31;

  private SerialNumber() {}

  /**
   * Compares two serials: negative if {@code a} precedes {@code b}, positive if it follows, zero if
   * equal. Serials exactly 2^31 apart are undefined by RFC 1982 §3.2: for them this returns
   * {@link Integer#MIN_VALUE}, so that {@link #isNewer} is false in both directions.
   */
  public static int compare(long a, long b) {
    check(a);
    check(b);
    if (a == b) {
      return 0;
    }
    long diff = (b - a + MODULUS) % MODULUS;
    if (diff == HALF) {
      return Integer.MIN_VALUE;
    }
    return diff < HALF ? -1 : 1;
  }

  /** True when {@code candidate} is newer than {@code current} (RFC 1982 §3.2). */
  public static boolean isNewer(long candidate, long current) {
    int c = compare(candidate, current);
    return c > 0;
  }

  /** The serial {@code n} steps after {@code serial}, 0 < n < 2^31 (RFC 1982 §3.1). */
  public static long add(long serial, long n) {
    check(serial);
    if (n < 0 || n >= HALF) {
      throw new IllegalArgumentException("serial increment out of range: " + n);
    }
    return (serial + n) % MODULUS;
  }

  /** How far {@code newer} is ahead of {@code older}, modulo 2^32 (0 when equal). */
  public static long distance(long older, long newer) {
    check(older);
    check(newer);
    return (newer - older + MODULUS) % MODULUS;
  }

  private static void check(long s) {
    if (s < 0 || s >= MODULUS) {
      throw new IllegalArgumentException("not a 32-bit serial: " + s);
    }
  }
}
