package org.tandemdns.monitor;

import java.util.List;
import org.tandemdns.monitor.check.CheckReport;
import org.tandemdns.monitor.check.Difference;
import org.tandemdns.monitor.check.Health;
import org.tandemdns.monitor.check.NameserverReport;
import org.tandemdns.monitor.check.ReferenceReport;

/** Check reports built by hand, for tests of what the monitor does with them. */
final class Reports {
  private Reports() {}

  static NameserverReport ok(String name, long serial, long lag) {
    return new NameserverReport(name, "127.0.0.1:53", Health.OK, null, "udp+tcp", 1L, 1L, serial, lag, "axfr", "", 0, 0, 0, List.of());
  }

  static NameserverReport drifted(String name, long serial) {
    Difference d = new Difference("www.example.test.", "A", "changed", List.of("192.0.2.1"), List.of("192.0.2.9"), 300L, 300L);
    return new NameserverReport(name, "127.0.0.1:53", Health.OK, null, "udp+tcp", 1L, 1L, serial, 0L, "axfr", "", 1, 0, 0, List.of(d));
  }

  static NameserverReport unreachable(String name) {
    return new NameserverReport(name, "127.0.0.1:53", Health.UNREACHABLE, "udp: timeout", "no", null, null, null, null, "none", null, 0, 0, 0, List.of());
  }

  static NameserverReport notCompared(String name, long serial) {
    return new NameserverReport(name, "127.0.0.1:53", Health.OK, null, "udp+tcp", 1L, 1L, serial, 0L, "none", "no majority to compare with",
        0, 0, 0, List.of());
  }

  /** A check whose servers disagreed one against one (issue 15, item 5). */
  static CheckReport tie(List<String> ns, NameserverReport... servers) {
    return new CheckReport("example.test.", "2025-01-01T00:00:00Z", 5,
        new ReferenceReport("majority", "no majority", null, 0, "1 against 1, same serial, different data (ns1 | ns2)", true), 10L, ns,
        List.of(servers), null, 1, "test");
  }

  static CheckReport report(List<String> ns, NameserverReport... servers) {
    return new CheckReport("example.test.", "2025-01-01T00:00:00Z", 5,
        new ReferenceReport("majority", "ns1", 10L, 5, null), 10L, ns, List.of(servers), null, 0, "test");
  }
}
