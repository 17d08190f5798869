package org.tandemdns.zone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SerialPolicyTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T12:00:00Z"), ZoneOffset.UTC);

  @ParameterizedTest(name = "{0} after {1} -> {2}")
  @CsvSource({
      "INCREMENT, 41, 42",
      "INCREMENT, 4294967295, 0",
      "UNIXTIME, 5, 1795262400",
      "UNIXTIME, 1795262400, 1795262401",
      "DATESERIAL, 2026112000, 2026112100",
      "DATESERIAL, 2026112100, 2026112101",
      "DATESERIAL, 2026112199, 2026112200",
  })
  void choosesASerialNewerThanTheCurrentOne(SerialPolicy policy, long current, long expected) {
    long next = policy.next(current, CLOCK);
    assertThat(next).isEqualTo(expected);
    assertThat(SerialNumber.isNewer(next, current)).isTrue();
  }

  @ParameterizedTest
  @CsvSource({"KEEP"})
  void keepNeverChooses(SerialPolicy policy) {
    assertThatThrownBy(() -> policy.next(1, CLOCK)).isInstanceOf(IllegalStateException.class);
  }
}
