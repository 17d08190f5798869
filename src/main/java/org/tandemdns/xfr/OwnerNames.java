package org.tandemdns.xfr;

import org.tandemdns.zone.NameWire;
import org.xbill.DNS.DNSOutput;
import org.xbill.DNS.Name;

/**
 * Writes the owner names of a zone's nodes into a transfer message, compressed (RFC 1035 §4.1.4)
 * without a compression table: the labels a name does not share with the owner written before it,
 * or with the message's first owner, are written, then a pointer to where the shared suffix already
 * is. Suffix offsets are inherited from name to name, so a suffix written once near the start of a
 * message stays reachable after the 16 KiB a pointer can address. Labels are compared byte for byte,
 * as BIND compresses transfers: a pointer never changes the letter case of the name it completes.
 */
final class OwnerNames {
  private static final int MAX_POINTER = 0x3FFF;

  /** A name written in this message: its wire form, where its labels start, where each suffix is. */
  private static final class Written {
    byte[] wire;
    int labels; // the root label included
    final int[] starts = new int[128];
    final int[] offsets = new int[128]; // message offset of the suffix starting at label i, or -1

    boolean usable() {
      return wire != null;
    }

    /** How many labels, the root not counted, end both this name and {@code other}. */
    int shared(Written other) {
      int n = 0;
      for (int i = labels - 2, j = other.labels - 2; i >= 0 && j >= 0 && sameLabel(wire, starts[i], other.wire, other.starts[j]); i--, j--) {
        n++;
      }
      return n;
    }

    /** The message offset of this name's suffix of {@code count} labels (root not counted), or -1. */
    int suffixOffset(int count) {
      int offset = offsets[labels - 1 - count];
      return offset <= MAX_POINTER ? offset : -1;
    }
  }

  private Written previous = new Written();
  private Written current = new Written();
  private final Written first = new Written();

  /** A new message: nothing written before can be pointed to. */
  void newMessage() {
    previous.wire = null;
    first.wire = null;
  }

  /** Writes {@code name} (absolute) at the end of {@code out}. */
  void write(DNSOutput out, Name name) {
    Written w = current;
    w.wire = NameWire.of(name);
    w.labels = name.labels();
    for (int i = 0, p = 0; i < w.labels; i++) {
      w.starts[i] = p;
      p += w.wire[p] + 1;
    }
    Written from = null; // the name whose suffix the pointer reuses
    int count = 0; // labels of that suffix, the root not counted
    int pointer = -1;
    for (int k = 0; k < 2; k++) {
      Written candidate = k == 0 ? previous : first;
      if (!candidate.usable()) {
        continue;
      }
      for (int c = w.shared(candidate); c > count; c--) {
        int offset = candidate.suffixOffset(c);
        if (offset >= 0) {
          from = candidate;
          count = c;
          pointer = offset;
          break;
        }
      }
    }
    int literal = w.labels - 1 - count;
    for (int i = 0; i < literal; i++) {
      w.offsets[i] = out.current();
      out.writeByteArray(w.wire, w.starts[i], w.wire[w.starts[i]] + 1);
    }
    if (from != null) {
      for (int i = literal; i < w.labels - 1; i++) {
        w.offsets[i] = from.offsets[from.labels - w.labels + i];
      }
      out.writeU16(0xC000 | pointer);
    } else {
      out.writeU8(0);
    }
    w.offsets[w.labels - 1] = -1;
    if (!first.usable()) {
      copy(w, first);
    }
    current = previous;
    previous = w;
  }

  private static void copy(Written from, Written to) {
    to.wire = from.wire;
    to.labels = from.labels;
    System.arraycopy(from.starts, 0, to.starts, 0, from.labels);
    System.arraycopy(from.offsets, 0, to.offsets, 0, from.labels);
  }

  private static boolean sameLabel(byte[] a, int p, byte[] b, int q) {
    int length = a[p];
    if (b[q] != length) {
      return false;
    }
    for (int k = 1; k <= length; k++) {
      if (a[p + k] != b[q + k]) {
        return false;
      }
    }
    return true;
  }
}
