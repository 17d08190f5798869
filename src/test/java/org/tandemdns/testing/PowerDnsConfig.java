package org.tandemdns.testing;

/** Renders pdns.conf and the bind backend's named.conf for a {@link PowerDnsPeer}. */
final class PowerDnsConfig {

  private PowerDnsConfig() {}

  static String render(PowerDnsPeer peer, boolean sqliteApi, int webPort, String apiKey) {
    ConfigWriter w = new ConfigWriter();
    if (sqliteApi) {
      w.line("launch=gsqlite3");
      w.line("gsqlite3-database=%s", peer.database());
      w.line("api=yes");
      w.line("api-key=%s", apiKey);
      w.line("webserver=yes");
      w.line("webserver-address=127.0.0.1");
      w.line("webserver-port=%d", webPort);
      w.line("webserver-allow-from=127.0.0.1,::1");
    } else {
      w.line("launch=bind");
      w.line("bind-config=%s", peer.dir().resolve("named.conf"));
      w.line("bind-dnssec-db=%s", peer.dir().resolve("bind-dnssec.db"));
    }
    w.line("local-address=%s", peer.endpoint().host());
    w.line("local-port=%d", peer.endpoint().port());
    w.line("socket-dir=%s", peer.dir());
    w.line("daemon=no");
    w.line("guardian=no");
    w.line("write-pid=no");
    w.line("disable-syslog=yes");
    w.line("loglevel=6");
    w.line("security-poll-suffix=");
    w.line("primary=yes");
    w.line("secondary=yes");
    w.line("xfr-cycle-interval=1");
    w.line("only-notify=");
    w.line("allow-axfr-ips=");
    w.line("allow-notify-from=%s", peer.notifySources());
    w.line("cache-ttl=0");
    w.line("query-cache-ttl=0");
    w.line("negquery-cache-ttl=0");
    w.line("zone-cache-refresh-interval=0");
    w.line("receiver-threads=1");
    w.line("distributor-threads=1");
    return w.toString();
  }

  static String namedConf(PowerDnsPeer peer) {
    ConfigWriter w = new ConfigWriter();
    for (PrimaryZone z : peer.spec.primaries()) {
      w.line("zone \"%s\" { type master; file \"%s\"; };", z.origin(), peer.zoneFile(z));
    }
    for (SecondaryZone z : peer.spec.secondaries()) {
      w.line(
          "zone \"%s\" { type slave; file \"%s\"; masters { %s; }; };",
          z.origin(), peer.zoneFile(z), z.primary().endpoint());
    }
    return w.toString();
  }
}
