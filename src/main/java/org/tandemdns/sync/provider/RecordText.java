package org.tandemdns.sync.provider;

import java.io.IOException;
import java.util.Locale;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.LOCRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * RDATA in presentation format (RFC 1035 §5.1, RFC 3597 §5 for types without a mnemonic), as the
 * HTTP APIs of Tandem and PowerDNS carry it: parsed into records, and written with every name
 * absolute.
 */
final class RecordText {
  private RecordText() {}

  /** The type number of a mnemonic or {@code TYPEnnn}; -1 when unknown. */
  static int type(String mnemonic) {
    return mnemonic == null ? -1 : Type.value(mnemonic);
  }

  /**
   * The record {@code name}/{@code type} with RDATA {@code text}.
   *
   * @throws ProviderException naming the record and what is wrong
   */
  static Record parse(Name zone, String name, int type, long ttl, String text, String from) throws ProviderException {
    Name owner;
    try {
      owner = Name.fromString(name, zone);
    } catch (TextParseException e) {
      throw new ProviderException(from + " returned an owner name that does not parse: '" + name + "'");
    }
    try {
      return Record.fromString(owner, type, DClass.IN, ttl, text, zone);
    } catch (IOException | IllegalArgumentException e) {
      throw new ProviderException(from + " returned " + owner + " " + Type.string(type) + " '" + text
          + "', which does not parse: " + e.getMessage().replaceFirst("^<none>:\\d+: ", ""));
    }
  }

  /** The RDATA of {@code r} in presentation format, names absolute. */
  static String write(Record r) {
    return r.rdataToString();
  }

  /**
   * The RDATA of {@code r} as the PowerDNS API expects it: it re-renders what it parses and refuses
   * content that differs ("Not in expected format"), so LOC is written with its fixed decimals and an
   * IPv4-mapped IPv6 address in plain hexadecimal groups.
   */
  static String writeForPowerDns(Record r) {
    if (r instanceof LOCRecord loc) {
      return loc(loc);
    }
    if (r instanceof AAAARecord) {
      return ipv6(r.rdataToWireCanonical());
    }
    return r.rdataToString();
  }

  /** The 16 address bytes as eight hexadecimal groups (an IPv4-mapped address too, which dnsjava writes dotted). */
  private static String ipv6(byte[] b) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < 16; i += 2) {
      s.append(i == 0 ? "" : ":").append(Integer.toHexString(((b[i] & 0xff) << 8) | (b[i + 1] & 0xff)));
    }
    return s.toString();
  }

  /** RFC 1876 §3 presentation with PowerDNS's fixed precision: seconds to 3 decimals, meters to 2. */
  private static String loc(LOCRecord r) {
    return angle(r.getLatitude(), "N", "S") + " " + angle(r.getLongitude(), "E", "W") + " "
        + String.format(Locale.ROOT, "%.2fm %.2fm %.2fm %.2fm", r.getAltitude(), r.getSize(), r.getHPrecision(), r.getVPrecision());
  }

  private static String angle(double degrees, String positive, String negative) {
    String hemisphere = degrees < 0 ? negative : positive;
    long thousandths = Math.round(Math.abs(degrees) * 3_600_000);
    long d = thousandths / 3_600_000;
    long m = thousandths % 3_600_000 / 60_000;
    double s = thousandths % 60_000 / 1000.0;
    return String.format(Locale.ROOT, "%d %d %.3f %s", d, m, s, hemisphere);
  }
}
