package org.tandemdns.monitor.check;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.tandemdns.dnsclient.ServerAddress;

/**
 * Nameservers written on a command line or in a config: {@code NAME=ADDR[,ADDR...]}, e.g.
 * {@code ns1=127.0.0.1:5301,[::1]:5301}; {@code NAME} alone, resolved with the system resolver
 * and given {@code defaultPort}; or {@code ADDR} alone, named after itself.
 */
public final class NameserverSpec {
  private NameserverSpec() {}

  /**
   * The addresses {@code spec} stands for, one {@link Nameserver} each.
   *
   * @throws IllegalArgumentException with an operator-readable message
   */
  public static List<Nameserver> parse(String spec, int defaultPort) {
    String s = spec.strip();
    int eq = s.indexOf('=');
    List<Nameserver> out = new ArrayList<>();
    if (eq > 0) {
      String name = s.substring(0, eq).strip();
      String list = s.substring(eq + 1);
      if (list.isBlank()) {
        throw new IllegalArgumentException("'" + spec + "': no address after '='");
      }
      for (String a : list.split(",")) {
        out.add(new Nameserver(name, ServerAddress.parse(a, defaultPort)));
      }
      return out;
    }
    if (eq == 0 || s.isEmpty()) {
      throw new IllegalArgumentException("'" + spec + "': expected NAME=ADDR[,ADDR...], NAME or ADDR");
    }
    try {
      ServerAddress a = ServerAddress.parse(s, defaultPort);
      return List.of(new Nameserver(a.toString(), a));
    } catch (IllegalArgumentException notAnAddress) {
      try {
        for (InetAddress a : InetAddress.getAllByName(s)) {
          out.add(new Nameserver(s, new ServerAddress(a, defaultPort)));
        }
        return out;
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException("'" + spec + "': cannot resolve nameserver " + s + " (give NAME=ADDR)");
      }
    }
  }
}
