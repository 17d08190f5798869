package org.tandemdns.security;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * Certificates and private keys from PEM files (RFC 7468), as OpenSSL, certbot and BIND write them:
 * certificate chains and CA bundles ({@code CERTIFICATE} blocks, leaf first), and unencrypted private
 * keys in PKCS#8 ({@code PRIVATE KEY}), PKCS#1 ({@code RSA PRIVATE KEY}) or SEC 1 ({@code EC PRIVATE
 * KEY}) form. Also the SPKI pin of a certificate (RFC 7469 §2.4: base64 of the SHA-256 of its
 * SubjectPublicKeyInfo), the value {@code pin-sha256} takes.
 */
public final class TlsFiles {
  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*?)-----END \\1-----");

  private TlsFiles() {}

  /** Every certificate in {@code file}, in file order; at least one. */
  public static List<X509Certificate> certificates(Path file) throws IOException {
    List<X509Certificate> out = new ArrayList<>();
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      for (Block b : blocks(file)) {
        if (b.label().equals("CERTIFICATE")) {
          out.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(b.der())));
        }
      }
    } catch (CertificateException e) {
      throw new IOException(file + ": not a readable certificate: " + e.getMessage(), e);
    }
    if (out.isEmpty()) {
      throw new IOException(file + ": no '-----BEGIN CERTIFICATE-----' block (a PEM certificate file is expected)");
    }
    return out;
  }

  /** The one private key in {@code file}. */
  public static PrivateKey privateKey(Path file) throws IOException {
    for (Block b : blocks(file)) {
      try {
        switch (b.label()) {
          case "PRIVATE KEY":
            return pkcs8(b.der());
          case "RSA PRIVATE KEY":
            return pkcs8(new PrivateKeyInfo(new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE),
                org.bouncycastle.asn1.pkcs.RSAPrivateKey.getInstance(b.der())).getEncoded());
          case "EC PRIVATE KEY":
            ECPrivateKey ec = ECPrivateKey.getInstance(b.der());
            if (ec.getParametersObject() == null) {
              throw new IOException(file + ": the EC key does not name its curve; write it with `openssl pkcs8 -topk8 -nocrypt`");
            }
            return pkcs8(new PrivateKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, ec.getParametersObject()), ec)
                .getEncoded());
          case "ENCRYPTED PRIVATE KEY":
            throw new IOException(file + ": the private key is encrypted; Tandem reads unencrypted keys (keep the file"
                + " readable by Tandem only; decrypt with `openssl pkcs8 -in KEY -out KEY.plain`)");
          default:
            break;
        }
      } catch (GeneralSecurityException | IllegalArgumentException e) {
        throw new IOException(file + ": not a readable " + b.label() + ": " + e.getMessage(), e);
      }
    }
    throw new IOException(file + ": no '-----BEGIN PRIVATE KEY-----' block (a PEM private key is expected)");
  }

  /** The SPKI pin of {@code certificate}: base64 of SHA-256 over its SubjectPublicKeyInfo (RFC 7469 §2.4). */
  public static String spkiPin(X509Certificate certificate) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getPublicKey().getEncoded());
      return Base64.getEncoder().encodeToString(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private static PrivateKey pkcs8(byte[] der) throws GeneralSecurityException {
    PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
    GeneralSecurityException last = null;
    for (String algorithm : List.of("RSA", "EC", "Ed25519", "Ed448")) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(spec);
      } catch (GeneralSecurityException e) {
        last = e;
      }
    }
    throw new GeneralSecurityException("not an RSA, EC or EdDSA key (" + last.getMessage() + ")", last);
  }

  private record Block(String label, byte[] der) {}

  private static List<Block> blocks(Path file) throws IOException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (java.nio.charset.MalformedInputException e) {
      throw new IOException(file + ": not a PEM file (binary content; convert DER with `openssl x509 -inform der`)", e);
    }
    List<Block> out = new ArrayList<>();
    Matcher m = BLOCK.matcher(text);
    while (m.find()) {
      try {
        out.add(new Block(m.group(1), Base64.getMimeDecoder().decode(m.group(2))));
      } catch (IllegalArgumentException e) {
        throw new IOException(file + ": a " + m.group(1) + " block is not valid base64", e);
      }
    }
    return out;
  }
}
