package org.tandemdns.monitor.check;

/**
 * The SOA query over one transport.
 *
 * @param answered a response came
 * @param rcode its RCODE mnemonic, or null
 * @param authoritative its AA bit
 * @param truncated its TC bit
 * @param serial the zone's SOA serial in an authoritative answer, or null
 * @param rttMillis response time in milliseconds, or null
 * @param problem what was wrong with it (no answer, lame), or null
 */
public record TransportProbe(
    boolean answered,
    String rcode,
    boolean authoritative,
    boolean truncated,
    Long serial,
    Long rttMillis,
    String problem) {

  /** No response at all. */
  public static TransportProbe noAnswer(String why) {
    return new TransportProbe(false, null, false, false, null, null, why);
  }

  /** True when it answered authoritatively with the zone's SOA. */
  public boolean good() {
    return answered && problem == null;
  }
}
