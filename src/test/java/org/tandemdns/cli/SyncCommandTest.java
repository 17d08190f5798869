package org.tandemdns.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

class SyncCommandTest {
  @TempDir Path dir;

  private record Run(int exit, String out, String err) {}

  private Run run(String args) throws Exception {
    Files.writeString(dir.resolve("a.zone"), "$ORIGIN a.test.\n$TTL 300\n@ SOA ns hostmaster 1 1 1 1 1\n@ NS ns\nns A 192.0.2.1\n");
    Files.writeString(dir.resolve("sync.yaml"), """
        sync:
          providers:
            - { name: t, type: tandem, url: "http://127.0.0.1:9", token: some-token-0123456, timeout: 1s }
          zones:
            - { name: a.test, source: { file: a.zone }, targets: [t] }
        """);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new Main());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    List<String> all = new ArrayList<>();
    for (String a : args.split(" ")) {
      all.add(a.replace("CONFIG", dir.resolve("sync.yaml").toString()));
    }
    return new Run(cli.execute(all.toArray(String[]::new)), out.toString(), err.toString());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    "sync plan|give the config file with --config FILE",
    "sync plan --config /nonexistent.yaml|no such file",
    "sync plan --config CONFIG --zone b.test|--zone b.test: not under sync.zones",
    "sync apply --config CONFIG --target nope|--target nope: no such provider under sync.providers",
    "sync plan --config CONFIG --max-change lots|'lots' is not a percentage",
    "sync apply --config CONFIG --verify-timeout soon|'soon' is not a duration",
    "sync apply --config CONFIG --parallel 0|parallelism must be from 1 to 64",
  })
  void usageErrorsExitWithThreeAndSayWhatIsWrong(String args, String message) throws Exception {
    Run r = run(args);
    assertThat(r.exit()).as(r.err()).isEqualTo(Main.EXIT_USAGE);
    assertThat(r.err()).contains(message);
  }

  @Test
  void anUnreachableTargetFailsWithItsBitInTheExitCode() throws Exception {
    Run r = run("sync --config CONFIG");
    assertThat(r.exit()).as(r.out()).isEqualTo(64 + 1);
    assertThat(r.out()).contains("  t: tandem http://127.0.0.1:9/").contains("FAILED: GET http://127.0.0.1:9/api/v1/zones/a.test./rrsets:")
        .contains("Needs attention: t (exit 65)");
  }

  @Test
  void helpFitsEightyColumns() throws Exception {
    for (String command : List.of("sync --help", "sync plan --help", "sync apply --help")) {
      Run r = run(command);
      assertThat(r.exit()).isZero();
      assertThat(r.out().lines()).as(command).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(80));
    }
  }
}
