package org.tandemdns.monitor.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NameserverSpecAndSerialsTest {

  @Test
  void nameWithSeveralAddressesGivesOneNameserverPerAddress() {
    List<Nameserver> ns = NameserverSpec.parse("ns2=127.0.0.1:5302,[::1]:5302", 53);
    assertThat(ns).extracting(Nameserver::label).containsExactly("ns2 127.0.0.1:5302", "ns2 [::1]:5302");
  }

  @Test
  void bareAddressIsNamedAfterItselfAndGetsTheDefaultPort() {
    assertThat(NameserverSpec.parse("192.0.2.1", 5353)).extracting(Nameserver::label).containsExactly("192.0.2.1:5353 192.0.2.1:5353");
  }

  @Test
  void emptyAddressListIsAnError() {
    assertThatThrownBy(() -> NameserverSpec.parse("ns1=", 53)).hasMessageContaining("no address after '='");
  }

  @ParameterizedTest(name = "distance({0} -> {1}) = {2}")
  @CsvSource({
    "1, 2, 1",
    "2, 1, -1",
    "4294967295, 0, 1",
    "4294967290, 5, 11",
    "5, 4294967290, -11",
    "7, 7, 0",
  })
  void serialDistanceFollowsRfc1982(long from, long to, long distance) {
    assertThat(Serials.distance(from, to)).contains(distance);
  }

  @Test
  void serialsExactlyHalfTheSpaceApartHaveNoOrder() {
    assertThat(Serials.distance(0, 1L << 31)).isEmpty();
  }

  @Test
  void newestSerialWrapsAroundZero() {
    assertThat(Serials.newest(List.of(4294967290L, 3L, 4294967295L))).isEqualTo(Optional.of(3L));
    assertThat(Serials.newest(List.of())).isEmpty();
  }
}
