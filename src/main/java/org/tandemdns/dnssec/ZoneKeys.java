package org.tandemdns.dnssec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandemdns.config.DnssecPolicy;
import org.xbill.DNS.Name;

/**
 * The keys a zone is signed with, and the list that says which they are: {@code
 * data-dir/keys/ZONE/keys.state}, one line per key ({@code tag algorithm role created}), written
 * after the key files, so a crash between the two leaves an unused key file, never a listed key
 * without its file. A zone without a list gets new keys as its policy says (one CSK, or a KSK and
 * a ZSK); a listed key whose file is missing or unreadable is an error that names the file.
 */
public final class ZoneKeys {
  private static final Logger log = LoggerFactory.getLogger(ZoneKeys.class);
  static final String STATE = "keys.state";

  private final Name zone;
  private final List<SigningKey> keys;

  private ZoneKeys(Name zone, List<SigningKey> keys) {
    this.zone = zone;
    this.keys = List.copyOf(keys);
  }

  /** Keys in memory only, for tests and tools that need no files. */
  public static ZoneKeys of(Name zone, List<SigningKey> keys) {
    return new ZoneKeys(zone, keys);
  }

  /** Reads the zone's keys from {@code keysRoot}, creating them first when the zone has none. */
  public static ZoneKeys loadOrCreate(Path keysRoot, Name zone, DnssecPolicy policy, Instant now) throws IOException {
    KeyFiles files = new KeyFiles(keysRoot, zone);
    Path state = files.dir().resolve(STATE);
    List<String> lines;
    try {
      lines = Files.readAllLines(state, StandardCharsets.US_ASCII);
    } catch (NoSuchFileException e) {
      return create(files, state, zone, policy, now);
    }
    List<SigningKey> keys = new ArrayList<>();
    for (String line : lines) {
      String l = line.strip();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      String[] f = l.split("\\s+");
      if (f.length != 4) {
        throw new IOException(state + ": cannot read line '" + l + "' (want: tag algorithm role created)");
      }
      try {
        keys.add(files.read(zone, Integer.parseInt(f[1]), Integer.parseInt(f[0]), KeyRole.valueOf(f[2]), Instant.parse(f[3])));
      } catch (IllegalArgumentException | java.time.format.DateTimeParseException e) {
        throw new IOException(state + ": cannot read line '" + l + "': " + e.getMessage());
      }
    }
    if (keys.isEmpty()) {
      throw new IOException(state + " lists no keys");
    }
    ZoneKeys loaded = new ZoneKeys(zone, keys);
    if (keys.get(0).algorithm() != policy.signingAlgorithm().number()) {
      log.warn("zone {}: policy '{}' asks for algorithm {} but the zone's keys are algorithm {}; keeping the keys"
          + " (algorithm rollovers are not automated yet)", zone, policy.name(), policy.signingAlgorithm().number(),
          keys.get(0).algorithm());
    }
    return loaded;
  }

  private static ZoneKeys create(KeyFiles files, Path state, Name zone, DnssecPolicy policy, Instant when) throws IOException {
    Instant now = when.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    List<SigningKey> keys = new ArrayList<>();
    long ttl = policy.dnskeyTtl().toSeconds();
    if (policy.keyScheme() == DnssecPolicy.KeyScheme.CSK) {
      keys.add(KeyMaker.generate(zone, policy.signingAlgorithm(), KeyRole.CSK, ttl, now));
    } else {
      keys.add(KeyMaker.generate(zone, policy.signingAlgorithm(), KeyRole.KSK, ttl, now));
      keys.add(KeyMaker.generate(zone, policy.signingAlgorithm(), KeyRole.ZSK, ttl, now));
    }
    StringBuilder text = new StringBuilder("# keys of " + zone + ": tag algorithm role created\n");
    for (SigningKey k : keys) {
      files.write(zone, k);
      text.append(k.tag()).append(' ').append(k.algorithm()).append(' ').append(k.role()).append(' ')
          .append(k.created()).append('\n');
    }
    Path tmp = state.resolveSibling(STATE + ".tmp");
    Files.writeString(tmp, text, StandardCharsets.US_ASCII);
    Files.move(tmp, state, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    for (SigningKey k : keys) {
      log.info("zone {}: created {} in {}", zone, k, files.dir());
    }
    return new ZoneKeys(zone, keys);
  }

  public Name zone() {
    return zone;
  }

  public List<SigningKey> all() {
    return keys;
  }

  /** The keys that sign the apex DNSKEY, CDS and CDNSKEY RRsets. */
  public List<SigningKey> keySigning() {
    return keys.stream().filter(k -> k.role().signsKeys()).toList();
  }

  /** The keys that sign every other RRset. */
  public List<SigningKey> zoneSigning() {
    return keys.stream().filter(k -> k.role().signsZone()).toList();
  }
}
