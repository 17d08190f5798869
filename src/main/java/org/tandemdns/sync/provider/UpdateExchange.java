package org.tandemdns.sync.provider;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.tandemdns.dnsclient.Deadline;
import org.tandemdns.dnsclient.DnsClientException;
import org.tandemdns.dnsclient.DnsTimeoutException;
import org.tandemdns.dnsclient.ServerAddress;
import org.tandemdns.dnsclient.TcpStream;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TSIGRecord;

/**
 * Sends one UPDATE message over TCP (RFC 2136 §3.8, RFC 1035 §4.2.2) and checks the response:
 * same ID and opcode, QR set, TSIG verified when the request was signed (RFC 8945 §5.3), RCODE
 * NOERROR. Every read is bounded by the timeout.
 */
final class UpdateExchange {
  private UpdateExchange() {}

  /**
   * Sends {@code update} to {@code server} and returns the response.
   *
   * @throws ProviderException with the RCODE and TSIG error the server gave, or why no answer came
   */
  static Message send(Message update, ServerAddress server, Optional<TSIG> key, Duration timeout) throws ProviderException {
    int unsigned = update.toWire().length;
    if (unsigned + UpdateMessages.OVERHEAD > Message.MAXLENGTH) {
      throw new ProviderException("the UPDATE message would be " + unsigned + " bytes, more than a DNS message can hold");
    }
    key.ifPresent(update::setTSIG);
    byte[] wire = update.toWire(Message.MAXLENGTH);
    Deadline deadline = Deadline.in(timeout);
    int id = update.getHeader().getID();
    try (TcpStream s = TcpStream.connect(server, deadline)) {
      s.send(wire);
      while (true) {
        byte[] answer = s.receive(deadline);
        Message response;
        try {
          response = new Message(answer);
        } catch (IOException e) {
          throw new ProviderException("malformed UPDATE response from " + server + ": " + e.getMessage());
        }
        if (response.getHeader().getID() != id || !response.getHeader().getFlag(Flags.QR)
            || response.getHeader().getOpcode() != Opcode.UPDATE) {
          continue;
        }
        check(response, answer, wire, server, key);
        return response;
      }
    } catch (DnsTimeoutException e) {
      throw new ProviderException("no UPDATE response from " + server + " within " + timeout.toMillis() + " ms");
    } catch (DnsClientException e) {
      throw new ProviderException("UPDATE to " + server + " failed: " + e.getMessage(), e);
    }
  }

  private static void check(Message response, byte[] answer, byte[] sent, ServerAddress server, Optional<TSIG> key)
      throws ProviderException {
    int rcode = response.getRcode();
    String tsigError = tsigError(response);
    if (key.isPresent()) {
      TSIGRecord requestTsig;
      try {
        requestTsig = new Message(sent).getTSIG();
      } catch (IOException e) {
        throw new IllegalStateException("cannot re-read the UPDATE just signed", e);
      }
      int verified = response.getTSIG() == null ? Rcode.FORMERR : key.get().verify(response, answer, requestTsig);
      if (verified != Rcode.NOERROR && rcode == Rcode.NOERROR) {
        throw new ProviderException("UPDATE response from " + server + " fails TSIG verification ("
            + (response.getTSIG() == null ? "not signed" : Rcode.TSIGstring(verified)) + "); the change may have been made");
      }
    }
    if (rcode != Rcode.NOERROR) {
      throw new ProviderException("UPDATE refused by " + server + ": " + Rcode.string(rcode) + tsigError + hint(rcode, tsigError));
    }
  }

  private static String tsigError(Message response) {
    TSIGRecord t = response.getTSIG();
    return t == null || t.getError() == Rcode.NOERROR ? "" : ", TSIG error " + Rcode.TSIGstring(t.getError());
  }

  private static String hint(int rcode, String tsigError) {
    if (tsigError.contains("BADKEY")) {
      return " (the server does not know this key)";
    }
    if (tsigError.contains("BADSIG")) {
      return " (the key's secret differs from the server's)";
    }
    return switch (rcode) {
      case Rcode.NXRRSET, Rcode.YXRRSET, Rcode.YXDOMAIN, Rcode.NXDOMAIN ->
          " (a prerequisite failed: the zone changed since it was read; nothing was changed, plan again)";
      case Rcode.NOTAUTH -> " (the server is not authoritative for the zone, or refuses the key)";
      case Rcode.REFUSED -> " (not allowed by the server's update policy)";
      case Rcode.NOTZONE -> " (a name is outside the zone)";
      default -> "";
    };
  }
}
