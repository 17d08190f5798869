package org.tandemdns.dnssec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandemdns.config.DnssecPolicy;
import org.xbill.DNS.Name;

/**
 * The keys a zone is signed with, and the list that says which they are and when each is
 * published, active, retired and removed ({@link KeyTimes}): {@code data-dir/keys/ZONE/keys.state},
 * one line per key,
 *
 * <pre>
 *   TAG ALGORITHM ROLE CREATED [publish=T] [active=T] [retire=T] [remove=T] [ds-seen=T]
 * </pre>
 *
 * (a line of the first version, without times, is a key published and active since its creation).
 * The list is replaced atomically and only after the key files it names are on disk, so a crash
 * leaves an unused key file at worst, never a listed key without its file. A zone without a list
 * gets new keys as its policy says (one CSK, or a KSK and a ZSK); a listed key whose file is
 * missing or unreadable is an error that names the file. Immutable: a rollover step makes a new
 * {@code ZoneKeys} with {@link #replaced}.
 */
public final class ZoneKeys {
  private static final Logger log = LoggerFactory.getLogger(ZoneKeys.class);
  static final String STATE = "keys.state";

  private final Name zone;
  private final List<SigningKey> keys;
  private final KeyFiles files; // null: in memory only

  private ZoneKeys(Name zone, List<SigningKey> keys, KeyFiles files) {
    this.zone = zone;
    this.keys = List.copyOf(keys);
    this.files = files;
  }

  /** These keys, written to {@code files} by the next {@link #replaced}. */
  ZoneKeys withFiles(KeyFiles files) {
    return new ZoneKeys(zone, keys, files);
  }

  /** Keys in memory only, for tests and tools that need no files. */
  public static ZoneKeys of(Name zone, List<SigningKey> keys) {
    return new ZoneKeys(zone, keys, null);
  }

  /** Reads the zone's keys from {@code keysRoot}, creating them first when the zone has none. */
  public static ZoneKeys loadOrCreate(Path keysRoot, Name zone, DnssecPolicy policy, Instant now) throws IOException {
    KeyFiles files = new KeyFiles(keysRoot, zone);
    Path state = files.dir().resolve(STATE);
    List<String> lines;
    try {
      lines = Files.readAllLines(state, StandardCharsets.US_ASCII);
    } catch (NoSuchFileException e) {
      return create(files, zone, policy, now);
    }
    List<SigningKey> keys = new ArrayList<>();
    for (String line : lines) {
      String l = line.strip();
      if (!l.isEmpty() && !l.startsWith("#")) {
        keys.add(parse(files, zone, state, l));
      }
    }
    if (keys.isEmpty()) {
      throw new IOException(state + " lists no keys");
    }
    ZoneKeys loaded = new ZoneKeys(zone, keys, files);
    if (keys.stream().noneMatch(k -> k.algorithm() == policy.signingAlgorithm().number())) {
      log.warn("zone {}: policy '{}' asks for algorithm {} but the zone's keys are algorithm {}; keeping the keys"
          + " (algorithm rollovers are not automated yet)", zone, policy.name(), policy.signingAlgorithm().number(),
          keys.get(0).algorithm());
    }
    return loaded;
  }

  private static SigningKey parse(KeyFiles files, Name zone, Path state, String line) throws IOException {
    String[] f = line.split("\\s+");
    if (f.length < 4) {
      throw new IOException(state + ": cannot read line '" + line + "' (want: tag algorithm role created [name=time ...])");
    }
    try {
      Instant created = Instant.parse(f[3]);
      KeyTimes t = f.length == 4 ? KeyTimes.from(created) : new KeyTimes(null, null, null, null, null);
      for (int i = 4; i < f.length; i++) {
        int eq = f[i].indexOf('=');
        if (eq < 0) {
          throw new IllegalArgumentException("'" + f[i] + "' is not name=time");
        }
        Instant v = Instant.parse(f[i].substring(eq + 1));
        t = switch (f[i].substring(0, eq)) {
          case "publish" -> new KeyTimes(v, t.active(), t.retire(), t.remove(), t.dsSeen());
          case "active" -> t.withActive(v);
          case "retire" -> t.withRetire(v);
          case "remove" -> t.withRemove(v);
          case "ds-seen" -> t.withDsSeen(v);
          default -> throw new IllegalArgumentException("unknown time '" + f[i].substring(0, eq) + "'");
        };
      }
      return files.read(zone, Integer.parseInt(f[1]), Integer.parseInt(f[0]), KeyRole.valueOf(f[2]), created)
          .withTimes(t);
    } catch (IllegalArgumentException | DateTimeParseException e) {
      throw new IOException(state + ": cannot read line '" + line + "': " + e.getMessage());
    }
  }

