package org.tandemdns.ui;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Optional;
import org.tandemdns.ZoneRegistry;
import org.tandemdns.dnsclient.DnsClient;
import org.tandemdns.dnsclient.ServerAddress;
import org.tandemdns.monitor.check.CheckReport;
import org.tandemdns.monitor.check.CheckReportText;
import org.tandemdns.monitor.check.CheckRequest;
import org.tandemdns.monitor.check.CheckSettings;
import org.tandemdns.monitor.check.DiscoveryException;
import org.tandemdns.monitor.check.NameserverDiscovery;
import org.tandemdns.monitor.check.ReferenceSource;
import org.tandemdns.monitor.check.ZoneCheck;

/**
 * The console's "check now": a monitored zone is checked by the monitor (its nameservers, its
 * reference, its alerts); another one as {@code tandem check ZONE --server} this server would,
 * its nameservers found in the NS set this server serves and asked on port 53. The report is the
 * text {@code tandem check} prints.
 */
final class ZoneCheckRun {
  private ZoneCheckRun() {}

  static String run(ConsoleServices s, ZoneRegistry.Entry zone) {
    String name = zone.config().name().toString();
    Optional<CheckReport> monitored = s.monitor().flatMap(m -> m.checkNow(name));
    CheckReport report;
    if (monitored.isPresent()) {
      report = monitored.get();
    } else {
      InetSocketAddress self = s.dnsAddress().get();
      CheckSettings settings = CheckSettings.defaults();
      try {
        var targets = new NameserverDiscovery(new DnsClient(), settings.query())
            .discover(zone.config().name(), new ServerAddress(self.getAddress(), self.getPort()), 53);
        report = ZoneCheck.create(Clock.systemUTC()).run(new CheckRequest(zone.config().name(), targets,
            new ReferenceSource.Majority(), Optional.empty(), Optional.empty(), settings));
      } catch (DiscoveryException | IllegalArgumentException e) {
        return "The zone's nameservers could not be found from this server's NS set: " + e.getMessage()
            + "\nAdd the zone to the monitor (monitor.zones) with its nameservers to check it here.";
      }
    }
    StringWriter out = new StringWriter();
    CheckReportText.render(report, new PrintWriter(out));
    return out.toString();
  }
}
