package org.tandemdns.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * BIND 9.18 ({@code named -g}, running as the current user, logging to stderr) as a peer.
 * Primaries use {@code ixfr-from-differences}, so a reload of a changed zone file is served as
 * IXFR; NOTIFY goes only to the configured targets ({@code notify explicit}); host-name checks are
 * off ({@code check-names ignore}) so test zones may hold any owner name. The rndc control channel
 * listens on its own ephemeral loopback port.
 *
 * <p>BIND cannot require both an address and a key in one allow-transfer element: a keyed {@link
 * Acl} is rendered as {@code key NAME}, which accepts that key from any address.
 *
 * <p>{@link #debugBuilder(int)} runs {@code named -d LEVEL}: at level 3 the xfer-in log says whether
 * a transfer was incremental ("got incremental response") or not ("got nonincremental response").
 */
public final class BindPeer extends PeerProcess {

  private final Path config;
  private final Path rndcConfig;
  private final TsigKey rndcKey = TsigKey.generate("harness-rndc");
  private final int controlPort = Ports.allocate();
  private final int debugLevel;
  private final List<String> zoneOptions;
  private final List<String> serverOptions;
  private Path rndc;
  private Xot xot;

  /**
   * Zone transfers over TLS (RFC 9103) for this BIND: as a primary, a TLS listener on {@code
   * tlsPort} with {@code certificate} and {@code key}, and its zones transferred only over it; as a
   * secondary, its primaries reached over TLS with the {@code tls} block {@code clientTls} (e.g.
   * {@code ca-file "ca.pem"; remote-hostname "ns1.example";}; empty for opportunistic). Either part
   * may be null.
   */
  public record Xot(Path certificate, Path key, int tlsPort, String clientTls) {}

  /** BIND as an XoT primary, secondary or both (see {@link Xot}). */
  public static PeerBuilder<BindPeer> xotBuilder(Xot xot) {
    return new PeerBuilder<>(spec -> {
      BindPeer b = new BindPeer(spec, 3);
      b.xot = xot;
      return b;
    });
  }

  /** The port of this BIND's TLS listener (see {@link #xotBuilder}). */
  public int tlsPort() {
    return xot.tlsPort();
  }

  private BindPeer(PeerSpec spec, int debugLevel) {
    this(spec, debugLevel, List.of());
  }

  private BindPeer(PeerSpec spec, int debugLevel, List<String> zoneOptions) {
    this(spec, debugLevel, zoneOptions, List.of());
  }

  private BindPeer(PeerSpec spec, int debugLevel, List<String> zoneOptions, List<String> serverOptions) {
    super("named", spec);
    this.debugLevel = debugLevel;
    this.zoneOptions = List.copyOf(zoneOptions);
    this.serverOptions = List.copyOf(serverOptions);
    this.config = dir().resolve("named.conf");
    this.rndcConfig = dir().resolve("rndc.conf");
  }

  public static PeerBuilder<BindPeer> builder() {
    return new PeerBuilder<>(spec -> new BindPeer(spec, 0));
  }

  /** BIND logging at debug level {@code level} ({@code named -d level}); 3 shows IXFR versus AXFR. */
  public static PeerBuilder<BindPeer> debugBuilder(int level) {
    if (level < 0 || level > 99) {
      throw new IllegalArgumentException("debug level out of range: " + level);
    }
    return new PeerBuilder<>(spec -> new BindPeer(spec, level));
  }

  /**
   * BIND with extra named.conf statements in every primary zone's block, each a complete statement,
   * e.g. {@code zoneOptionsBuilder("dnssec-policy default;", "inline-signing yes;")} to sign the
   * zones inline (keys and the signed copy are kept in the peer's directory).
   */
  public static PeerBuilder<BindPeer> zoneOptionsBuilder(String... statements) {
    List<String> options = List.of(statements);
    return new PeerBuilder<>(spec -> new BindPeer(spec, 0, options));
  }

  /**
   * BIND with extra statements in its {@code options} block, each complete, e.g. a {@code
   * catalog-zones { ... };} statement that makes it a catalog consumer.
   */
  public static PeerBuilder<BindPeer> serverOptionsBuilder(String... statements) {
    List<String> options = List.of(statements);
    return new PeerBuilder<>(spec -> new BindPeer(spec, 0, List.of(), options));
  }

  @Override
  protected List<String> prepare() throws IOException {
    Path named = PeerRequirement.require("named");
    rndc = PeerRequirement.require("rndc");
    Files.writeString(config, configText());
    Files.writeString(
        rndcConfig,
        keyClause(rndcKey)
            + "options { default-key \"" + rndcKey.name() + "\"; default-server 127.0.0.1;"
            + " default-port " + controlPort + "; };\n");
    List<String> command = new ArrayList<>(List.of(named.toString(), "-g", "-c", config.toString()));
    if (debugLevel > 0) {
      command.addAll(List.of("-d", Integer.toString(debugLevel)));
    }
    return command;
  }

  @Override
  protected void reloadZones() {
    rndc("reload");
  }

  /** Runs {@code rndc} against this instance, e.g. {@code rndc("retransfer", "example.com")}. */
  public CommandResult rndc(String... args) {
    List<String> command = new ArrayList<>(List.of(rndc.toString(), "-c", rndcConfig.toString()));
    command.addAll(List.of(args));
    return control(command);
  }

  /**
   * Points this BIND's secondary zones that follow {@code from} at {@code to} instead (named.conf
   * rewritten, then {@code rndc reconfig}): what an operator does once another server is the primary.
   */
  public void repointSecondaries(Endpoint from, Endpoint to) {
    try {
      String text = Files.readString(config);
      String old = from.host() + " port " + from.port();
      if (!text.contains(old)) {
        throw new IllegalStateException("no zone of this BIND follows " + from);
      }
      Files.writeString(config, text.replace(old, to.host() + " port " + to.port()));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    CommandResult r = rndc("reconfig");
    if (r.exitCode() != 0) {
      throw new IllegalStateException("rndc reconfig failed: " + r.output());
    }
  }

  private String configText() {
    ConfigWriter w = new ConfigWriter();
    w.line("options {");
    w.line("  directory \"%s\";", dir());
    w.line("  pid-file \"%s\";", dir().resolve("named.pid"));
    w.line("  session-keyfile \"%s\";", dir().resolve("session.key"));
    w.line("  managed-keys-directory \"%s\";", dir());
    w.line("  listen-on port %d { %s; };", endpoint().port(), endpoint().host());
    w.line("  listen-on-v6 { none; };");
    w.line("  recursion no;");
    w.line("  dnssec-validation no;");
    w.line("  notify explicit;");
    w.line("  notify-delay 0;");
    w.line("  allow-transfer { none; };");
    w.line("  ixfr-from-differences yes;");
    w.line("  check-names primary ignore;");
    w.line("  check-names secondary ignore;");
    serverOptions.forEach(o -> w.line("  %s", o));
    boolean tlsServer = xot != null && xot.certificate() != null;
    boolean tlsClient = xot != null && xot.clientTls() != null;
    if (tlsServer) {
      w.line("  listen-on port %d tls harness-server { %s; };", xot.tlsPort(), endpoint().host());
    }
    w.line("};");
    if (tlsServer) {
      w.line("tls harness-server { cert-file \"%s\"; key-file \"%s\"; };", xot.certificate(), xot.key());
    }
    if (tlsClient) {
      w.line("tls harness-client { %s };", xot.clientTls());
    }
    w.raw(keyClause(rndcKey));
    w.line("controls { inet 127.0.0.1 port %d allow { 127.0.0.1; } keys { \"%s\"; }; };", controlPort, rndcKey.name());
    spec.keys().forEach(k -> w.raw(keyClause(k)));
    for (PrimaryZone z : spec.primaries()) {
      w.line("zone \"%s\" {", z.origin());
      w.line("  type primary;");
      w.line("  file \"%s\";", zoneFile(z));
      w.line(tlsServer ? "  allow-transfer port " + xot.tlsPort() + " transport tls { %s };" : "  allow-transfer { %s };",
          acl(z.allowTransfer()));
      if (!z.notifyTargets().isEmpty()) {
        w.line("  also-notify { %s };", remotes(z.notifyTargets()));
      }
      z.updateKey().ifPresent(k -> w.line("  allow-update { key \"%s\"; };", k.name()));
      zoneOptions.forEach(o -> w.line("  %s", o));
      w.line("};");
    }
    for (SecondaryZone z : spec.secondaries()) {
      w.line("zone \"%s\" {", z.origin());
      w.line("  type secondary;");
      w.line("  file \"%s\";", zoneFile(z));
      w.line("  primaries { %s };", tlsClient ? remotes(List.of(z.primary())).replace(";", " tls harness-client;")
          : remotes(List.of(z.primary())));
      w.line("  allow-notify { %s; };", z.primary().endpoint().host());
      w.line("  allow-transfer { %s };", acl(z.allowTransfer()));
      w.line("};");
    }
    return w.toString();
  }

  private static String keyClause(TsigKey k) {
    return "key \"" + k.name() + "\" { algorithm " + k.algorithm() + "; secret \"" + k.secret() + "\"; };\n";
  }

  private static String acl(List<Acl> acls) {
    if (acls.isEmpty()) {
      return "none;";
    }
    StringBuilder s = new StringBuilder();
    for (Acl a : acls) {
      s.append(a.key().map(k -> "key \"" + k.name() + "\"").orElse(a.address())).append("; ");
    }
    return s.toString().trim();
  }

  private static String remotes(List<Remote> remotes) {
    StringBuilder s = new StringBuilder();
    for (Remote r : remotes) {
      s.append(r.endpoint().host()).append(" port ").append(r.endpoint().port());
      r.key().ifPresent(k -> s.append(" key \"").append(k.name()).append('"'));
      s.append("; ");
    }
    return s.toString().trim();
  }
}
