package org.tandemdns.xfr;

/**
 * A response of several messages (a zone transfer), produced one message at a time so that the
 * transport can pull the next one only when the client has taken the previous ones (back-pressure).
 */
public interface MessageStream extends AutoCloseable {

  /** The next message in wire format, or null when the stream is complete. */
  byte[] next();

  /**
   * Called, before {@link #close}, once every message was written to the connection: produced is not
   * delivered (a client that stops reading leaves the last messages unsent).
   */
  default void delivered() {}

  /** Releases what the stream holds; called exactly once, whether it completed or was abandoned. */
  @Override
  void close();
}
