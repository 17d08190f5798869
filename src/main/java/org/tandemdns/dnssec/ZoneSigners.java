package org.tandemdns.dnssec;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.tandemdns.config.DnssecPolicy;
import org.xbill.DNS.Name;

/** Makes the signer of each zone Tandem signs: its policy by name, its keys from {@code data-dir/keys}. */
public final class ZoneSigners {
  private final Path keysRoot;
  private final Function<String, DnssecPolicy> policies;
  private final Clock clock;

  /** @param policies the policy of a name, null when there is none ({@code default} always exists) */
  public ZoneSigners(Path keysRoot, Function<String, DnssecPolicy> policies, Clock clock) {
    this.keysRoot = keysRoot;
    this.policies = policies;
    this.clock = clock;
  }

  /** The signer of {@code zone}; keys are created on first use. */
  public ZoneSigner create(Name zone, String policyName) throws IOException {
    DnssecPolicy policy;
    try {
      policy = policies.apply(policyName);
    } catch (IllegalArgumentException e) {
      policy = null;
    }
    if (policy == null) {
      throw new IOException("zone " + zone + ": no dnssec policy '" + policyName + "' (define it under dnssec-policies)");
    }
    ZoneKeys keys = ZoneKeys.loadOrCreate(keysRoot, zone, policy, clock.instant());
    return new ZoneSigner(zone, policy, keys, clock, new SplittableRandom());
  }
}
