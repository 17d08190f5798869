package org.tandemdns.monitor;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** The last N alerts, oldest first, in memory. Thread-safe. */
public final class AlertHistory implements AlertSink {
  private final int capacity;
  private final Deque<Alert> alerts = new ArrayDeque<>();

  public AlertHistory(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive");
    }
    this.capacity = capacity;
  }

  @Override
  public synchronized void send(Alert alert) {
    if (alerts.size() == capacity) {
      alerts.removeFirst();
    }
    alerts.addLast(alert);
  }

  /** A snapshot, oldest first. */
  public synchronized List<Alert> list() {
    return List.copyOf(alerts);
  }
}
