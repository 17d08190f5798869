package org.tandemdns.server;

import org.tandemdns.xfr.MessageStream;

/** What the dispatcher decided to send back for one request. */
public sealed interface Reply {
  /** Send nothing (UDP) or close the connection (TCP). */
  record Drop() implements Reply {}

  /** One message. */
  record Single(byte[] wire) implements Reply {}

  /** Several messages, pulled one by one as the client reads them (TCP only). */
  record Stream(MessageStream stream) implements Reply {}

  Reply DROP = new Drop();
}
