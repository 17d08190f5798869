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
    Path pub = dir.resolve(base + ".key");
    Path priv = dir.resolve(base + ".pem");
    DNSKEYRecord dnskey = null;
    try (Master m = new Master(pub.toString(), zone)) {
      for (Record r = m.nextRecord(); r != null; r = m.nextRecord()) {
        if (r instanceof DNSKEYRecord k && k.getFootprint() == tag) {
          dnskey = k;
        }
      }
    } catch (org.xbill.DNS.TextParseException e) {
      throw new IOException(pub + ": not a DNSKEY file: " + e.getMessage(), e);
    }
    if (dnskey == null) {
      throw new IOException(pub + ": holds no DNSKEY with tag " + tag);
    }
    String text = Files.readString(priv, StandardCharsets.US_ASCII);
    String body = text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    try {
      byte[] der = Base64.getDecoder().decode(body);
      PrivateKey privateKey = KeyFactory.getInstance(KeyMaker.javaAlgorithm(algorithm)).generatePrivate(new PKCS8EncodedKeySpec(der));
      return new SigningKey(dnskey, privateKey, role, created);
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      throw new IOException(priv + ": not a PKCS#8 private key of algorithm " + algorithm + " (" + e.getClass().getSimpleName() + ")");
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
