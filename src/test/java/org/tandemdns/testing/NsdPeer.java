package org.tandemdns.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * NSD 4.6 ({@code nsd -d}, no chroot, no privilege drop, no database) as a peer. Control is a UNIX
 * socket in the peer's directory. NSD has no RFC 2136 UPDATE: a primary with an update key is
 * rejected.
 */
public final class NsdPeer extends PeerProcess {

  private final Path config;
  private Path nsdControl;

  private NsdPeer(PeerSpec spec) {
    super("nsd", spec);
    this.config = dir().resolve("nsd.conf");
  }

  public static PeerBuilder<NsdPeer> builder() {
    return new PeerBuilder<>(NsdPeer::new);
  }

  @Override
  protected List<String> prepare() throws IOException {
    for (PrimaryZone z : spec.primaries()) {
      if (z.updateKey().isPresent()) {
        throw new UnsupportedOperationException("NSD does not support RFC 2136 UPDATE (" + z.origin() + ")");
      }
    }
    Path nsd = PeerRequirement.require("nsd");
    nsdControl = PeerRequirement.require("nsd-control");
    Files.writeString(config, configText());
    return List.of(nsd.toString(), "-d", "-c", config.toString());
  }

  @Override
  protected void reloadZones() {
    nsdControl("reload");
  }

  /** Runs {@code nsd-control} against this instance, e.g. {@code nsdControl("zonestatus")}. */
  public CommandResult nsdControl(String... args) {
    List<String> command = new ArrayList<>(List.of(nsdControl.toString(), "-c", config.toString()));
    command.addAll(List.of(args));
    return control(command);
  }

  private String configText() {
    ConfigWriter w = new ConfigWriter();
    w.line("server:");
    w.line("  ip-address: %s", endpoint().at());
    w.line("  port: %d", endpoint().port());
    w.line("  do-ip6: no");
    w.line("  username: \"\"");
    w.line("  chroot: \"\"");
    w.line("  zonesdir: \"%s\"", dir());
    w.line("  database: \"\"");
    w.line("  zonelistfile: \"%s\"", dir().resolve("zone.list"));
    w.line("  pidfile: \"%s\"", dir().resolve("nsd.pid"));
    w.line("  xfrdfile: \"%s\"", dir().resolve("xfrd.state"));
    w.line("  xfrdir: \"%s\"", dir());
    w.line("  cookie-secret-file: \"%s\"", dir().resolve("cookiesecrets.txt"));
    w.line("  server-count: 1");
    w.line("  verbosity: 2");
    w.line("remote-control:");
    w.line("  control-enable: yes");
    w.line("  control-interface: \"%s\"", dir().resolve("nsd.sock"));
    for (TsigKey k : spec.keys()) {
      w.line("key:");
      w.line("  name: \"%s\"", k.name());
      w.line("  algorithm: %s", k.algorithm());
      w.line("  secret: \"%s\"", k.secret());
    }
    for (PrimaryZone z : spec.primaries()) {
      w.line("zone:");
      w.line("  name: \"%s\"", z.origin());
      w.line("  zonefile: \"%s\"", zoneFile(z));
      z.allowTransfer().forEach(a -> w.line("  provide-xfr: %s %s", a.address(), keyName(a.key())));
      z.notifyTargets().forEach(r -> w.line("  notify: %s %s", r.endpoint().at(), keyName(r.key())));
    }
    for (SecondaryZone z : spec.secondaries()) {
      Remote p = z.primary();
      w.line("zone:");
      w.line("  name: \"%s\"", z.origin());
      w.line("  zonefile: \"%s\"", zoneFile(z));
      w.line("  request-xfr: %s %s", p.endpoint().at(), keyName(p.key()));
      w.line("  allow-notify: %s %s", p.endpoint().host(), keyName(p.key()));
      z.allowTransfer().forEach(a -> w.line("  provide-xfr: %s %s", a.address(), keyName(a.key())));
    }
    return w.toString();
  }

  private static String keyName(java.util.Optional<TsigKey> key) {
    return key.map(k -> "\"" + k.name() + "\"").orElse("NOKEY");
  }
}
