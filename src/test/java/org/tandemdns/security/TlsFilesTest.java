package org.tandemdns.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandemdns.testing.TestTls;

class TlsFilesTest {
  @TempDir Path dir;

  @Test
  void readsChainsAndKeysInEveryUnencryptedPemForm() throws Exception {
    TestTls ca = TestTls.authority(dir, "test");
    TestTls.Issued server = ca.issue("server", "127.0.0.1", "ns1.example");
    Files.writeString(dir.resolve("chain.pem"), Files.readString(server.certificate()) + Files.readString(ca.caFile()));
    assertThat(TlsFiles.certificates(dir.resolve("chain.pem"))).hasSize(2).first().isEqualTo(server.cert());
    assertThat(TlsFiles.privateKey(server.privateKey())).isEqualTo(server.key());

    openssl("ec", "-in", server.privateKey().toString(), "-out", dir.resolve("sec1.key").toString());
    assertThat(Files.readString(dir.resolve("sec1.key"))).contains("BEGIN EC PRIVATE KEY");
    assertThat(((java.security.interfaces.ECPrivateKey) TlsFiles.privateKey(dir.resolve("sec1.key"))).getS())
        .isEqualTo(((java.security.interfaces.ECPrivateKey) server.key()).getS());

    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    PrivateKey rsaKey = rsa.generateKeyPair().getPrivate();
    TestTls.writePkcs8(rsaKey, dir.resolve("rsa8.key"));
    openssl("rsa", "-traditional", "-in", dir.resolve("rsa8.key").toString(), "-out", dir.resolve("pkcs1.key").toString());
    assertThat(Files.readString(dir.resolve("pkcs1.key"))).contains("BEGIN RSA PRIVATE KEY");
    assertThat(((java.security.interfaces.RSAPrivateKey) TlsFiles.privateKey(dir.resolve("pkcs1.key"))).getPrivateExponent())
        .isEqualTo(((java.security.interfaces.RSAPrivateKey) rsaKey).getPrivateExponent());
  }

  /** OpenSSL writes the traditional forms, as an operator's files would be. */
  private static void openssl(String... args) throws Exception {
    java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("openssl"));
    command.addAll(java.util.List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as("openssl " + String.join(" ", args) + ": " + out).isZero();
  }

  @Test
  void pinIsBase64OfSha256OverTheSubjectPublicKeyInfo() throws Exception {
    TestTls.Issued server = TestTls.authority(dir, "test").issue("server", "127.0.0.1");
    byte[] spki = server.cert().getPublicKey().getEncoded();
    String expected = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(spki));
    assertThat(TlsFiles.spkiPin(server.cert())).isEqualTo(expected).hasSize(44);
  }

  @Test
  void unusableFilesSayWhatIsWrong() throws Exception {
    Path empty = Files.writeString(dir.resolve("empty.pem"), "hello\n");
    assertThatThrownBy(() -> TlsFiles.certificates(empty)).isInstanceOf(IOException.class).hasMessageContaining("no '-----BEGIN CERTIFICATE");
    assertThatThrownBy(() -> TlsFiles.privateKey(empty)).isInstanceOf(IOException.class).hasMessageContaining("no '-----BEGIN PRIVATE KEY");
    Path encrypted = Files.writeString(dir.resolve("enc.key"), "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n");
    assertThatThrownBy(() -> TlsFiles.privateKey(encrypted)).hasMessageContaining("encrypted");
    Path broken = Files.writeString(dir.resolve("broken.pem"), "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
    assertThatThrownBy(() -> TlsFiles.certificates(broken)).hasMessageContaining("not a readable certificate");
    assertThatThrownBy(() -> TlsFiles.certificates(dir.resolve("missing.pem"))).isInstanceOf(IOException.class);
  }
}
