package org.tandemdns.xfr;

import org.xbill.DNS.Message;

/** What to send for a transfer request: one ordinary response, or a stream of messages. */
public sealed interface TransferReply {

  /** A single response (refusals, errors, a single SOA, an IXFR that fits in one UDP message). */
  record Single(Message response) implements TransferReply {}

  /** A multi-message response over TCP. */
  record Stream(MessageStream stream) implements TransferReply {}
}
