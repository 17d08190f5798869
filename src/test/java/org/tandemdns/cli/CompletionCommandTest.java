package org.tandemdns.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 15, conveniences: the completion script, run by a real bash, completes commands and options. */
class CompletionCommandTest {

  @TempDir Path dir;

  private static String script(String shell) {
    StringWriter out = new StringWriter();
    int exit = Main.run(new PrintWriter(out), new PrintWriter(new StringWriter()), "completion", shell);
    assertThat(exit).isZero();
    return out.toString();
  }

  /** What bash offers after {@code words}, the last one being completed. */
  private String complete(String script, String... words) throws Exception {
    Path file = Files.writeString(dir.resolve("tandem-completion.bash"), script);
    String line = "source " + file + "; COMP_WORDS=(" + String.join(" ", words) + "); COMP_CWORD=" + (words.length - 1)
        + "; COMP_LINE='" + String.join(" ", words) + "'; COMP_POINT=${#COMP_LINE}; _complete_tandem; printf '%s\\n' \"${COMPREPLY[@]}\"";
    Process bash = new ProcessBuilder("bash", "-c", line).redirectErrorStream(true).start();
    assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return new String(bash.getInputStream().readAllBytes());
  }

  @Test
  void bashCompletesSubcommandsAndTheirOptions() throws Exception {
    String script = script("bash");
    assertThat(script).contains("complete -F _complete_tandem");
    assertThat(complete(script, "tandem", "check-")).contains("check-zone").contains("check-config");
    assertThat(complete(script, "tandem", "zone", "ret")).isEqualTo("retransfer\n");
    assertThat(complete(script, "tandem", "reload", "--c")).contains("--config");
  }

  @Test
  void zshGetsTheSameScriptAndAnUnknownShellIsAUsageError() {
    assertThat(script("zsh")).isEqualTo(script("bash"));
    StringWriter err = new StringWriter();
    assertThat(Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err), "completion", "fish")).isEqualTo(Main.EXIT_USAGE);
    assertThat(err.toString()).isEqualTo("tandem completion: 'fish' is not a shell this knows (bash, zsh)\n");
  }
}
