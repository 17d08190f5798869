package org.tandemdns.dnsclient;

import java.time.Duration;
import java.util.List;
import org.xbill.DNS.Record;
import org.xbill.DNS.Rcode;

/** How a zone transfer ended: complete, refused by the server, or failed. */
public sealed interface TransferResult
    permits TransferResult.Complete, TransferResult.Refused, TransferResult.Failed {

  /**
   * The whole zone arrived, from SOA to SOA (RFC 5936 §2.2).
   *
   * @param records every record, the closing SOA left out
   * @param messages number of DNS messages
   * @param bytes bytes received
   * @param elapsed time taken
   */
  record Complete(List<Record> records, int messages, long bytes, Duration elapsed) implements TransferResult {
    public Complete {
      records = List.copyOf(records);
    }
  }

  /**
   * The server answered the transfer request with an error RCODE (REFUSED, NOTAUTH, ...), or
   * closed the connection without answering, which is how some servers decline.
   */
  record Refused(int rcode, String detail) implements TransferResult {
    /** The RCODE mnemonic, or the detail when there was no RCODE. */
    public String describe() {
      return rcode >= 0 ? Rcode.string(rcode) : detail;
    }
  }

  /** The transfer started but did not complete correctly; the reason is for an operator. */
  record Failed(String reason) implements TransferResult {}
}
