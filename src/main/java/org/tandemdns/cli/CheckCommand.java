package org.tandemdns.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.tandemdns.config.Durations;
import org.tandemdns.monitor.check.CheckReport;
import org.tandemdns.monitor.check.CheckReportJson;
import org.tandemdns.monitor.check.CheckReportText;
import org.tandemdns.monitor.check.CheckRequest;
import org.tandemdns.monitor.check.CheckSettings;
import org.tandemdns.monitor.check.DiscoveryException;
import org.tandemdns.monitor.check.Nameserver;
import org.tandemdns.monitor.check.NameserverDiscovery;
import org.tandemdns.monitor.check.NameserverSpec;
import org.tandemdns.monitor.check.ReferenceSource;
import org.tandemdns.monitor.check.ZoneCheck;
import org.tandemdns.dnsclient.DnsClient;
import org.tandemdns.dnsclient.QueryLimits;
import org.tandemdns.dnsclient.ServerAddress;
import org.tandemdns.dnsclient.TransferLimits;
import org.tandemdns.dnsclient.TsigKeySpec;
import org.tandemdns.zone.ZoneFileException;
import org.tandemdns.zone.ZoneFileReader;
import org.tandemdns.zone.compare.CanonicalZone;
import org.xbill.DNS.Name;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TextParseException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tandem check ZONE}: is every nameserver of the zone serving the same, current data? */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Check that every nameserver of ZONE serves the same, current data.",
      "Every address of every nameserver: reachability over UDP and TCP, authority, SOA serial and lag,",
      "and content drift against a reference.",
      "Addresses: HOST:PORT or HOST (port 53); IPv6 as [::1]:5300 or bare ::1.",
      "Exit codes: 0 consistent, 1 drift or lag, 2 unreachable or lame servers,",
      "3 usage error. Guide: docs/check-and-monitor.md."
    },
    footer = {
      "",
      "Examples:",
      "  tandem check example.test --ns ns1=127.0.0.1:5301 --ns ns2=[::1]:5302",
      "  tandem check example.com --server 192.0.2.53 --parent 192.0.2.1 \\",
      "      --expect-from 10.0.0.5 --key xfr:hmac-sha256:c2VjcmV0"
    })
