package org.tandemdns.notify;

/** What an accepted NOTIFY sets off: a refresh of a secondary zone, scheduled, never run inline. */
@FunctionalInterface
public interface RefreshTrigger {
  /**
   * @param serial the SOA serial the NOTIFY carried, or -1
   * @param from the sender, for logs
   * @return false when the NOTIFY was ignored because its serial is not newer than ours
   */
  boolean notified(long serial, String from);
}
