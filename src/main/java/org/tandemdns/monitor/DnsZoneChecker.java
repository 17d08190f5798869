package org.tandemdns.monitor;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tandemdns.config.MonitorConfig;
import org.tandemdns.config.MonitoredZoneConfig;
import org.tandemdns.monitor.check.CheckReport;
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
import org.tandemdns.security.TsigKey;
import org.tandemdns.security.TsigKeyRing;
import org.tandemdns.zone.ZoneFileException;
import org.tandemdns.zone.ZoneFileReader;
import org.tandemdns.zone.compare.CanonicalZone;
import org.xbill.DNS.TSIG;

/** Checks a monitored zone over DNS, as {@code tandem check} would with the same settings. */
public final class DnsZoneChecker implements ZoneChecker {

  private final MonitorConfig config;
  private final TsigKeyRing keys;
  private final Clock clock;
  private final ZoneCheck check;
  private final DnsClient client = new DnsClient();

  /**
   * @param config the monitor's settings
   * @param keys the server's TSIG keys, which zones name with {@code key:}
   * @param clock time source (TSIG signing, report times)
   */
  public DnsZoneChecker(MonitorConfig config, TsigKeyRing keys, Clock clock) {
    this.config = config;
    this.keys = keys;
    this.clock = clock;
    this.check = ZoneCheck.create(clock);
  }

  /** A checker without named keys ({@code key-file} still works). */
  public DnsZoneChecker(MonitorConfig config, Clock clock) {
    this(config, TsigKeyRing.empty(), clock);
  }

  @Override
  public CheckReport check(MonitoredZoneConfig zone) throws CheckFailedException {
    QueryLimits query = new QueryLimits(config.timeout(), config.tries());
    CheckSettings settings = new CheckSettings(query,
        new TransferLimits(config.axfrTimeout(), config.maxAxfrRecords(), TransferLimits.defaults().maxBytes()),
        CheckSettings.defaults().maxQueriesPerServer(), CheckSettings.defaults().parallelism(), zone.content(), !zone.ignoreTtl());
    List<Nameserver> targets = new ArrayList<>();
    try {
      for (String spec : zone.nameservers()) {
        targets.addAll(NameserverSpec.parse(spec, zone.discoverPort()));
      }
      if (zone.discoverFrom() != null) {
        targets.addAll(new NameserverDiscovery(client, query)
            .discover(zone.name(), ServerAddress.of(zone.discoverFrom()), zone.discoverPort()));
      }
    } catch (DiscoveryException | IllegalArgumentException e) {
      throw new CheckFailedException("nameservers not found: " + e.getMessage());
    }
    return check.run(new CheckRequest(zone.name(), targets, reference(zone), key(zone),
        Optional.ofNullable(zone.parent()).map(ServerAddress::of), settings));
  }

  private static ReferenceSource reference(MonitoredZoneConfig zone) throws CheckFailedException {
    if (zone.expectFrom() != null) {
      return new ReferenceSource.FromServer(ServerAddress.of(zone.expectFrom()));
    }
    if (zone.expect() == null) {
      return new ReferenceSource.Majority();
    }
    CanonicalZone.Builder b = CanonicalZone.builder(zone.name());
    try {
      ZoneFileReader.forFiles().read(zone.expect(), zone.name(), (record, where) -> {
        try {
          b.add(record);
        } catch (IllegalArgumentException e) {
          throw new ZoneFileException(where, e.getMessage());
        }
      });
    } catch (ZoneFileException | IOException e) {
      throw new CheckFailedException("reference file: " + e.getMessage());
    }
    return new ReferenceSource.Expected(zone.expect().toString(), b.build());
  }

  private Optional<TSIG> key(MonitoredZoneConfig zone) throws CheckFailedException {
    if (zone.key() != null) {
      TsigKey k = keys.find(zone.key());
      if (k == null) {
        throw new CheckFailedException("key " + zone.key() + " is not defined under 'keys:'");
      }
      return Optional.of(k.tsig(clock));
    }
    if (zone.keyFile() == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(TsigKeySpec.parse(Files.readString(zone.keyFile()).strip()));
    } catch (IOException | IllegalArgumentException e) {
      throw new CheckFailedException("key file " + zone.keyFile() + ": " + e.getMessage());
    }
  }
}
