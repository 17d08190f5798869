package org.tandemdns.notify;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import org.tandemdns.security.TsigKey;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIGRecord;
import org.xbill.DNS.Type;

/**
 * Sends one NOTIFY over UDP and waits for its answer (RFC 1996 §3.7-3.8): opcode NOTIFY, AA set,
 * the zone's SOA question and the new SOA in the answer section, TSIG-signed when a key is given
 * and the answer's TSIG verified. Blocking; runs on the NOTIFY executor.
 */
final class NotifyExchange {
  private static final SecureRandom IDS = new SecureRandom();

  /** How one exchange ended: {@code rcode} is -1 for no (valid) answer. */
  record Outcome(int rcode, String problem, long rttMillis) {
    boolean acknowledged() {
      return rcode == Rcode.NOERROR;
    }
  }

  private NotifyExchange() {}

  static Outcome send(InetSocketAddress target, SOARecord soa, TsigKey key, Clock clock, Duration timeout) {
    Message notify = new Message(IDS.nextInt(0x10000));
    notify.getHeader().setOpcode(Opcode.NOTIFY);
    notify.getHeader().setFlag(Flags.AA);
    notify.addRecord(Record.newRecord(soa.getName(), Type.SOA, DClass.IN), Section.QUESTION);
    notify.addRecord(soa, Section.ANSWER);
    if (key != null) {
      notify.setTSIG(key.tsig(clock), Rcode.NOERROR, null);
    }
    byte[] wire = notify.toWire(512);
    long start = System.nanoTime();
    try (DatagramSocket socket = new DatagramSocket()) {
      socket.send(new DatagramPacket(wire, wire.length, target));
      long deadline = start + timeout.toNanos();
      byte[] buffer = new byte[4096];
      while (true) {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
          return new Outcome(-1, "timeout after " + timeout.toMillis() + " ms", -1);
        }
        socket.setSoTimeout((int) Math.max(1, left));
        DatagramPacket p = new DatagramPacket(buffer, buffer.length);
        socket.receive(p);
        byte[] answer = Arrays.copyOf(p.getData(), p.getLength());
        Outcome o = check(notify, wire, answer, key, clock);
        if (o != null) {
          return new Outcome(o.rcode(), o.problem(), (System.nanoTime() - start) / 1_000_000);
        }
      }
    } catch (SocketTimeoutException e) {
      return new Outcome(-1, "timeout after " + timeout.toMillis() + " ms", -1);
    } catch (IOException e) {
      return new Outcome(-1, e.getClass().getSimpleName() + ": " + e.getMessage(), -1);
    }
  }

  /** The outcome for an answer to {@code notify}, or null when the datagram is not such an answer. */
  private static Outcome check(Message notify, byte[] sent, byte[] answer, TsigKey key, Clock clock) {
    Message m;
    try {
      m = new Message(answer);
    } catch (IOException e) {
      return null;
    }
    if (m.getHeader().getID() != notify.getHeader().getID() || !m.getHeader().getFlag(Flags.QR)
        || m.getHeader().getOpcode() != Opcode.NOTIFY) {
      return null;
    }
    if (key != null) {
      TSIGRecord requestTsig;
      try {
        requestTsig = new Message(sent).getTSIG();
      } catch (IOException e) {
        return new Outcome(-1, "cannot read back our own NOTIFY", 0);
      }
      if (m.getTSIG() == null) {
        return new Outcome(-1, "answer is not TSIG-signed (" + Rcode.string(m.getRcode()) + ")", 0);
      }
      int verified = key.tsig(clock).verify(m, answer, requestTsig);
      if (verified != Rcode.NOERROR) {
        return new Outcome(-1, "answer TSIG does not verify: " + Rcode.TSIGstring(verified), 0);
      }
    }
    return new Outcome(m.getRcode(), m.getRcode() == Rcode.NOERROR ? null : Rcode.string(m.getRcode()), 0);
  }
}
