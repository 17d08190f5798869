package org.tandemdns.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import org.tandemdns.testing.Endpoint;
import org.tandemdns.testing.TsigKey;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.Type;

/**
 * Sends one NOTIFY (RFC 1996 §3.7: opcode NOTIFY, AA set, question {@code zone SOA}, optionally the
 * new SOA in the answer section) over UDP from a chosen loopback source address, signed or not,
 * and returns the response (its TSIG verified when the NOTIFY was signed).
 */
final class NotifyMessage {

  private NotifyMessage() {}

  /** A NOTIFY for {@code zone}, with {@code serial} in the answer section when it is not negative. */
  static Message of(String zone, long serial) {
    Name origin = Name.fromConstantString(zone.endsWith(".") ? zone : zone + ".");
    Message m = new Message();
    m.getHeader().setOpcode(Opcode.NOTIFY);
    m.getHeader().setFlag(Flags.AA);
    m.addRecord(Record.newRecord(origin, Type.SOA, DClass.IN), Section.QUESTION);
    if (serial >= 0) {
      m.addRecord(new SOARecord(origin, DClass.IN, 0, Name.root, Name.root, serial, 0, 0, 0, 0), Section.ANSWER);
    }
    return m;
  }

  /** Sends {@code notify} to {@code server} from {@code source} (e.g. 127.0.0.2), signed with {@code key} if not null. */
  static Message send(Message notify, Endpoint server, String source, TsigKey key) {
    TSIG tsig = key == null ? null : key.toDnsjava();
    if (tsig != null) {
      notify.setTSIG(tsig);
    }
    byte[] wire = notify.toWire(Message.MAXLENGTH);
    try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(source), 0))) {
      socket.setSoTimeout((int) Duration.ofSeconds(3).toMillis());
      socket.send(new DatagramPacket(wire, wire.length, server.socketAddress()));
      byte[] buffer = new byte[65535];
      while (true) {
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        socket.receive(packet);
        if (packet.getLength() >= 2 && buffer[0] == wire[0] && buffer[1] == wire[1]) {
          byte[] answer = Arrays.copyOf(buffer, packet.getLength());
          Message response = new Message(answer);
          if (tsig != null && response.getTSIG() != null) {
            int verified = tsig.verify(response, answer, new Message(wire).getTSIG());
            if (verified != Rcode.NOERROR) {
              throw new IllegalStateException("the NOTIFY response's TSIG does not verify: " + Rcode.TSIGstring(verified));
            }
          }
          return response;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("NOTIFY to " + server + " from " + source + ": " + e.getMessage(), e);
    }
  }
}
