package org.tandemdns.monitor.check;

/**
 * Which copy the others were compared with.
 *
 * @param source {@code file}, {@code server}, {@code majority} or {@code none}
 * @param description e.g. the file name, the server, or "ns1 127.0.0.1:5301, agreed by 2 of 3"
 * @param serial its SOA serial, or null
 * @param rrsets its number of RRsets
 * @param problem why there is no reference copy, or null
 * @param noMajority the servers disagree and none outnumbers the others (so nobody is blamed)
 */
public record ReferenceReport(String source, String description, Long serial, int rrsets, String problem, boolean noMajority) {

  public ReferenceReport(String source, String description, Long serial, int rrsets, String problem) {
    this(source, description, serial, rrsets, problem, false);
  }
}
