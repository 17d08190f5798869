package org.tandemdns.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import org.xbill.DNS.Message;

/**
 * Fuzzes the request path (parse → dispatch → answer) with arbitrary datagrams (issue 13): every
 * input is answered with a parsable message that keeps the request's ID, or dropped; nothing
 * throws. Seeds: {@code RequestFuzzTestInputs/}, among them the malformed probes of
 * {@link RequestDispatcherTest}. The unit run replays the seeds; the {@code fuzz} execution fuzzes.
 */
class RequestFuzzTest {
  @FuzzTest(maxDuration = "20s")
  void anyDatagramIsAnsweredCleanlyOrDropped(byte[] wire) throws IOException {
    Reply reply = RequestDispatcherTest.DISPATCHER.handle(wire, wire.length, RequestDispatcherTest.UDP);
    if (reply instanceof Reply.Single single) {
      Message m = new Message(single.wire());
      assertThat(wire.length).isGreaterThanOrEqualTo(12);
      assertThat(m.getHeader().getID()).isEqualTo((wire[0] & 0xff) << 8 | (wire[1] & 0xff));
      assertThat(single.wire().length).isLessThanOrEqualTo(65535);
    } else {
      assertThat(reply).isNotInstanceOf(Reply.Stream.class); // no transfer over UDP
    }
  }
}
