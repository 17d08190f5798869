package org.tandemdns.zone;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.xbill.DNS.Name;

/**
 * The uncompressed wire form of a dnsjava {@link Name} (RFC 1035 §3.1) without copying it, for
 * loops that write every owner of a zone (AXFR): {@code Name.toWire()} builds a suffix name per
 * label and copies the octets, about half a microsecond per name, most of an AXFR's time. A Name
 * is immutable and keeps its wire form in one array; this reads that array when it holds exactly
 * the name (its length is the name's), else, or when the field is not there in another dnsjava
 * version, falls back to {@code toWire()}. The array returned is read-only: never write to it.
 */
public final class NameWire {
  private static final VarHandle OCTETS = octets();

  private NameWire() {}

  /** The name's wire form, uncompressed: shared with the name, not to be changed. */
  public static byte[] of(Name name) {
    if (OCTETS != null) {
      byte[] octets = (byte[]) OCTETS.get(name);
      if (octets != null && octets.length == name.length()) {
        return octets;
      }
    }
    return name.toWire();
  }

  private static VarHandle octets() {
    try {
      VarHandle h = MethodHandles.privateLookupIn(Name.class, MethodHandles.lookup()).findVarHandle(Name.class, "name", byte[].class);
      Name probe = Name.fromConstantString("probe.example.");
      byte[] octets = (byte[]) h.get(probe);
      return java.util.Arrays.equals(octets, probe.toWire()) ? h : null;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }
}