public final class CheckCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "ZONE", description = "The zone to check, e.g. example.com.")
  String zone;

  @Option(names = "--ns", paramLabel = "NAME=ADDR[,ADDR...]",
      description = "A nameserver and its addresses (repeatable). NAME alone: addresses from the system resolver.")
  List<String> ns = new ArrayList<>();

  @Option(names = "--server", paramLabel = "ADDR",
      description = "Ask this server for the zone's NS RRset and the nameservers' addresses.")
  String server;

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "53",
      description = "Port used for nameservers found with --server or by name (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--parent", paramLabel = "ADDR", description = "A parent server: compare its delegation (NS, glue) with the zone.")
  String parent;

  @ArgGroup(exclusive = true)
  Expect expect;

  static final class Expect {
    @Option(names = "--expect", paramLabel = "FILE", description = "Reference: this zone file.")
    Path file;

    @Option(names = "--expect-from", paramLabel = "ADDR", description = "Reference: AXFR from this server (e.g. the hidden primary).")
    String server;
  }

  @Option(names = "--key", paramLabel = "NAME:ALG:SECRET", description = "TSIG key for AXFR, e.g. xfr-key:hmac-sha256:c2VjcmV0.")
  String key;

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "2s", description = "Wait per query try (default: ${DEFAULT-VALUE}).")
  String timeout;

  @Option(names = "--tries", paramLabel = "N", defaultValue = "2", description = "UDP tries per query (default: ${DEFAULT-VALUE}).")
  int tries;

  @Option(names = "--axfr-timeout", paramLabel = "DURATION", defaultValue = "60s", description = "Limit per zone transfer (default: ${DEFAULT-VALUE}).")
  String axfrTimeout;

  @Option(names = "--max-axfr-records", paramLabel = "N", defaultValue = "200000", description = "Records accepted per transfer (default: ${DEFAULT-VALUE}).")
  long maxRecords;

  @Option(names = "--max-axfr-bytes", paramLabel = "N", defaultValue = "67108864", description = "Bytes accepted per transfer (default: ${DEFAULT-VALUE}).")
  long maxBytes;

  @Option(names = "--max-queries", paramLabel = "N", defaultValue = "5000",
      description = "Queries per server that refuses AXFR (default: ${DEFAULT-VALUE}).")
  int maxQueries;

  @Option(names = "--parallel", paramLabel = "N", defaultValue = "4", description = "Servers checked at once (default: ${DEFAULT-VALUE}).")
  int parallel;

  @Option(names = "--no-content", description = "Check health and serials only; no transfers or content comparison.")
  boolean noContent;

  @Option(names = "--ignore-ttl", description = "Do not report TTL differences.")
  boolean ignoreTtl;

  @Option(names = "--json", description = "Print the report as JSON.")
  boolean json;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    CheckRequest request;
    try {
      request = request();
    } catch (IllegalArgumentException | UsageException e) {
      err.println("tandem check: " + e.getMessage());
      err.println("Try 'tandem check --help'.");
      err.flush();
      return Main.EXIT_USAGE;
    } catch (DiscoveryException e) {
      err.println("tandem check: cannot find the nameservers: " + e.getMessage());
      err.flush();
      return CheckReport.UNREACHABLE_OR_LAME;
    }
    CheckReport report = ZoneCheck.create(Clock.systemUTC()).run(request);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(CheckReportJson.toJson(report));
      out.flush();
    } else {
      CheckReportText.render(report, out);
    }
    return report.exitCode();
  }

  private CheckRequest request() throws UsageException, DiscoveryException {
    Name origin = zoneName(zone);
    if (ns.isEmpty() && server == null) {
      throw new UsageException("give the nameservers with --ns NAME=ADDR (repeatable) or --server ADDR");
    }
    if (port < 1 || port > 65535) {
      throw new UsageException("--port must be from 1 to 65535");
    }
    CheckSettings settings = new CheckSettings(
        new QueryLimits(duration("--timeout", timeout), tries),
        new TransferLimits(duration("--axfr-timeout", axfrTimeout), maxRecords, maxBytes),
        maxQueries, parallel, !noContent, !ignoreTtl);
    Optional<TSIG> tsig = key == null ? Optional.empty() : Optional.of(TsigKeySpec.parse(key));
    Optional<ServerAddress> parentAddress = Optional.ofNullable(parent).map(ServerAddress::parse);
    ReferenceSource reference = reference(origin);
    List<Nameserver> targets = new ArrayList<>();
    for (String spec : ns) {
      targets.addAll(NameserverSpec.parse(spec, port));
    }
    if (server != null) {
      targets.addAll(new NameserverDiscovery(new DnsClient(), settings.query()).discover(origin, ServerAddress.parse(server), port));
    }
    return new CheckRequest(origin, targets, reference, tsig, parentAddress, settings);
  }

  private ReferenceSource reference(Name origin) throws UsageException {
    if (expect == null) {
      return new ReferenceSource.Majority();
    }
    if (expect.server != null) {
      return new ReferenceSource.FromServer(ServerAddress.parse(expect.server));
    }
    CanonicalZone.Builder b = CanonicalZone.builder(origin);
    try {
      ZoneFileReader.forFiles().read(expect.file, origin, (record, where) -> {
        try {
          b.add(record);
        } catch (IllegalArgumentException e) {
          throw new ZoneFileException(where, e.getMessage());
        }
      });
    } catch (ZoneFileException e) {
      throw new UsageException("--expect: " + e.getMessage());
    } catch (IOException e) {
      throw new UsageException("--expect: cannot read " + expect.file + ": " + e.getMessage());
    }
    return new ReferenceSource.Expected(expect.file.toString(), b.build());
  }

  private static Name zoneName(String text) throws UsageException {
    try {
      return Name.fromString(text.endsWith(".") ? text : text + ".");
    } catch (TextParseException e) {
      throw new UsageException("'" + text + "' is not a zone name: " + e.getMessage());
    }
  }

  private static Duration duration(String option, String text) throws UsageException {
    try {
      Duration d = Durations.parse(text);
      if (d.isZero()) {
        throw new UsageException(option + " must be positive");
      }
      return d;
    } catch (IllegalArgumentException e) {
      throw new UsageException(option + ": " + e.getMessage());
    }
  }

  /** A command line that cannot be run. */
  static final class UsageException extends Exception {
    UsageException(String message) {
      super(message);
    }
  }
}
