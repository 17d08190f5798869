package org.tandemdns.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiOptionsTest {
  @TempDir Path cwd;

  @Test
  void theServerComesFromTheOptionThenTheEnvironmentThenTheDefault() throws Exception {
    Map<String, String> env = Map.of("TANDEM_SERVER", "http://192.0.2.1:9000");
    assertThat(ApiOptions.serverUri("http://127.0.0.1:18053", env)).hasToString("http://127.0.0.1:18053");
    assertThat(ApiOptions.serverUri(null, env)).hasToString("http://192.0.2.1:9000");
    assertThat(ApiOptions.serverUri(null, Map.of())).hasToString("http://127.0.0.1:8053");
    assertThat(ApiOptions.serverUri(null, Map.of("TANDEM_SERVER", " "))).hasToString("http://127.0.0.1:8053");
    assertThat(ApiOptions.serverUri("127.0.0.1:8054", Map.of())).hasToString("http://127.0.0.1:8054");
    assertThat(ApiOptions.serverUri("https://[::1]:8443", Map.of())).hasToString("https://[::1]:8443");
  }

  @Test
  void aBadServerUrlIsAUsageErrorNamingWhereItCameFrom() {
    assertThatThrownBy(() -> ApiOptions.serverUri("ftp://x", Map.of())).isInstanceOf(UsageError.class)
        .hasMessage("--server: 'ftp://x' is not an API URL (expected http://HOST:PORT, e.g. http://127.0.0.1:8053)");
    assertThatThrownBy(() -> ApiOptions.serverUri(null, Map.of("TANDEM_SERVER", "http://h:1/?x=1")))
        .isInstanceOf(UsageError.class).hasMessageStartingWith("TANDEM_SERVER: 'http://h:1/?x=1' is not an API URL");
  }

  @Test
  void theTokenComesFromTheFileThenTheEnvironmentThenTheLocalDataDirectory() throws Exception {
    Files.writeString(cwd.resolve("ops.token"), "from-file\n");
    Files.createDirectories(cwd.resolve("tandem-data"));
    Files.writeString(cwd.resolve("tandem-data/api.token"), "from-data-dir\n");
    Map<String, String> env = Map.of("TANDEM_TOKEN", "from-env");
    assertThat(ApiOptions.token(Path.of("ops.token"), env, cwd)).isEqualTo("from-file");
    assertThat(ApiOptions.token(null, env, cwd)).isEqualTo("from-env");
    assertThat(ApiOptions.token(null, Map.of(), cwd)).isEqualTo("from-data-dir");
    assertThat(ApiOptions.token(null, Map.of(), cwd.resolve("tandem-data"))).isNull();
  }

  @Test
  void anUnreadableOrEmptyTokenFileIsAUsageError() throws Exception {
    assertThatThrownBy(() -> ApiOptions.token(Path.of("missing.token"), Map.of(), cwd)).isInstanceOf(UsageError.class)
        .hasMessageStartingWith("--token-file: cannot read " + cwd.resolve("missing.token"));
    Files.writeString(cwd.resolve("empty.token"), "\n");
    assertThatThrownBy(() -> ApiOptions.token(Path.of("empty.token"), Map.of(), cwd)).isInstanceOf(UsageError.class)
        .hasMessageContaining("is empty");
  }
}
