package org.tandemdns.testing;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throwaway certificate authority for TLS tests: issues server and client certificates (EC
 * P-256) for names and IP addresses, current or expired, and writes them as PEM files the way
 * OpenSSL does — keys as PKCS#8 unless asked otherwise.
 */
public final class TestTls {
  private static final AtomicLong SERIALS = new AtomicLong(System.currentTimeMillis());

  /** A certificate and its key, as PEM files. */
  public record Issued(Path certificate, Path privateKey, X509Certificate cert, PrivateKey key) {}

  private final Path dir;
  private final KeyPair caKeys;
  private final X509Certificate ca;
  private final Path caFile;

  private TestTls(Path dir, String name) throws Exception {
    this.dir = dir;
    Files.createDirectories(dir);
    this.caKeys = ecKeys();
    X500Name subject = new X500Name("CN=" + name);
    Instant now = Instant.now();
    JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject, serial(), Date.from(now.minus(Duration.ofHours(1))),
        Date.from(now.plus(Duration.ofDays(30))), subject, caKeys.getPublic());
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    this.ca = sign(b, caKeys.getPrivate());
    this.caFile = dir.resolve(name + "-ca.pem");
    Files.writeString(caFile, pem(ca));
  }

  /** A new authority whose certificate is written to {@code dir/NAME-ca.pem}. */
  public static TestTls authority(Path dir, String name) throws Exception {
    return new TestTls(dir, name);
  }

  /** The authority's certificate file. */
  public Path caFile() {
    return caFile;
  }

  /** A certificate valid now for {@code names} (IP literals become iPAddress names), for servers and clients. */
  public Issued issue(String stem, String... names) throws Exception {
    Instant now = Instant.now();
    return issue(stem, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(7)), names);
  }

  /** A certificate that expired yesterday. */
  public Issued expired(String stem, String... names) throws Exception {
    Instant now = Instant.now();
    return issue(stem, now.minus(Duration.ofDays(10)), now.minus(Duration.ofDays(1)), names);
  }

  private Issued issue(String stem, Instant from, Instant until, String... names) throws Exception {
    KeyPair keys = ecKeys();
    JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(ca, serial(), Date.from(from), Date.from(until),
        new X500Name("CN=" + names[0]), keys.getPublic());
    List<GeneralName> alt = new ArrayList<>();
    for (String n : names) {
      boolean ip = n.matches("[0-9.]+") || n.contains(":");
      alt.add(ip ? new GeneralName(GeneralName.iPAddress, InetAddress.getByName(n).getHostAddress()) : new GeneralName(GeneralName.dNSName, n));
    }
    b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(alt.toArray(new GeneralName[0])));
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    X509Certificate cert = sign(b, caKeys.getPrivate());
    Path certFile = dir.resolve(stem + ".pem");
    Path keyFile = dir.resolve(stem + ".key");
    Files.writeString(certFile, pem(cert));
    writePkcs8(keys.getPrivate(), keyFile);
    return new Issued(certFile, keyFile, cert, keys.getPrivate());
  }

  /** Writes {@code key} as PKCS#8 ({@code BEGIN PRIVATE KEY}). */
  public static void writePkcs8(PrivateKey key, Path file) throws IOException {
    Files.writeString(file, pem(new JcaPKCS8Generator(key, null).generate()));
  }

  private static String pem(Object o) throws IOException {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(out)) {
      w.writeObject(o);
    }
    return out.toString();
  }

  private static X509Certificate sign(JcaX509v3CertificateBuilder b, PrivateKey by) throws Exception {
    return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(by)));
  }

  private static BigInteger serial() {
    return BigInteger.valueOf(SERIALS.incrementAndGet());
  }

  private static KeyPair ecKeys() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }
}
