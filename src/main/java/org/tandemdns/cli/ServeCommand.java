package org.tandemdns.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.tandemdns.TandemServer;
import org.tandemdns.config.ApiConfig;
import org.tandemdns.config.ConfigException;
import org.tandemdns.config.ConfigLoader;
import org.tandemdns.config.HostPort;
import org.tandemdns.config.ServerConfig;
import org.tandemdns.config.TandemConfig;
import org.tandemdns.config.ZoneConfig;
import org.tandemdns.server.DnsServer;
import org.tandemdns.zone.ServedZone;
import org.tandemdns.zone.ZoneSnapshot;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tandem serve}: runs the DNS server until SIGTERM or SIGINT. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Run the DNS server until stopped (Ctrl-C, SIGTERM).",
      "With no options: the embedded default, the demo zone example.test on 127.0.0.1:5300."
    })
public final class ServeCommand implements Callable<Integer> {
  static final String DEMO_ZONE = "example.test";

  @Spec CommandSpec spec;

  @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration file.")
  Path configFile;

  @Option(names = "--listen", paramLabel = "HOST:PORT",
      description = "Address for DNS over UDP and TCP (repeatable; IPv6 as [::1]:5300). Default 127.0.0.1:5300.")
  List<String> listen = new ArrayList<>();

  @Option(names = "--zone", paramLabel = "ORIGIN=FILE", description = "Serve FILE as zone ORIGIN (repeatable).")
  List<String> zones = new ArrayList<>();

  @Option(names = "--data-dir", paramLabel = "DIR", description = "Where Tandem keeps its state. Default ./tandem-data.")
  Path dataDir;

