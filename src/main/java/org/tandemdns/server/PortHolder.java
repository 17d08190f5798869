package org.tandemdns.server;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who holds a local port, as Linux's {@code /proc} tells (what {@code ss -p} reads): the sockets
 * bound to the port in {@code /proc/net/udp[6]} or listening in {@code /proc/net/tcp[6]}, then the
 * processes whose file descriptors are those sockets. Empty where {@code /proc} does not tell
 * (another OS, or another user's processes without the rights to see them).
 */
public final class PortHolder {
  private static final Path PROC = Path.of("/proc");
  private static final String TCP_LISTEN = "0A";

  private PortHolder() {}

  /** "named (pid 1234)", or several such, or empty. */
  static Optional<String> of(InetSocketAddress address, boolean udp) {
    try {
      Set<String> inodes = new HashSet<>();
      for (String table : udp ? List.of("udp", "udp6") : List.of("tcp", "tcp6")) {
        Path file = PROC.resolve("net").resolve(table);
        if (Files.isReadable(file)) {
          inodes.addAll(socketsOn(Files.readAllLines(file), address, udp));
        }
      }
      if (inodes.isEmpty()) {
        return Optional.empty();
      }
      List<String> holders = processesWith(inodes);
      return holders.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", holders));
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // only a better message is lost
    }
  }

  /** The inodes of the sockets in one {@code /proc/net} table bound to {@code address} (or to the wildcard) and its port. */
  static Set<String> socketsOn(List<String> table, InetSocketAddress address, boolean udp) {
    Set<String> out = new HashSet<>();
    for (int i = 1; i < table.size(); i++) {
      String[] f = table.get(i).trim().split("\\s+");
      if (f.length < 10) {
        continue;
      }
      int colon = f[1].indexOf(':');
      if (colon < 0 || Integer.parseInt(f[1].substring(colon + 1), 16) != address.getPort() || (!udp && !f[3].equals(TCP_LISTEN))) {
        continue;
      }
      InetAddress local = decode(f[1].substring(0, colon));
      if (local != null && (local.isAnyLocalAddress() || address.getAddress().isAnyLocalAddress() || same(local, address.getAddress()))) {
        out.add(f[9]);
      }
    }
    return out;
  }

  private static boolean same(InetAddress a, InetAddress b) {
    return a.equals(b) || (a instanceof java.net.Inet6Address six && mapped(six) != null && mapped(six).equals(b));
  }

  /** The IPv4 address inside an IPv4-mapped IPv6 one ({@code ::ffff:a.b.c.d}), or null. */
  private static InetAddress mapped(java.net.Inet6Address a) {
    byte[] b = a.getAddress();
    for (int i = 0; i < 10; i++) {
      if (b[i] != 0) {
        return null;
      }
    }
    if (b[10] != (byte) 0xff || b[11] != (byte) 0xff) {
      return null;
    }
    try {
      return Inet4Address.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
    } catch (java.net.UnknownHostException e) {
      return null;
    }
  }

  /** {@code /proc/net} writes addresses as 32-bit words in host order (little-endian here). */
  static InetAddress decode(String hex) {
    if (hex.length() != 8 && hex.length() != 32) {
      return null;
    }
    byte[] bytes = new byte[hex.length() / 2];
    for (int word = 0; word < bytes.length / 4; word++) {
      for (int k = 0; k < 4; k++) {
        int at = word * 8 + (3 - k) * 2;
        bytes[word * 4 + k] = (byte) Integer.parseInt(hex.substring(at, at + 2), 16);
      }
    }
    try {
      return InetAddress.getByAddress(bytes);
    } catch (java.net.UnknownHostException e) {
      return null;
    }
  }

  private static List<String> processesWith(Set<String> inodes) throws IOException {
    Set<String> links = new HashSet<>();
    inodes.forEach(i -> links.add("socket:[" + i + "]"));
    List<String> out = new ArrayList<>();
    try (DirectoryStream<Path> procs = Files.newDirectoryStream(PROC, p -> p.getFileName().toString().chars().allMatch(Character::isDigit))) {
      for (Path proc : procs) {
        if (holds(proc.resolve("fd"), links)) {
          String comm = Files.readString(proc.resolve("comm")).strip();
          out.add(comm + " (pid " + proc.getFileName() + ")");
        }
      }
    }
    out.sort(String.CASE_INSENSITIVE_ORDER);
    return out;
  }

  private static boolean holds(Path fds, Set<String> links) {
    try (DirectoryStream<Path> fd = Files.newDirectoryStream(fds)) {
      for (Path f : fd) {
        try {
          if (links.contains(Files.readSymbolicLink(f).toString())) {
            return true;
          }
        } catch (IOException e) {
          // closed meanwhile
        }
      }
    } catch (IOException | SecurityException e) {
      // a process we may not look into, or gone
    }
    return false;
  }

  /** "by named (pid 1234)", or a guess when {@code /proc} does not tell. */
  public static String by(InetSocketAddress address, boolean udp) {
    return of(address, udp).map(h -> "by " + h).orElse("by another process (another DNS server?)");
  }
}
