package org.tandemdns.security;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** An IPv4 or IPv6 network in CIDR form ({@code 192.0.2.0/24}, {@code 2001:db8::/32}, or one address). */
public record AddressPrefix(byte[] network, int bits) {
  public AddressPrefix {
    if (bits < 0 || bits > network.length * 8) {
      throw new IllegalArgumentException("prefix length /" + bits + " does not fit the address");
    }
    network = mask(network.clone(), bits);
  }

  public static AddressPrefix parse(String text) {
    String s = text.trim();
    int slash = s.indexOf('/');
    String host = slash < 0 ? s : s.substring(0, slash);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    boolean literal = !host.isEmpty() && (host.indexOf(':') >= 0 || host.chars().allMatch(c -> Character.isDigit(c) || c == '.'));
    byte[] address;
    try {
      if (!literal) {
        throw new UnknownHostException();
      }
      address = InetAddress.getByName(host).getAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("'" + text + "' is not an IP address or prefix");
    }
    int bits = address.length * 8;
    if (slash >= 0) {
      try {
        bits = Integer.parseInt(s.substring(slash + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("'" + text + "': bad prefix length");
      }
    }
    return new AddressPrefix(address, bits);
  }

  public boolean contains(InetAddress address) {
    byte[] a = address.getAddress();
    if (a.length != network.length) {
      return false;
    }
    return java.util.Arrays.equals(mask(a, bits), network);
  }

  private static byte[] mask(byte[] a, int bits) {
    for (int i = 0; i < a.length; i++) {
      int keep = Math.max(0, Math.min(8, bits - i * 8));
      a[i] &= (byte) (0xff00 >> keep);
    }
    return a;
  }

  @Override
  public String toString() {
    try {
      return InetAddress.getByAddress(network).getHostAddress() + "/" + bits;
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AddressPrefix p && p.bits == bits && java.util.Arrays.equals(p.network, network);
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(network) * 31 + bits;
  }
}
