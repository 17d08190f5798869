package org.tandemdns.dnssec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.Master;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

/**
 * A zone's key files in {@code data-dir/keys/ZONE/}, named as BIND names them: {@code
 * Kzone.+alg+tag.key} holds the DNSKEY record in master-file form, {@code Kzone.+alg+tag.pem} the
 * private key as PKCS#8 PEM, mode 0600 in a 0700 directory. Each file is written to a temporary
 * name, synced and renamed, so a crash never leaves half a key.
 */
final class KeyFiles {
  private final Path dir;

  KeyFiles(Path keysRoot, Name zone) {
    String name = zone.toString(true);
    this.dir = keysRoot.resolve(name.isEmpty() ? "root" : name);
  }

  Path dir() {
    return dir;
  }

  static String baseName(Name zone, int algorithm, int tag) {
    return String.format("K%s+%03d+%05d", zone, algorithm, tag);
  }

  void write(Name zone, SigningKey key) throws IOException {
    Files.createDirectories(dir);
    setMode(dir, "rwx------");
    String base = baseName(zone, key.algorithm(), key.tag());
    String pem = "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.privateKey().getEncoded())
        + "\n-----END PRIVATE KEY-----\n";
    writeAtomically(dir.resolve(base + ".pem"), pem, "rw-------");
    writeAtomically(dir.resolve(base + ".key"), "; " + key.role() + " of " + zone + ", created " + key.created() + "\n"
        + key.dnskey() + "\n", "rw-r--r--");
  }

  /** Reads the key {@code tag} of {@code zone}; an unreadable or missing file is an IOException naming it. */
  SigningKey read(Name zone, int algorithm, int tag, KeyRole role, java.time.Instant created) throws IOException {
    String base = baseName(zone, algorithm, tag);
    DNSKEYRecord dnskey = readDnskey(dir.resolve(base + ".key"), zone, tag);
    return new SigningKey(dnskey, readPkcs8(dir.resolve(base + ".pem"), algorithm), role, created);
  }

  /**
   * The DNSKEY of {@code zone} in a {@code .key} file (BIND's form, where the record has no TTL):
   * the one with key tag {@code tag}, or the first when {@code tag} is null.
   */
  static DNSKEYRecord readDnskey(Path file, Name zone, Integer tag) throws IOException {
    try (Master m = new Master(file.toString(), zone, 3600)) {
      for (Record r = m.nextRecord(); r != null; r = m.nextRecord()) {
        if (r instanceof DNSKEYRecord k && (tag == null || k.getFootprint() == tag)) {
          if (!k.getName().equals(zone)) {
            throw new IOException(file + ": the DNSKEY is for " + k.getName() + ", not " + zone);
          }
          return k;
        }
      }
    } catch (java.nio.file.NoSuchFileException | java.io.FileNotFoundException e) {
      throw new IOException(file + ": not found (a key's DNSKEY is read from the .key file beside its private key)");
    } catch (org.xbill.DNS.TextParseException e) {
      throw new IOException(file + ": not a DNSKEY file: " + e.getMessage(), e);
    }
    throw new IOException(file + ": holds no DNSKEY" + (tag == null ? "" : " with tag " + tag));
  }

  /** A PKCS#8 PEM private key of DNSSEC algorithm {@code algorithm} (Tandem's own files, Knot's keys directory). */
  static PrivateKey readPkcs8(Path file, int algorithm) throws IOException {
    String text = Files.readString(file, StandardCharsets.US_ASCII);
    if (!text.contains("-----BEGIN PRIVATE KEY-----")) {
      throw new IOException(file + ": not a PKCS#8 PEM private key (want '-----BEGIN PRIVATE KEY-----')");
    }
    String body = text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    try {
      return KeyFactory.getInstance(KeyMaker.javaAlgorithm(algorithm))
          .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      throw new IOException(file + ": not a PKCS#8 private key of algorithm " + algorithm + " (" + e.getClass().getSimpleName()
          + ")");
    }
  }

  private static void writeAtomically(Path file, String text, String mode) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    Files.createFile(tmp);
    setMode(tmp, mode);
    try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
      ch.write(java.nio.ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)));
      ch.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private static void setMode(Path p, String mode) throws IOException {
    try {
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(mode));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: the directory's own protection applies
    }
  }
}
