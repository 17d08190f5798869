package org.tandemdns.zone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 1982 §3.2 and §5.2 (the examples with SERIAL_BITS = 32 wrap at 2^32). */
class SerialNumberTest {
  @ParameterizedTest(name = "{0} newer than {1}: {2}")
  @CsvSource({
      "2, 1, true",
      "1, 2, false",
      "1, 1, false",
      "0, 4294967295, true",
      "4294967295, 0, false",
      "100, 4294967200, true",
      "2147483647, 0, true",
      "2147483648, 0, false",
      "0, 2147483648, false"
  })
  void isNewerFollowsRfc1982(long candidate, long current, boolean newer) {
    assertThat(SerialNumber.isNewer(candidate, current)).isEqualTo(newer);
  }

  @Test
  void additionWraps() {
    assertThat(SerialNumber.add(4294967295L, 1)).isZero();
    assertThatThrownBy(() -> SerialNumber.add(1, 1L << 31)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void distanceWraps() {
    assertThat(SerialNumber.distance(4294967290L, 5)).isEqualTo(11);
  }
}