  @Option(names = "--api-listen", paramLabel = "HOST:PORT",
      description = "Address of the HTTP API (default 127.0.0.1:8053; port 0 picks a free one).")
  String apiListen;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    TandemConfig config;
    try {
      config = configuration();
      org.tandemdns.logging.LoggingSetup.applyIfConfigured(config.logging());
    } catch (ConfigException | IllegalArgumentException e) {
      err.println("tandem: " + e.getMessage());
      err.flush();
      return Main.EXIT_USAGE;
    } catch (IOException e) {
      err.println("tandem: " + e.getMessage());
      err.flush();
      return 1;
    }
    AtomicReference<TandemServer> started = new AtomicReference<>();
    AtomicBoolean reloadAsked = new AtomicBoolean();
    onSighup(started, reloadAsked); // before start: zones are served while others still load
    TandemServer server;
    try {
      server = TandemServer.start(config);
    } catch (IOException e) {
      err.println("tandem: " + e.getMessage());
      err.flush();
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ServeCommand.class);
      log.info("shutting down");
      long t0 = System.nanoTime();
      server.close();
      log.info("stopped in {} ms", (System.nanoTime() - t0) / 1_000_000);
      stopped.countDown();
    }, "shutdown"));
    if (configFile != null) {
      server.configSource(() -> {
        TandemConfig next = configuration();
        org.tandemdns.logging.LoggingSetup.applyIfConfigured(next.logging());
        return next;
      });
    }
    started.set(server);
    if (reloadAsked.getAndSet(false)) {
      server.requestReload();
    }
    printBanner(out, server, config, configFile != null);
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  /**
   * SIGHUP re-reads the configuration file, if any, and every file zone (where the platform has SIGHUP). Installed before the server
   * starts, since the JVM's default action for SIGHUP is to exit; one that arrives during start-up
   * is remembered and done once the server is up.
   */
  @SuppressWarnings("restriction")
  private static void onSighup(AtomicReference<TandemServer> server, AtomicBoolean asked) {
    try {
      sun.misc.SignalHandler before = sun.misc.Signal.handle(new sun.misc.Signal("HUP"), signal -> {
        asked.set(true);
        TandemServer s = server.get();
        org.slf4j.LoggerFactory.getLogger(ServeCommand.class)
            .info("SIGHUP: re-reading the configuration and the zone files{}", s == null ? " once start-up is done" : "");
        if (s != null && asked.getAndSet(false)) { // else the starting thread sees 'asked' and reloads
          s.requestReload();
        }
      });
      if (before == sun.misc.SignalHandler.SIG_IGN) { // the JVM keeps an inherited "ignore" and installs nothing
        org.slf4j.LoggerFactory.getLogger(ServeCommand.class).warn("SIGHUP is ignored in this process (started under"
            + " nohup or by a parent that ignores it), so it will not reload the configuration or the zone files; use `tandem reload --config` or"
            + " POST /api/v1/reload, or start Tandem without nohup");
      }
    } catch (IllegalArgumentException e) {
      // no SIGHUP here (e.g. Windows): reloads come through the API only
    }
  }

  private TandemConfig configuration() throws ConfigException, IOException {
    TandemConfig base;
    if (configFile != null) {
      if (!zones.isEmpty()) {
        throw new ConfigException("--zone cannot be combined with --config; list the zones in the config file");
      }
      base = new ConfigLoader().load(configFile);
    } else {
      base = new TandemConfig(ServerConfig.defaults(), null, zoneOptions());
    }
    ServerConfig s = base.server();
    List<HostPort> addresses = listen.isEmpty() ? s.listen() : listen.stream().map(l -> HostPort.parse(l, HostPort.DNS_PORT)).toList();
    Path dir = dataDir != null ? dataDir : s.dataDir();
    ServerConfig server = s.withListen(addresses).withDataDir(dir);
    List<ZoneConfig> zoneList = base.zones();
    if (configFile == null && zones.isEmpty()) {
      zoneList = List.of(demoZone(dir));
    }
    ApiConfig api = apiListen == null ? base.api() : base.api().withListen(HostPort.parse(apiListen, 8053));
    return new TandemConfig(server, base.keys(), zoneList, base.monitor(), api, base.sync(), base.dnssecPolicies(), base.logging(),
        base.tls());
  }

  private List<ZoneConfig> zoneOptions() {
    List<ZoneConfig> list = new ArrayList<>();
    for (String z : zones) {
      int eq = z.indexOf('=');
      if (eq <= 0 || eq == z.length() - 1) {
        throw new IllegalArgumentException("--zone '" + z + "': expected ORIGIN=FILE, e.g. --zone example.com=example.com.zone");
      }
      String origin = z.substring(0, eq);
      try {
        list.add(ZoneConfig.primary(Name.fromString(origin.endsWith(".") ? origin : origin + "."), Path.of(z.substring(eq + 1))));
      } catch (TextParseException e) {
        throw new IllegalArgumentException("--zone '" + z + "': '" + origin + "' is not a domain name: " + e.getMessage());
      }
    }
    return list;
  }

  /** Copies the bundled demo zone into the data directory (once) and serves it from there. */
  private static ZoneConfig demoZone(Path dir) throws IOException {
    Path file = dir.resolve(DEMO_ZONE + ".zone");
    if (!Files.exists(file)) {
      Files.createDirectories(dir);
      try (InputStream in = ServeCommand.class.getResourceAsStream("/demo/" + DEMO_ZONE + ".zone")) {
        if (in == null) {
          throw new IOException("the bundled demo zone is missing from the jar");
        }
        Files.copy(in, file);
      }
    }
    // the demo zone's NS addresses are documentation addresses: NOTIFY them would only leave the machine
    return ZoneConfig.primary(Name.fromConstantString(DEMO_ZONE + "."), file).withNotifyNs(false);
  }

  /** Where the HTTP API and the web console are and which token they take, for the {@code tandem zone}/{@code record} commands. */
  private static String apiLine(TandemServer server, TandemConfig config) {
    var api = server.apiAddress();
    if (api == null) {
      return "HTTP API: not running (see the error above)";
    }
    String url = (config.api().tls() ? "https://" : "http://") + DnsServer.format(api);
    String token = config.api().tokens().isEmpty()
        ? "admin token in " + config.server().dataDir().resolve(org.tandemdns.api.ApiTokens.FILE)
        : "tokens from the config";
    return "HTTP API: " + url + "/api/v1 (" + token + ");  try: tandem zone list"
        + (url.equals(ApiOptions.DEFAULT_SERVER) ? "" : " --server " + url)
        + "\nWeb console: " + url + "/ui/ (log in with " + (config.api().tokens().isEmpty() ? "that token" : "an API token") + ")";
  }

  private static void printBanner(PrintWriter out, TandemServer server, TandemConfig config, boolean fromFile) {
    List<String> where = server.dnsAddresses().stream().map(DnsServer::format).toList();
    int served = 0;
    for (ServedZone z : server.zones().all()) {
      served += z.snapshot() != null ? 1 : 0;
    }
    out.printf("Tandem DNS is serving %d of %d zone(s) on %s (UDP and TCP); data in %s%n", served,
        server.zones().all().size(), String.join(", ", where), config.server().dataDir().toAbsolutePath().normalize());
    ServedZone example = null;
    int shown = 0;
    for (ServedZone z : server.zones().all()) {
      ZoneSnapshot s = z.snapshot();
      if (shown++ < 10) {
        String state = s != null ? "serial " + s.serial() + ", " + s.recordCount() + " records"
            : server.secondary(z.origin()) != null ? "secondary: waiting for the first transfer" : "NOT SERVED (see the log above)";
        out.printf("  %-30s %s%n", z.origin(), state);
      }
      if (example == null && s != null) {
        example = z;
      }
    }
    if (shown > 10) {
      out.printf("  ... and %d more%n", shown - 10);
    }
    if (example != null && !server.dnsAddresses().isEmpty()) {
      var a = server.dnsAddresses().get(0);
      out.printf("Try:  dig @%s -p %d %s SOA%n", a.getAddress().getHostAddress(), a.getPort(), example.origin().toString(true));
    }
    out.println(apiLine(server, config));
    out.println((fromFile ? "Reload the config and zone files: kill -HUP " : "Reload zone files: kill -HUP ")
        + ProcessHandle.current().pid() + "    Stop: Ctrl-C");
    out.flush();
  }
}
