package org.tandemdns.monitor;

/** Receives alerts as they happen. Implementations must not throw and must bound their time. */
@FunctionalInterface
public interface AlertSink {
  void send(Alert alert);

  /** A sink that drops everything. */
  static AlertSink none() {
    return a -> { };
  }

  /** Sends to each sink in turn. */
  static AlertSink all(java.util.List<AlertSink> sinks) {
    java.util.List<AlertSink> copy = java.util.List.copyOf(sinks);
    return a -> copy.forEach(s -> s.send(a));
  }
}
