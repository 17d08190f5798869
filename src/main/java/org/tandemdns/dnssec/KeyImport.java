package org.tandemdns.dnssec;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.tandemdns.config.DnssecPolicy;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.RRset;

/**
 * Imports a zone's existing keys, so that a zone signed by BIND or Knot moves to Tandem with the
 * same DNSKEY RRset and the DS at the parent stays valid: no insecure moment, no DS change.
 *
 * <ul>
 *   <li>BIND: the {@code Kzone.+alg+tag.private} file (Private-key-format v1.2/v1.3: {@code
 *       PrivateKey:} for ECDSA and Ed25519, {@code Modulus:} ... {@code Coefficient:} for RSA),
 *       with the {@code .key} file beside it for the DNSKEY;
 *   <li>Knot (and Tandem's own): a PKCS#8 {@code .pem} private key, with a {@code .key} file of
 *       the same base name holding the DNSKEY ({@code keymgr ZONE dnskey ID > ID.key}).
 * </ul>
 *
 * The role follows the DNSKEY flags: 256 a ZSK, 257 a KSK, or a CSK when no ZSK is imported with
 * it. A private key that does not match its DNSKEY is refused (a test signature must verify).
 * Imported keys are published and active from the import; only a zone without keys yet can get
 * them, before Tandem first signs it.
 */
public final class KeyImport {
  private KeyImport() {}

  /**
   * Writes the keys of {@code privateFiles} as {@code zone}'s keys under {@code keysRoot}.
   *
   * @return the keys written
   * @throws IOException naming the file and the reason when a key cannot be imported, or when the
   *     zone already has keys
   */
  public static List<SigningKey> importKeys(Path keysRoot, Name zone, List<Path> privateFiles, Instant now)
      throws IOException {
    KeyFiles files = new KeyFiles(keysRoot, zone);
    if (Files.exists(files.dir().resolve(ZoneKeys.STATE))) {
      throw new IOException("zone " + zone + " already has keys (" + files.dir().resolve(ZoneKeys.STATE) + "): keys"
          + " are imported before Tandem first signs the zone, so the DNSKEY RRset it publishes is the one the parent's"
          + " DS points to");
    }
    List<DNSKEYRecord> dnskeys = new ArrayList<>();
    List<PrivateKey> privates = new ArrayList<>();
    for (Path f : privateFiles) {
      DNSKEYRecord dnskey = KeyFiles.readDnskey(publicFile(f), zone, null);
      dnskeys.add(dnskey);
      privates.add(f.toString().endsWith(".private") ? bindPrivateKey(f, dnskey) : KeyFiles.readPkcs8(f, dnskey.getAlgorithm()));
    }
    boolean anyZsk = dnskeys.stream().anyMatch(k -> (k.getFlags() & 1) == 0);
    List<SigningKey> keys = new ArrayList<>();
    Instant t = now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    for (int i = 0; i < dnskeys.size(); i++) {
      DNSKEYRecord k = dnskeys.get(i);
      if ((k.getFlags() & 256) == 0) {
        throw new IOException(privateFiles.get(i) + ": DNSKEY " + k.getFootprint() + " has no ZONE flag (flags "
            + k.getFlags() + "); it cannot sign a zone");
      }
      KeyRole role = (k.getFlags() & 1) == 0 ? KeyRole.ZSK : anyZsk ? KeyRole.KSK : KeyRole.CSK;
      SigningKey key = new SigningKey(k, privates.get(i), role, t);
      proveMatch(zone, key, privateFiles.get(i));
      keys.add(key);
    }
    if (keys.stream().noneMatch(k -> k.role().signsKeys())) {
      throw new IOException("zone " + zone + ": no KSK or CSK among the keys imported (a DNSKEY with flags 257)");
    }
    ZoneKeys.of(zone, List.of()).withFiles(files).replaced(keys);
    return keys;
  }

  /** {@code Kzone.+013+12345.private} → {@code Kzone.+013+12345.key}. */
  static Path publicFile(Path privateFile) {
    String n = privateFile.getFileName().toString();
    int dot = n.lastIndexOf('.');
    return privateFile.resolveSibling((dot < 0 ? n : n.substring(0, dot)) + ".key");
  }

