package org.tandemdns.cli;

import java.io.PrintWriter;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.tandemdns.security.TsigKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tandem tsig-keygen}: prints a new random TSIG key (RFC 8945 §6) for Tandem, BIND and Knot. */
@Command(name = "tsig-keygen", mixinStandardHelpOptions = true,
    description = "Print a new TSIG key in Tandem's YAML, in BIND's key clause and in Knot's key section.")
public final class TsigKeygenCommand implements Callable<Integer> {
  /** Secret lengths: as long as the hash output, as RFC 8945 §6 recommends. */
  private static final Map<String, Integer> SECRET_BYTES = Map.of(
      "hmac-md5", 16, "hmac-sha1", 20, "hmac-sha224", 28, "hmac-sha256", 32, "hmac-sha384", 48, "hmac-sha512", 64);

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "NAME", description = "Key name, e.g. xfr-key or primary-secondary.example.com.")
  String name;

  @Option(names = {"-a", "--algorithm"}, paramLabel = "ALG", defaultValue = "hmac-sha256",
      description = "hmac-sha256 (default), hmac-sha384, hmac-sha512, hmac-sha224, hmac-sha1 or hmac-md5.")
  String algorithm;

  @Override
  public Integer call() {
    String alg = algorithm.toLowerCase(Locale.ROOT);
    Integer length = SECRET_BYTES.get(alg);
    if (length == null) {
      spec.commandLine().getErr().println("tandem: unknown algorithm '" + algorithm + "'; use one of "
          + String.join(", ", new java.util.TreeSet<>(SECRET_BYTES.keySet())));
      return Main.EXIT_USAGE;
    }
    byte[] secret = new byte[length];
    new SecureRandom().nextBytes(secret);
    String b64 = Base64.getEncoder().encodeToString(secret);
    TsigKey key;
    try {
      key = TsigKey.of(name, alg, b64);
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println("tandem: " + e.getMessage());
      return Main.EXIT_USAGE;
    }
    String keyName = key.name().toString(true);
    PrintWriter out = spec.commandLine().getOut();
    out.printf("# Tandem (put under 'keys:' in tandem.yaml)%n");
    out.printf("keys:%n  - name: %s%n    algorithm: %s%n    secret: %s%n%n", keyName, alg, b64);
    out.printf("# BIND (named.conf)%n");
    out.printf("key \"%s\" {%n    algorithm %s;%n    secret \"%s\";%n};%n%n", keyName, alg, b64);
    out.printf("# Knot (knot.conf)%n");
    out.printf("key:%n  - id: %s%n    algorithm: %s%n    secret: %s%n", keyName, alg, b64);
    out.flush();
    return 0;
  }
}
