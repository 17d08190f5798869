package org.tandemdns.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

class CheckCommandTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    "check example.test|give the nameservers with --ns",
    "check example.test --ns ns1=ns1.example.test:53|is not an IP address",
    "check example.test --ns ns1=127.0.0.1:5301 --key broken|expected NAME:ALGORITHM:BASE64SECRET",
    "check example.test --ns ns1=127.0.0.1:5301 --timeout soon|is not a duration",
    "check example.test --ns ns1=127.0.0.1:5301 --expect /nonexistent/zone.file|--expect",
    "check example.test --ns ns1=127.0.0.1:5301 --port 0|--port must be",
  })
  void usageErrorsExitWithThreeAndSayWhatIsWrong(String args, String message) {
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new Main());
    cli.setErr(new PrintWriter(err));
    cli.setOut(new PrintWriter(new StringWriter()));
    int exit = cli.execute(args.split(" "));
    assertThat(exit).isEqualTo(Main.EXIT_USAGE);
    assertThat(err.toString()).contains(message);
  }

  @ParameterizedTest
  @CsvSource({"check --expect a --expect-from 127.0.0.1 example.test --ns x=127.0.0.1"})
  void mutuallyExclusiveReferencesAreAUsageError(String args) {
    assertThat(Main.run(args.split(" "))).isEqualTo(Main.EXIT_USAGE);
  }
}
