package org.tandemdns.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class PeerRequirementTest {

  @TempDir Path dir;

  @Test
  void missingProgramSkipsOutsideCi() {
    assertThatThrownBy(() -> PeerRequirement.require("knotd", Map.of(), List.of(dir)))
        .isInstanceOf(TestAbortedException.class)
        .hasMessageContaining("knotd not installed; apt-get install knot");
  }

  @Test
  void missingProgramFailsInCi() {
    assertThatThrownBy(() -> PeerRequirement.require("named", Map.of("CI", "true"), List.of(dir)))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining("named not installed; apt-get install bind9");
  }

  @Test
  void missingMotoNamesPipNotApt() {
    assertThatThrownBy(() -> PeerRequirement.require("moto_server", Map.of("CI", "true"), List.of(dir)))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining("moto_server not installed; pip install 'moto[server]'")
        .hasMessageNotContaining("apt-get");
  }

  @Test
  void executableOnTheSearchPathIsFound() throws Exception {
    Path program = Files.createFile(dir.resolve("nsd"));
    program.toFile().setExecutable(true);

    assertThat(PeerRequirement.require("nsd", Map.of("CI", "true"), List.of(dir))).isEqualTo(program);
  }
}
