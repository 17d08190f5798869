package org.tandemdns.zone;

import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.Address;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * A fast path for the RDATA most of a big zone is made of — A, AAAA, NS, CNAME, PTR, MX, SRV written
 * plainly, TXT as quoted strings of printable ASCII — built directly instead of through dnsjava's tokenizer. Anything
 * else (escapes, quotes, comments left in, RFC 3597 form, other types) returns null and is parsed
 * by dnsjava, so the result is always the same record dnsjava would make.
 */
final class SimpleRdata {
  private SimpleRdata() {}

  /** The record, or null to fall back; {@code rest} is the RDATA text (already without comments). */
  static Record parse(Name owner, int type, long ttl, String rest, Name origin) {
    String text = rest.strip();
    if (text.isEmpty() || text.indexOf('\\') >= 0 || text.indexOf('(') >= 0) {
      return null;
    }
    if (type == Type.TXT) {
      List<String> strings = quotedStrings(text);
      return strings == null ? null : new TXTRecord(owner, DClass.IN, ttl, strings);
    }
    if (text.indexOf('"') >= 0) {
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
        case Type.SRV -> {
          String[] f = text.split("[ \t]+");
          if (f.length != 4) {
            return null;
          }
          int priority = Integer.parseInt(f[0]);
          int weight = Integer.parseInt(f[1]);
          int port = Integer.parseInt(f[2]);
          if ((priority | weight | port) < 0 || priority > 0xFFFF || weight > 0xFFFF || port > 0xFFFF) {
            return null;
          }
          return new SRVRecord(owner, DClass.IN, ttl, priority, weight, port, Name.fromString(f[3], origin));
        }
        default -> {
          return null;
        }
      }
    } catch (TextParseException | NumberFormatException e) {
      return null; // let dnsjava parse it and report the error in its own words
    }
  }

  /**
   * The character-strings of a TXT RDATA written as one or more quoted strings of printable ASCII
   * (no escapes: the caller saw no backslash), each at most 255 characters (RFC 1035 §3.3); null for
   * anything else, unquoted words included.
   */
  private static List<String> quotedStrings(String text) {
    List<String> out = new ArrayList<>(1);
    int i = 0;
    int n = text.length();
    while (i < n) {
      if (text.charAt(i) != '"') {
        return null;
      }
      int end = text.indexOf('"', i + 1);
      if (end < 0 || end - i - 1 > 255) {
        return null;
      }
      for (int k = i + 1; k < end; k++) {
        char c = text.charAt(k);
        if (c < 0x20 || c > 0x7e) {
          return null;
        }
      }
      out.add(text.substring(i + 1, end));
      i = end + 1;
      if (i < n) {
        char c = text.charAt(i);
        if (c != ' ' && c != '\t') {
          return null;
        }
        while (i < n && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
          i++;
        }
      }
    }
    return out.isEmpty() ? null : out;
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