  /** BIND's private key format: {@code Name: value} lines, binary values in base64. */
  private static PrivateKey bindPrivateKey(Path file, DNSKEYRecord dnskey) throws IOException {
    Map<String, String> fields = new HashMap<>();
    for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        fields.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
      }
    }
    String format = fields.get("Private-key-format");
    if (format == null || !format.startsWith("v1.")) {
      throw new IOException(file + ": not a BIND private key file (no 'Private-key-format: v1.x' line)");
    }
    String alg = fields.getOrDefault("Algorithm", "").split("\\s+")[0];
    if (!alg.equals(String.valueOf(dnskey.getAlgorithm()))) {
      throw new IOException(file + ": algorithm " + alg + ", but its DNSKEY is algorithm " + dnskey.getAlgorithm());
    }
    try {
      return switch (dnskey.getAlgorithm()) {
        case DNSSEC.Algorithm.ECDSAP256SHA256, DNSSEC.Algorithm.ECDSAP384SHA384 -> {
          AlgorithmParameters p = AlgorithmParameters.getInstance("EC");
          p.init(new ECGenParameterSpec(dnskey.getAlgorithm() == DNSSEC.Algorithm.ECDSAP256SHA256 ? "secp256r1" : "secp384r1"));
          yield KeyFactory.getInstance("EC").generatePrivate(new ECPrivateKeySpec(number(fields, "PrivateKey", file),
              p.getParameterSpec(ECParameterSpec.class)));
        }
        case DNSSEC.Algorithm.ED25519 -> {
          byte[] seed = Base64.getDecoder().decode(need(fields, "PrivateKey", file));
          byte[] der = HexFormat.of().parseHex("302e020100300506032b657004220420");
          byte[] pkcs8 = java.util.Arrays.copyOf(der, der.length + seed.length);
          System.arraycopy(seed, 0, pkcs8, der.length, seed.length);
          yield KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        }
        case DNSSEC.Algorithm.RSASHA256, DNSSEC.Algorithm.RSASHA512, DNSSEC.Algorithm.RSASHA1,
            DNSSEC.Algorithm.RSA_NSEC3_SHA1 -> KeyFactory.getInstance("RSA").generatePrivate(new RSAPrivateCrtKeySpec(
            number(fields, "Modulus", file), number(fields, "PublicExponent", file),
            number(fields, "PrivateExponent", file), number(fields, "Prime1", file), number(fields, "Prime2", file),
            number(fields, "Exponent1", file), number(fields, "Exponent2", file), number(fields, "Coefficient", file)));
        default -> throw new IOException(file + ": DNSSEC algorithm " + dnskey.getAlgorithm() + " cannot be imported");
      };
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IOException(file + ": cannot read the private key (" + e.getMessage() + ")");
    }
  }

  private static String need(Map<String, String> fields, String name, Path file) throws IOException {
    String v = fields.get(name);
    if (v == null) {
      throw new IOException(file + ": no '" + name + ":' line");
    }
    return v;
  }

  private static BigInteger number(Map<String, String> fields, String name, Path file) throws IOException {
    return new BigInteger(1, Base64.getDecoder().decode(need(fields, name, file)));
  }

  /** Signs a test RRset with the private key and verifies it with the DNSKEY: a key pair that does not match is refused. */
  private static void proveMatch(Name zone, SigningKey key, Path file) throws IOException {
    try {
      RRset probe = new RRset(new ARecord(zone, DClass.IN, 300, java.net.InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, 1})));
      Instant now = Instant.now();
      RRSIGRecord sig = RrsigMaker.sign(probe, key, key.dnskey(), now.minusSeconds(60), now.plusSeconds(3600));
      DNSSEC.verify(probe, sig, key.dnskey(), now);
    } catch (DNSSEC.DNSSECException | java.net.UnknownHostException | RuntimeException e) {
      throw new IOException(file + ": the private key does not match DNSKEY " + key.tag() + " (" + e.getMessage() + ")");
    }
  }

  /** True when the keys' algorithm is the policy's (an import of other keys is allowed, with a warning at start). */
  public static boolean matchesPolicy(List<SigningKey> keys, DnssecPolicy policy) {
    return keys.stream().allMatch(k -> k.algorithm() == policy.signingAlgorithm().number());
  }
}
