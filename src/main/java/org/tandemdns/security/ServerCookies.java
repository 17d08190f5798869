package org.tandemdns.security;

import java.net.InetAddress;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import org.xbill.DNS.CookieOption;

/**
 * DNS Cookies (RFC 7873) with interoperable server cookies (RFC 9018): a server cookie is
 * Version 1, three reserved zero bytes, a 32-bit timestamp and SipHash-2-4(client cookie | version |
 * reserved | timestamp | client address) under the server secret; servers that share the secret
 * (an anycast set) accept each other's cookies. A returning client proves it can receive at its
 * source address, which is what lets rate limiting spare it.
 */
public final class ServerCookies {
  /** How long a server cookie is accepted (RFC 9018 §4.3: one hour) and how far ahead (five minutes). */
  static final long MAX_AGE = 3600;
  static final long MAX_AHEAD = 300;
  /** A server cookie older than this is replaced by a fresh one in the answer (RFC 9018 §4.3). */
  static final long REFRESH_AFTER = 1800;

  /** What a request's COOKIE option shows. */
  public enum Verdict {
    /** A client cookie alone (a first contact, or a client that does not keep server cookies). */
    CLIENT_ONLY,
    /** The server cookie is one this server (or one with the same secret) made for this client, and current. */
    VALID,
    /** A server cookie that does not verify: stale, another server's, or a forgery. */
    INVALID
  }

  private final byte[] secret;
  private final Clock clock;

  public ServerCookies(byte[] secret, Clock clock) {
    if (secret.length != 16) {
      throw new IllegalArgumentException("a server cookie secret is 16 bytes (32 hex digits)");
    }
    this.secret = secret.clone();
    this.clock = clock;
  }

  /** With a random secret, made at start: cookies then last until a restart. */
  public static ServerCookies random(Clock clock) {
    byte[] s = new byte[16];
    new SecureRandom().nextBytes(s);
    return new ServerCookies(s, clock);
  }

  /** Judges the cookie {@code request} carries from {@code client}. */
  public Verdict judge(CookieOption request, InetAddress client) {
    byte[] server = request.getServerCookie().orElse(null);
    if (server == null) {
      return Verdict.CLIENT_ONLY;
    }
    if (server.length != 16 || server[0] != 1) {
      return Verdict.INVALID;
    }
    long stamp = stamp(server);
    long age = age(stamp, clock.instant().getEpochSecond());
    if (age > MAX_AGE || age < -MAX_AHEAD) {
      return Verdict.INVALID;
    }
    byte[] expected = make(request.getClientCookie(), client, stamp);
    return MessageDigest.isEqual(expected, server) ? Verdict.VALID : Verdict.INVALID;
  }

  /**
   * The COOKIE option of the answer: the client cookie echoed with a server cookie, the request's
   * own when it is valid and recent, else a fresh one (RFC 7873 §5.2, RFC 9018 §4.3).
   */
  public CookieOption answer(CookieOption request, InetAddress client) {
    byte[] server = request.getServerCookie().orElse(null);
    long now = clock.instant().getEpochSecond();
    if (server != null && age(stamp(server), now) <= REFRESH_AFTER && judge(request, client) == Verdict.VALID) {
      return new CookieOption(request.getClientCookie(), server);
    }
    return new CookieOption(request.getClientCookie(), make(request.getClientCookie(), client, now & 0xffffffffL));
  }

  /** The timestamp of a version 1 server cookie (RFC 9018 §4.2): its bytes 4 to 7. */
  private static long stamp(byte[] server) {
    return server.length < 8 ? 0
        : (server[4] & 0xffL) << 24 | (server[5] & 0xffL) << 16 | (server[6] & 0xffL) << 8 | (server[7] & 0xffL);
  }

  /** Seconds from {@code stamp} to {@code now}, as a 32-bit serial-number distance (RFC 1982). */
  private static long age(long stamp, long now) {
    return (now - stamp) << 32 >> 32;
  }

  private byte[] make(byte[] clientCookie, InetAddress client, long stamp) {
    byte[] ip = client.getAddress();
    byte[] in = new byte[clientCookie.length + 8 + ip.length];
    System.arraycopy(clientCookie, 0, in, 0, clientCookie.length);
    int at = clientCookie.length;
    in[at] = 1; // version; then three reserved zero bytes
    in[at + 4] = (byte) (stamp >>> 24);
    in[at + 5] = (byte) (stamp >>> 16);
    in[at + 6] = (byte) (stamp >>> 8);
    in[at + 7] = (byte) stamp;
    System.arraycopy(ip, 0, in, at + 8, ip.length);
    byte[] hash = SipHash24.hash(secret, in);
    byte[] cookie = new byte[16];
    System.arraycopy(in, at, cookie, 0, 8);
    System.arraycopy(hash, 0, cookie, 8, 8);
    return cookie;
  }
}
