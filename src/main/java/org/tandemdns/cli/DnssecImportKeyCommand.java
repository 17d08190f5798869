package org.tandemdns.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.tandemdns.config.ConfigException;
import org.tandemdns.config.ConfigLoader;
import org.tandemdns.config.DnssecPolicy;
import org.tandemdns.config.TandemConfig;
import org.tandemdns.config.ZoneConfig;
import org.tandemdns.dnssec.KeyImport;
import org.tandemdns.dnssec.SigningKey;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code tandem dnssec import-key --config FILE ZONE KEY...}: a zone's keys from BIND or Knot into
 * Tandem's data directory, before Tandem first signs the zone (offline: Tandem need not run).
 */
@Command(name = "import-key", mixinStandardHelpOptions = true,
    description = {"Import a zone's signing keys from BIND or Knot before Tandem first signs it.",
        "KEY is BIND's Kzone.+alg+tag.private, or a PKCS#8 .pem (Knot's keys directory) with a .key file of the",
        "same base name holding the DNSKEY; every .key must sit beside its private key. The zone then keeps its",
        "DNSKEY RRset and the parent's DS: no insecure moment. Run it with Tandem stopped or before the zone",
        "is added; exit 1 when a key cannot be imported."})
public final class DnssecImportKeyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--config", paramLabel = "FILE", required = true,
      description = "Tandem's YAML configuration: its server.data-dir receives the keys, and the zone must be in it"
          + " with a dnssec policy.")
  Path config;

  @Parameters(index = "0", paramLabel = "ZONE", description = "The zone.")
  String zone;

  @Parameters(index = "1..*", arity = "1..*", paramLabel = "KEY", description = "The private key files.")
  List<Path> keys;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Name name;
    try {
      name = Name.fromString(zone.endsWith(".") ? zone : zone + ".");
    } catch (TextParseException e) {
      err.println("tandem dnssec import-key: '" + zone + "' is not a zone name");
      return Main.EXIT_USAGE;
    }
    TandemConfig c;
    try {
      c = new ConfigLoader().load(config);
    } catch (ConfigException e) {
      err.println("tandem dnssec import-key: " + e.getMessage());
      return 1;
    }
    ZoneConfig z = c.zones().stream().filter(x -> x.name().equals(name)).findFirst().orElse(null);
    if (z == null || z.dnssec() == null) {
      err.println("tandem dnssec import-key: " + config + " has no zone " + name + " with a dnssec policy"
          + " (add 'dnssec: { policy: ... }' to it first)");
      return 1;
    }
    try {
      List<SigningKey> imported = KeyImport.importKeys(c.server().dataDir().resolve("keys"), name, keys, Instant.now());
      DnssecPolicy policy = c.dnssecPolicy(z.dnssec().policy());
      for (SigningKey k : imported) {
        out.printf("zone %s: imported %s %d (algorithm %d)%n", name, k.role(), k.tag(), k.algorithm());
        if (k.role().signsKeys()) {
          out.printf("  its DS: %s%n", new DSRecord(name, k.dnskey().getDClass(), k.dnskey().getTTL(),
              DSRecord.Digest.SHA256, k.dnskey()));
        }
      }
      if (policy != null && !KeyImport.matchesPolicy(imported, policy)) {
        out.printf("note: policy '%s' asks for %s; the imported keys are kept (algorithm rollovers are not automated)%n",
            policy.name(), policy.algorithm());
      }
      out.printf("zone %s: %d key(s) in %s; start Tandem to sign with them%n", name, imported.size(),
          c.server().dataDir().resolve("keys"));
      return 0;
    } catch (IOException e) {
      err.println("tandem dnssec import-key: " + e.getMessage());
      return 1;
    }
  }
}
