package org.tandemdns.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.tandemdns.testing.PeerRequirement;
import picocli.CommandLine;

/** {@code tandem demo} tells the story end to end and leaves nothing behind. */
class DemoIT {
  @Test
  void theDemoShowsPropagationConsistencyThenCaughtDriftAndCleansUp() throws Exception {
    PeerRequirement.require("knotd");
    StringWriter story = new StringWriter();
    ByteArrayOutputStream checks = new ByteArrayOutputStream();
    PrintStream stdout = System.out;
    int exit;
    try {
      System.setOut(new PrintStream(checks, true, StandardCharsets.UTF_8));
      exit = new CommandLine(new Main()).setOut(new PrintWriter(story, true)).execute("demo");
    } finally {
      System.setOut(stdout);
    }
    String text = story.toString();
    String checkOutput = checks.toString(StandardCharsets.UTF_8);
    assertThat(exit).as(text + checkOutput).isZero();
    assertThat(text).contains("Every secondary transferred the zone", "tandem check exit code 0: consistent",
        "tandem check exit code 1: it caught tandem-b lagging");
    assertThat(text).containsPattern("tandem-a +127\\.0\\.0\\.1:\\d+ +2 +\\d+ ms")
        .containsPattern("tandem-b +127\\.0\\.0\\.1:\\d+ +2 +\\d+ ms")
        .containsPattern("knot +127\\.0\\.0\\.1:\\d+ +2 +\\d+ ms");
    assertThat(checkOutput).contains("Result: consistent (exit 0)", "Result: drift or lag (exit 1)",
        "tandem-b 127.0.0.1:", "different value: has 192.0.2.81; reference has 192.0.2.82");
    Matcher dir = Pattern.compile("Tandem demo, in (\\S+) ").matcher(text);
    assertThat(dir.find()).isTrue();
    assertThat(Files.exists(Path.of(dir.group(1)))).as("the demo's directory is removed").isFalse();
    ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().orElse("").contains(dir.group(1)))
        .forEach(p -> assertThat(p.isAlive()).as("left running: " + p.info().commandLine().orElse("")).isFalse());
  }

  /** Issue 15, conveniences: {@code tandem demo --keep} leaves the servers up until Ctrl-C, then cleans up. */
  @Test
  void withKeepTheServersStayUpUntilStoppedAndThenEverythingIsRemoved() throws Exception {
    Process demo = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
        org.tandemdns.testing.TandemProcess.jar().toString(), "demo", "--keep").redirectErrorStream(true).start();
    StringBuilder text = new StringBuilder();
    try (java.io.BufferedReader lines = new java.io.BufferedReader(new java.io.InputStreamReader(demo.getInputStream(), StandardCharsets.UTF_8))) {
      long end = System.nanoTime() + java.time.Duration.ofSeconds(120).toNanos();
      String line;
      while (System.nanoTime() < end && (line = lines.readLine()) != null) {
        text.append(line).append('\n');
        if (line.contains("# tandem-b lags")) {
          break;
        }
      }
      Matcher primary = Pattern.compile("dig @127\\.0\\.0\\.1 -p (\\d+) www\\.demo\\.test A +# the hidden primary").matcher(text);
      assertThat(primary.find()).as(text.toString()).isTrue();
      Thread.sleep(1000); // still up a while after the story ended
      org.xbill.DNS.Message answer = org.tandemdns.testing.DnsQuery.to(org.tandemdns.testing.Endpoint.loopback(Integer.parseInt(primary.group(1))))
          .send(org.tandemdns.testing.DnsQuery.question("www.demo.test.", org.xbill.DNS.Type.A));
      assertThat(answer.getSection(org.xbill.DNS.Section.ANSWER)).singleElement().extracting(org.xbill.DNS.Record::rdataToString)
          .isEqualTo("192.0.2.82");
      assertThat(demo.isAlive()).isTrue();
    } finally {
      demo.destroy(); // SIGTERM, as Ctrl-C's SIGINT: the shutdown hook stops every server
      assertThat(demo.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    }
    Matcher dir = Pattern.compile("Tandem demo, in (\\S+) ").matcher(text);
    assertThat(dir.find()).isTrue();
    assertThat(Files.exists(Path.of(dir.group(1)))).as("the demo's directory is removed").isFalse();
  }
}
