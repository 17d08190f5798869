package org.tandemdns.api;

import java.util.List;

/**
 * The source of a server-sent event stream ({@code text/event-stream}, WHATWG HTML §9.2): polled on
 * the connection's I/O thread every {@link #PERIOD_MILLIS} ms, so it must only read in-memory state
 * and never block; the stream ends when {@link #done()} is true (after that poll's events), when
 * the client goes away, or after {@link #MAX_SECONDS}.
 */
public interface EventStream {
  long PERIOD_MILLIS = 250;
  long MAX_SECONDS = 300;

  /** The events due now, each as its whole text ({@code "event: x\ndata: {...}\n\n"}). */
  List<String> poll();

  boolean done();

  /** One event: a name and one line of data (JSON, say; line breaks are not allowed). */
  static String event(String name, String data) {
    if (data.indexOf('\n') >= 0 || data.indexOf('\r') >= 0 || name.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("an event's name and data are one line each");
    }
    return "event: " + name + "\ndata: " + data + "\n\n";
  }
}
