package org.tandemdns.store;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.tandemdns.zone.ZoneBuilder;
import org.tandemdns.zone.ZoneSnapshot;
import org.tandemdns.zone.ZoneValidationException;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.TXTRecord;

/** Generates large zones for size and speed checks: a mix of A, AAAA, MX and TXT, two records per name. */
final class BigZones {
  private BigZones() {}

  static ZoneSnapshot generate(Name origin, int records, long serial) {
    ZoneBuilder b = new ZoneBuilder(origin, "generated");
    Name ns = name("ns1", origin);
    Name admin = name("hostmaster", origin);
    b.add(new SOARecord(origin, DClass.IN, 3600, ns, admin, serial, 7200, 900, 1209600, 300), null);
    b.add(new NSRecord(origin, DClass.IN, 3600, ns), null);
    for (int i = 0; i < records - 2; i++) {
      Name owner = name("h" + (i / 2), origin);
      b.add(switch (i % 8) {
        case 0, 2, 4 -> new ARecord(owner, DClass.IN, 300, address(4, i));
        case 1, 5 -> new AAAARecord(owner, DClass.IN, 300, address(16, i));
        case 3 -> new MXRecord(owner, DClass.IN, 300, 10, name("mx" + (i % 97), origin));
        default -> new TXTRecord(owner, DClass.IN, 300, "v=spf1 include:_spf" + i + ".example.net ~all");
      }, null);
    }
    try {
      return b.build();
    } catch (ZoneValidationException e) {
      throw new IllegalStateException(e);
    }
  }

  static Name name(String label, Name origin) {
    return Name.fromConstantString(label + "." + origin);
  }

  private static InetAddress address(int length, int i) {
    byte[] a = new byte[length];
    a[0] = 10;
    a[length - 3] = (byte) (i >>> 16);
    a[length - 2] = (byte) (i >>> 8);
    a[length - 1] = (byte) i;
    try {
      return InetAddress.getByAddress(a);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }
}
