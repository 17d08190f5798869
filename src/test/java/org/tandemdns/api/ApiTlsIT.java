package org.tandemdns.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandemdns.TandemServer;
import org.tandemdns.config.ConfigLoader;
import org.tandemdns.testing.CommandResult;
import org.tandemdns.testing.PeerRequirement;
import org.tandemdns.testing.TandemInProcess;
import org.tandemdns.testing.TestTls;

/**
 * The API listener over HTTPS from PEM files ({@code api.certificate}, {@code api.private-key}),
 * checked with curl trusting only the test CA: the API and the console answer over TLS, the
 * console's session cookie is Secure, plain HTTP to the port gets no answer, and an expired
 * certificate stops the start with a message naming the file.
 */
class ApiTlsIT {
  private static final String TOKEN = "api-tls-admin-token-0c4e";

  @TempDir Path tmp;

  private Path config(TestTls.Issued cert) throws Exception {
    return Files.writeString(tmp.resolve("tandem.yaml"), """
        server:
          listen: ["127.0.0.1:0"]
          data-dir: data
        api:
          listen: "127.0.0.1:0"
          certificate: %s
          private-key: %s
          tokens:
            - {name: ops, secret: "%s", role: admin}
        zones: []
        """.formatted(tmp.relativize(cert.certificate()), tmp.relativize(cert.privateKey()), TOKEN));
  }

  private static CommandResult curl(String... args) throws Exception {
    Path curl = PeerRequirement.require("curl");
    List<String> cmd = new java.util.ArrayList<>(List.of(curl.toString(), "-sS", "--max-time", "10"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
    String out = new String(p.getInputStream().readAllBytes());
    String err = new String(p.getErrorStream().readAllBytes());
    return new CommandResult(String.join(" ", cmd), p.waitFor(), out, err);
  }

  @Test
  void theApiAndTheConsoleAnswerOverHttpsOnly() throws Exception {
    TestTls ca = TestTls.authority(tmp, "test");
    TestTls.Issued cert = ca.issue("api", "127.0.0.1", "localhost");
    try (TandemServer server = TandemInProcess.start(new ConfigLoader().load(config(cert)))) {
      String base = "https://127.0.0.1:" + server.apiAddress().getPort();
      CommandResult zones = curl("--cacert", ca.caFile().toString(), "-H", "Authorization: Bearer " + TOKEN, base + "/api/v1/zones");
      assertThat(zones.exitCode()).as(zones.output()).isZero();
      assertThat(zones.stdout()).contains("\"zones\"");
      CommandResult login = curl("--cacert", ca.caFile().toString(), "-D", "-", "-o", "/dev/null", "--data-urlencode", "token=" + TOKEN,
          base + "/ui/login");
      assertThat(login.stdout()).contains("HTTP/1.1 303").containsPattern("(?i)set-cookie: tandem_session=[^;]+; Path=/; HttpOnly; SameSite=Strict; Secure");
      CommandResult untrusted = curl(base + "/api/v1/zones");
      assertThat(untrusted.exitCode()).as("the system's CAs do not know the test CA").isNotZero();
      CommandResult plain = curl("http://127.0.0.1:" + server.apiAddress().getPort() + "/api/v1/zones");
      assertThat(plain.exitCode()).as("plain HTTP gets no HTTP answer: %s", plain.output()).isNotZero();
    }
  }

  @Test
  void anExpiredCertificateStopsTheStartAndSaysWhich() throws Exception {
    TestTls.Issued old = TestTls.authority(tmp, "test").expired("old", "127.0.0.1");
    assertThatThrownBy(() -> TandemInProcess.start(new ConfigLoader().load(config(old))).close())
        .hasMessageContaining(old.certificate().toString()).hasMessageContaining("not valid now");
  }
}
