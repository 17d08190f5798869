package org.tandemdns.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 15, conveniences: a man page per command, from the same model as --help, that groff reads without a warning. */
class ManPagesTest {

  @TempDir Path dir;

  @Test
  void everyCommandHasAPageThatGroffFormatsWithoutWarnings() throws Exception {
    List<Path> pages = ManPages.write(dir);
    assertThat(pages).extracting(p -> p.getFileName().toString())
        .contains("tandem.1", "tandem-serve.1", "tandem-check-zone.1", "tandem-zone-retransfer.1", "tandem-reload.1")
        .doesNotContain("tandem-help.1");
    for (Path page : pages) {
      Process groff = new ProcessBuilder("groff", "-man", "-Tutf8", "-ww", "-z", page.toString()).redirectErrorStream(true).start();
      assertThat(groff.waitFor(30, TimeUnit.SECONDS)).isTrue();
      String warnings = new String(groff.getInputStream().readAllBytes());
      assertThat(warnings).as(page.getFileName() + " warnings").isEmpty();
      assertThat(groff.exitValue()).isZero();
    }
    String reload = Files.readString(dir.resolve("tandem-reload.1"));
    assertThat(reload).startsWith(".TH TANDEM-RELOAD 1 \"\" \"tandem ")
        .contains(".SH NAME\ntandem\\-reload \\- Re\\-read zone files now: every zone read from a file, or only ZONE\n")
        .contains(".TP\n\\fB\\-\\-config\\fR\nRe\\-read the configuration file first and apply what changed.\n")
        .contains(".SH SEE ALSO\n\\fBtandem\\fR(1)");
  }
}