  private static ZoneKeys create(KeyFiles files, Name zone, DnssecPolicy policy, Instant when) throws IOException {
    Instant now = when.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    List<SigningKey> keys = new ArrayList<>();
    long ttl = policy.dnskeyTtl().toSeconds();
    if (policy.keyScheme() == DnssecPolicy.KeyScheme.CSK) {
      keys.add(KeyMaker.generate(zone, policy.signingAlgorithm(), KeyRole.CSK, ttl, now));
    } else {
      keys.add(KeyMaker.generate(zone, policy.signingAlgorithm(), KeyRole.KSK, ttl, now));
      keys.add(KeyMaker.generate(zone, policy.signingAlgorithm(), KeyRole.ZSK, ttl, now));
    }
    ZoneKeys created = new ZoneKeys(zone, List.of(), files).replaced(keys);
    for (SigningKey k : keys) {
      log.info("zone {}: created {} in {}", zone, k, files.dir());
    }
    return created;
  }

  /**
   * These keys with {@code next} instead: the files of keys not yet on disk are written, then the
   * list is replaced atomically. In memory only for keys made by {@link #of}.
   */
  public ZoneKeys replaced(List<SigningKey> next) throws IOException {
    if (files == null) {
      return new ZoneKeys(zone, next, null);
    }
    StringBuilder text = new StringBuilder("# keys of " + zone
        + ": tag algorithm role created, then when each is published, active, retired, removed\n");
    for (SigningKey k : next) {
      if (keys.stream().noneMatch(o -> o.tag() == k.tag() && o.algorithm() == k.algorithm())) {
        files.write(zone, k);
      }
      text.append(k.tag()).append(' ').append(k.algorithm()).append(' ').append(k.role()).append(' ').append(k.created());
      KeyTimes t = k.times();
      append(text, "publish", t.publish());
      append(text, "active", t.active());
      append(text, "retire", t.retire());
      append(text, "remove", t.remove());
      append(text, "ds-seen", t.dsSeen());
      text.append('\n');
    }
    Path state = files.dir().resolve(STATE);
    Path tmp = state.resolveSibling(STATE + ".tmp");
    Files.createDirectories(files.dir());
    Files.writeString(tmp, text, StandardCharsets.US_ASCII);
    try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
      ch.force(true);
    }
    Files.move(tmp, state, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    return new ZoneKeys(zone, next, files);
  }

  private static void append(StringBuilder b, String name, Instant t) {
    if (t != null) {
      b.append(' ').append(name).append('=').append(t);
    }
  }

  /** A new key for this zone (not yet listed: pass it to {@link #replaced}). */
  SigningKey generate(DnssecPolicy policy, KeyRole role, Instant now, KeyTimes times) {
    for (int attempt = 0; ; attempt++) {
      SigningKey k = KeyMaker.generate(zone, policy.signingAlgorithm(), role, policy.dnskeyTtl().toSeconds(),
          now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)).withTimes(times);
      boolean clash = keys.stream().anyMatch(o -> o.tag() == k.tag());
      if (!clash || attempt > 10) {
        return k;
      }
    }
  }

  public Name zone() {
    return zone;
  }

  /** Every listed key, removed ones included, oldest first. */
  public List<SigningKey> all() {
    return keys;
  }

  /** The keys in the DNSKEY RRset at {@code now}. */
  public List<SigningKey> published(Instant now) {
    return keys.stream().filter(k -> k.state(now).published()).toList();
  }

  /** The keys that sign the apex DNSKEY, CDS and CDNSKEY RRsets at {@code now}: every published KSK and CSK. */
  public List<SigningKey> keySigning(Instant now) {
    return keys.stream().filter(k -> k.role().signsKeys() && k.state(now).published()).toList();
  }

  /** The keys that sign every other RRset at {@code now}: the active ZSKs and CSKs. */
  public List<SigningKey> zoneSigning(Instant now) {
    return keys.stream().filter(k -> k.role().signsZone() && k.state(now) == KeyState.ACTIVE).toList();
  }

  /**
   * The key the parent's DS should point to at {@code now}, shown as CDS/CDNSKEY (RFC 7344 §4) and
   * by {@code tandem dnssec ds}: the newest active KSK or CSK (during a rollover the new one, once
   * it is ready); null when none is active.
   */
  public SigningKey dsKey(Instant now) {
    return keys.stream().filter(k -> k.role().signsKeys() && k.state(now) == KeyState.ACTIVE)
        .max(Comparator.comparing((SigningKey k) -> k.times().active()).thenComparing(SigningKey::created))
        .orElse(null);
  }

  /** The first key event after {@code now} (a key published, active, retired or removed), or null. */
  public Instant nextEvent(Instant now) {
    Instant next = null;
    for (SigningKey k : keys) {
      Instant t = k.times().nextAfter(now);
      if (t != null && (next == null || t.isBefore(next))) {
        next = t;
      }
    }
    return next;
  }
}
