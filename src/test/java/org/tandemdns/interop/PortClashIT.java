package org.tandemdns.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandemdns.cli.Main;
import org.tandemdns.testing.BindPeer;
import org.tandemdns.testing.DnsQuery;
import org.tandemdns.testing.Endpoint;
import org.tandemdns.testing.PrimaryZone;
import org.tandemdns.testing.ServerProcess;
import org.tandemdns.testing.TandemProcess;
import org.tandemdns.testing.TestZones;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * Issue 15, items 1 and 2: {@code tandem serve} on the DNS port of a running BIND, or of a running
 * Tandem, used to start and take part of the traffic (SO_REUSEPORT); it must exit non-zero with one
 * line naming the address and who holds it, and the server already there keeps every query.
 */
class PortClashIT {

  @TempDir Path tmp;

  private record Run(int exit, String err) {}

  /** {@code tandem serve} on {@code taken}; a serve that starts would run forever, so it is given 60 s and then failed. */
  private Run serveOn(Endpoint taken, String dataDir) throws InterruptedException {
    StringWriter err = new StringWriter();
    AtomicInteger exit = new AtomicInteger(Integer.MIN_VALUE);
    Thread serve = new Thread(() -> exit.set(Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err),
        "serve", "--listen", taken.toString(), "--data-dir", tmp.resolve(dataDir).toString(), "--api-listen", "127.0.0.1:0")));
    serve.setDaemon(true);
    serve.start();
    serve.join(Duration.ofSeconds(60).toMillis());
    assertThat(serve.isAlive()).as("tandem serve started on a taken port instead of exiting").isFalse();
    return new Run(exit.get(), err.toString());
  }

  private static void assertRefused(Run run, Endpoint taken, ServerProcess holder, String command) {
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).isEqualTo("tandem: cannot listen on " + taken + ": UDP port in use by " + command + " (pid " + holder.pid()
        + "); stop it or choose another address in server.listen\n");
  }

  @Test
  void aSecondServerOnTheDnsPortOfBindExitsNamingBind() throws Exception {
    Path zone = TestZones.write(tmp, "clash.test", 1);
    try (BindPeer bind = BindPeer.builder().primary(PrimaryZone.of("clash.test", zone)).start()) {
      Run run = serveOn(bind.endpoint(), "d1");
      assertRefused(run, bind.endpoint(), bind, "named");
      for (int i = 0; i < 30; i++) {
        assertThat(DnsQuery.to(bind.endpoint()).send(DnsQuery.question("www.clash.test.", Type.A)).getRcode())
            .as("BIND answers every query").isEqualTo(Rcode.NOERROR);
      }
    }
  }

  @Test
  void aSecondTandemOnTheDnsPortOfATandemExitsNamingIt() throws Exception {
    Path zone = TestZones.write(tmp, "clash.test", 1);
    Endpoint dns = Endpoint.freeLoopback();
    try (TandemProcess first = TandemProcess.builder().listen(dns).zone("clash.test", zone).awaitZone("clash.test")
        .args("--api-listen", "127.0.0.1:0").start()) {
      Run run = serveOn(dns, "d2");
      assertRefused(run, dns, first, "java");
      for (int i = 0; i < 30; i++) {
        assertThat(DnsQuery.to(dns).send(DnsQuery.question("www.clash.test.", Type.A)).getRcode()).isEqualTo(Rcode.NOERROR);
      }
    }
  }
}
