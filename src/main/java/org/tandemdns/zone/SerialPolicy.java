package org.tandemdns.zone;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * What to do when a zone's content changes but its serial does not increase (RFC 1982 §3.2). With
 * {@link #KEEP} the change is refused; the others let Tandem choose a serial newer than the current
 * one: the next integer, the current Unix time, or a YYYYMMDDnn date serial.
 */
public enum SerialPolicy {
  KEEP,
  INCREMENT,
  UNIXTIME,
  DATESERIAL;

  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd");

  /** A serial newer than {@code current} following this policy; KEEP has none. */
  public long next(long current, Clock clock) {
    long candidate = switch (this) {
      case KEEP -> throw new IllegalStateException("serial policy 'keep' never chooses a serial");
      case INCREMENT -> SerialNumber.add(current, 1);
      case UNIXTIME -> clock.instant().getEpochSecond() & 0xFFFFFFFFL;
      case DATESERIAL -> Long.parseLong(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).format(DATE)) * 100;
    };
    return SerialNumber.isNewer(candidate, current) ? candidate : SerialNumber.add(current, 1);
  }
}
