package org.tandemdns.zone;

import org.xbill.DNS.Address;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * A fast path for the RDATA most of a big zone is made of — A, AAAA, NS, CNAME, PTR, MX written
 * plainly as one or two tokens — built directly instead of through dnsjava's tokenizer. Anything
 * else (escapes, quotes, comments left in, RFC 3597 form, other types) returns null and is parsed
 * by dnsjava, so the result is always the same record dnsjava would make.
 */
final class SimpleRdata {
  private SimpleRdata() {}

  /** The record, or null to fall back; {@code rest} is the RDATA text (already without comments). */
  static Record parse(Name owner, int type, long ttl, String rest, Name origin) {
    String text = rest.strip();
    if (text.isEmpty() || text.indexOf('\\') >= 0 || text.indexOf('"') >= 0 || text.indexOf('(') >= 0) {
      return null;
    }
    try {
      switch (type) {
        case Type.A, Type.AAAA -> {
          // from the raw bytes, as dnsjava does: Java would turn an IPv4-mapped IPv6 address into IPv4
          byte[] b = single(text) ? Address.toByteArray(text, type == Type.A ? Address.IPv4 : Address.IPv6) : null;
          return b == null ? null : Record.newRecord(owner, type, DClass.IN, ttl, b);
        }
        case Type.NS -> {
          return single(text) ? new NSRecord(owner, DClass.IN, ttl, Name.fromString(text, origin)) : null;
        }
        case Type.CNAME -> {
          return single(text) ? new CNAMERecord(owner, DClass.IN, ttl, Name.fromString(text, origin)) : null;
        }
        case Type.PTR -> {
          return single(text) ? new PTRRecord(owner, DClass.IN, ttl, Name.fromString(text, origin)) : null;
        }
        case Type.MX -> {
          int space = firstSpace(text);
          if (space < 0) {
            return null;
          }
          String target = text.substring(space).strip();
          int priority = Integer.parseInt(text.substring(0, space));
          if (!single(target) || priority < 0 || priority > 0xFFFF) {
            return null;
          }
          return new MXRecord(owner, DClass.IN, ttl, priority, Name.fromString(target, origin));
        }
        default -> {
          return null;
        }
      }
    } catch (TextParseException | NumberFormatException e) {
      return null; // let dnsjava parse it and report the error in its own words
    }
  }

  private static boolean single(String token) {
    return firstSpace(token) < 0;
  }

  private static int firstSpace(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == ' ' || c == '\t') {
        return i;
      }
    }
    return -1;
  }
}
