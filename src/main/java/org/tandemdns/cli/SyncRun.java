package org.tandemdns.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tandemdns.config.ConfigException;
import org.tandemdns.config.ConfigLoader;
import org.tandemdns.config.Durations;
import org.tandemdns.config.KeyConfig;
import org.tandemdns.config.Percent;
import org.tandemdns.config.SyncConfig;
import org.tandemdns.config.SyncProviderConfig;
import org.tandemdns.config.SyncZoneConfig;
import org.tandemdns.config.TandemConfig;
import org.tandemdns.dnsclient.DnsClient;
import org.tandemdns.dnsclient.QueryLimits;
import org.tandemdns.security.TsigKey;
import org.tandemdns.sync.SyncReport;
import org.tandemdns.sync.SyncReportJson;
import org.tandemdns.sync.SyncReportText;
import org.tandemdns.sync.SyncRunner;
import org.tandemdns.sync.provider.Provider;
import org.tandemdns.sync.provider.Providers;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;
import picocli.CommandLine.Model.CommandSpec;

/** What {@code tandem sync plan} and {@code apply} share: read the config, pick zones and targets, run, print. */
final class SyncRun {
  private SyncRun() {}

  static int run(CommandSpec spec, SyncOptions o, boolean apply, boolean force, boolean verify, String verifyTimeout) {
    PrintWriter err = spec.commandLine().getErr();
    String command = "tandem sync " + (apply ? "apply" : "plan");
    TandemConfig config;
    List<SyncZoneConfig> zones;
    SyncRunner.Settings settings;
    Map<String, Provider> providers;
    try {
      if (o.config == null) {
        throw new IllegalArgumentException("give the config file with --config FILE");
      }
      config = new ConfigLoader().load(o.config);
      zones = zones(config.sync(), o.zones);
      checkTargets(config.sync(), o.targets);
      Double maxChange = o.maxChange == null ? null : Percent.parse(o.maxChange).fraction();
      Duration timeout = positive("--verify-timeout", verifyTimeout);
      settings = new SyncRunner.Settings(apply, force, o.includeApexNs, maxChange, verify, timeout, o.parallel);
      providers = providers(config);
    } catch (ConfigException | IllegalArgumentException e) {
      err.println(command + ": " + e.getMessage());
      err.println("Try '" + command + " --help'.");
      err.flush();
      return Main.EXIT_USAGE;
    }
    SyncRunner runner = new SyncRunner(providers, new DnsClient(), new QueryLimits(Duration.ofSeconds(1), 1));
    SyncReport report = runner.run(zones, t -> o.targets.isEmpty() || o.targets.contains(t), settings);
    List<String> order = config.sync().providers().stream().map(SyncProviderConfig::name).toList();
    PrintWriter out = spec.commandLine().getOut();
    if (o.json) {
      out.println(SyncReportJson.toJson(report, order));
      out.flush();
    } else {
      SyncReportText.render(report, order, out);
    }
    return report.exitCode(order);
  }

  private static List<SyncZoneConfig> zones(SyncConfig sync, List<String> wanted) {
    if (sync.zones().isEmpty()) {
      throw new IllegalArgumentException("the config has no zones under sync.zones");
    }
    if (wanted.isEmpty()) {
      return sync.zones();
    }
    Map<Name, SyncZoneConfig> byName = new LinkedHashMap<>();
    sync.zones().forEach(z -> byName.put(z.name(), z));
    return wanted.stream().map(w -> {
      SyncZoneConfig z = byName.get(name(w));
      if (z == null) {
        throw new IllegalArgumentException("--zone " + w + ": not under sync.zones");
      }
      return z;
    }).toList();
  }

  private static void checkTargets(SyncConfig sync, List<String> targets) {
    for (String t : targets) {
      if (sync.provider(t).isEmpty()) {
        throw new IllegalArgumentException("--target " + t + ": no such provider under sync.providers");
      }
    }
  }

  private static Map<String, Provider> providers(TandemConfig config) {
    Map<Name, TsigKey> keys = new HashMap<>();
    for (KeyConfig k : config.keys()) {
      keys.put(k.name(), k.toTsigKey());
    }
    Map<String, Provider> out = new HashMap<>();
    for (SyncProviderConfig p : config.sync().providers()) {
      out.put(p.name(), Providers.create(p, n -> Optional.ofNullable(keys.get(n)), Clock.systemUTC()));
    }
    return out;
  }

  private static Name name(String text) {
    try {
      return Name.fromString(text.endsWith(".") ? text : text + ".");
    } catch (TextParseException e) {
      throw new IllegalArgumentException("'" + text + "' is not a zone name");
    }
  }

  private static Duration positive(String option, String text) {
    Duration d = Durations.parse(text);
    if (d.isZero()) {
      throw new IllegalArgumentException(option + " must be positive");
    }
    return d;
  }
}
