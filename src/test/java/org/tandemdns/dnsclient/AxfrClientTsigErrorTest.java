package org.tandemdns.dnsclient;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TSIGRecord;

/**
 * A server that does not know the key answers a signed AXFR with NOTAUTH and, in an unsigned TSIG
 * record, the error BADKEY (RFC 8945 §5.3.2). The refusal must name the server's error, not the
 * client's failed verification of the unsigned answer (which reads as BADSIG, a wrong secret).
 */
class AxfrClientTsigErrorTest {

  @Test
  void refusalNamesTheTsigErrorTheServerSent() throws Exception {
    TSIG key = new TSIG(TSIG.HMAC_SHA256, Name.fromString("unknown-key."), "c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0");
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread t = new Thread(() -> answerBadKey(server), "fake-primary");
      t.setDaemon(true);
      t.start();
      TransferResult r = new AxfrClient().transfer(Name.fromString("example.test."),
          new ServerAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), Optional.of(key),
          new TransferLimits(Duration.ofSeconds(5), 100, 1 << 20));
      assertThat(r).isInstanceOf(TransferResult.Refused.class);
      TransferResult.Refused refused = (TransferResult.Refused) r;
      assertThat(refused.rcode()).isEqualTo(Rcode.NOTAUTH);
      assertThat(refused.detail()).contains("BADKEY").doesNotContain("BADSIG");
      t.join(5000);
    }
  }

  private static void answerBadKey(ServerSocket server) {
    try (Socket s = server.accept()) {
      s.setSoTimeout(5000);
      DataInputStream in = new DataInputStream(s.getInputStream());
      byte[] q = new byte[in.readUnsignedShort()];
      in.readFully(q);
      Message query = new Message(q);
      Message response = new Message(query.getHeader().getID());
      response.getHeader().setFlag(Flags.QR);
      response.getHeader().setRcode(Rcode.NOTAUTH);
      response.addRecord(query.getQuestion(), Section.QUESTION);
      TSIGRecord qt = query.getTSIG();
      response.addRecord(new TSIGRecord(qt.getName(), DClass.ANY, 0, qt.getAlgorithm(), Instant.now(), Duration.ofSeconds(300),
          new byte[0], query.getHeader().getID(), Rcode.BADKEY, null), Section.ADDITIONAL);
      byte[] wire = response.toWire();
      DataOutputStream out = new DataOutputStream(s.getOutputStream());
      out.writeShort(wire.length);
      out.write(wire);
      out.flush();
    } catch (Exception e) {
      // the client side reports what it got
    }
  }
}
