package org.tandemdns.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Unbound 1.17 ({@code unbound -d}, running as the current user, no chroot, logging to stderr) as a
 * validating resolver on 127.0.0.1 and an ephemeral port: the judge of DNSSEC answers served by
 * Tandem. Its only trust anchors are those given (a zone's DNSKEY or DS, in presentation format);
 * the zones it asks about are reached through stub zones ({@code stub-addr 127.0.0.1@PORT}, never
 * the Internet). No name is declared insecure ({@code domain-insecure} is never set), stripped
 * signatures are rejected ({@code harden-dnssec-stripped}), and answers are never synthesised from
 * cached NSEC records ({@code aggressive-nsec: no}) so that every question reaches the server under
 * test. Validation failures are logged with their reason ({@code val-log-level: 2}).
 *
 * <pre>{@code
 * try (UnboundResolver unbound = UnboundResolver.builder()
 *         .trustAnchor("example.test. IN DS 12345 13 2 ...")
 *         .stub("example.test", tandem.endpoint())
 *         .start()) {
 *   CommandResult r = unbound.dig("www.example.test", "A"); // dig +dnssec, RD set
 * }
 * }</pre>
 */
public final class UnboundResolver extends ServerProcess {

  /** Unbound's built-in local zones (RFC 6761 and others) that a stub zone below them must override. */
  private static final Set<String> DEFAULT_LOCAL_ZONES = Set.of("test", "invalid", "onion", "local", "localhost");

  private final Path config;
  private final Path anchorFile;

  private UnboundResolver(Endpoint endpoint) {
    super("unbound", endpoint);
    this.config = dir().resolve("unbound.conf");
    this.anchorFile = dir().resolve("trust-anchors");
  }

  public static Builder builder() {
    return new Builder();
  }

  /** {@code dig +dnssec @unbound name type} with RD set (dig's default); the resolver's answer. */
  public CommandResult dig(String name, String type) {
    return DigRunner.dig(endpoint(), "+dnssec", "+time=5", "+tries=1", name, type);
  }

  /** The configuration file it runs with. */
  public Path configFile() {
    return config;
  }

  /** Collects trust anchors and stub zones. */
  public static final class Builder {

    private final List<String> anchors = new ArrayList<>();
    private final Map<String, Endpoint> stubs = new LinkedHashMap<>();
    private Duration readyTimeout = Duration.ofSeconds(15);

    private Builder() {}

    /** A trust anchor: one DNSKEY or DS record in presentation format, owner name included. */
    public Builder trustAnchor(String record) {
      if (!record.contains("DNSKEY") && !record.contains("DS")) {
        throw new IllegalArgumentException("not a DNSKEY or DS record: " + record);
      }
      anchors.add(record.strip());
      return this;
    }

    /** Every question for {@code zone} (and below) goes to {@code server}, not to the root. */
    public Builder stub(String zone, Endpoint server) {
      stubs.put(Names.relative(zone) + ".", server);
      return this;
    }

    /** How long start() waits for the resolver to answer (default 15 s). */
    public Builder readyTimeout(Duration timeout) {
      this.readyTimeout = timeout;
      return this;
    }

    /** Starts unbound and waits until it answers; stops it again on failure. */
    public UnboundResolver start() {
      if (anchors.isEmpty() || stubs.isEmpty()) {
        throw new IllegalStateException("a validating resolver needs a trust anchor and a stub zone");
      }
      Path unbound = PeerRequirement.require("unbound");
      UnboundResolver resolver = new UnboundResolver(Endpoint.freeLoopback());
      try {
        Files.writeString(resolver.anchorFile, String.join("\n", anchors) + "\n");
        Files.writeString(resolver.config, configText(resolver));
        resolver.launch(List.of(unbound.toString(), "-d", "-c", resolver.config.toString()), Map.of());
        // answered from unbound's own localhost zone: asks no server, caches nothing of the zones under test
        resolver.awaitAnswering("localhost", readyTimeout);
        return resolver;
      } catch (IOException e) {
        resolver.close();
        throw new UncheckedIOException(e);
      } catch (RuntimeException | Error e) {
        resolver.close();
        throw e;
      }
    }

    private String configText(UnboundResolver r) {
      ConfigWriter w = new ConfigWriter();
      w.line("server:");
      w.line("  interface: %s", r.endpoint().host());
      w.line("  port: %d", r.endpoint().port());
      w.line("  interface-automatic: no");
      w.line("  do-ip6: no");
      w.line("  do-daemonize: no");
      w.line("  use-syslog: no");
      w.line("  logfile: \"\"");
      w.line("  log-time-ascii: yes");
      w.line("  log-servfail: yes");
      w.line("  verbosity: 1");
      w.line("  val-log-level: 2");
      w.line("  ede: yes");
      w.line("  chroot: \"\"");
      w.line("  username: \"\"");
      w.line("  directory: \"%s\"", r.dir());
      w.line("  pidfile: \"%s\"", r.dir().resolve("unbound.pid"));
      w.line("  num-threads: 1");
      w.line("  so-reuseport: no");
      w.line("  module-config: \"validator iterator\"");
      w.line("  trust-anchor-file: \"%s\"", r.anchorFile);
      w.line("  trust-anchor-signaling: no");
      w.line("  root-key-sentinel: no");
      w.line("  val-permissive-mode: no");
      w.line("  harden-dnssec-stripped: yes");
      w.line("  aggressive-nsec: no");
      w.line("  prefetch: no");
      w.line("  qname-minimisation: no");
      w.line("  target-fetch-policy: \"0 0 0 0 0\"");
      w.line("  do-not-query-localhost: no");
      stubs.keySet().stream()
          .map(zone -> zone.substring(zone.lastIndexOf('.', zone.length() - 2) + 1))
          .filter(tld -> DEFAULT_LOCAL_ZONES.contains(tld.substring(0, tld.length() - 1)))
          .distinct()
          .forEach(tld -> w.line("  local-zone: \"%s\" nodefault", tld));
      w.line("remote-control:");
      w.line("  control-enable: no");
      stubs.forEach((zone, server) -> {
        w.line("stub-zone:");
        w.line("  name: \"%s\"", zone);
        w.line("  stub-addr: %s", server.at());
        w.line("  stub-first: no");
      });
      return w.toString();
    }
  }
}
