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

  /** A reply decided later, off the network thread (an UPDATE, which writes to the store). */
  record Deferred(java.util.concurrent.CompletableFuture<Reply> reply) implements Reply {}

  Reply DROP = new Drop();
}
