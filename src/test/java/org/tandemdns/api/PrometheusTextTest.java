package org.tandemdns.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {
  static final String TEXT = """
      # HELP tandem_dns_queries_total DNS queries received, by question type
      # TYPE tandem_dns_queries_total counter
      tandem_dns_queries_total{type="A"} 8.0
      tandem_dns_queries_total{type="AAAA"} 0.0
      # TYPE tandem_dns_response_size_bytes histogram
      tandem_dns_response_size_bytes_bucket{transport="udp",le="+Inf"} 3
      tandem_dns_response_size_bytes_sum{transport="udp"} 97.0
      odd{path="a\\\\b \\"q\\" c\\nd",x="1"} -1.5e3
      process_uptime_seconds 12.5
      """;

  @Test
  void readsSamplesLabelsTypesAndEscapes() {
    PrometheusText p = PrometheusText.parse(TEXT);
    assertThat(p.samples()).hasSize(6);
    assertThat(p.value("tandem_dns_queries_total", "type", "A")).isEqualTo(8.0);
    assertThat(p.sum("tandem_dns_queries_total")).isEqualTo(8.0);
    assertThat(p.value("tandem_dns_response_size_bytes_bucket", "le", "+Inf")).isEqualTo(3);
    assertThat(p.value("process_uptime_seconds")).isEqualTo(12.5);
    assertThat(p.matching("odd").get(0).labels()).isEqualTo(Map.of("path", "a\\b \"q\" c\nd", "x", "1"));
    assertThat(p.value("odd", "x", "1")).isEqualTo(-1500);
    assertThat(p.type("tandem_dns_queries_total")).contains("counter");
    assertThat(p.type("tandem_dns_response_size_bytes")).contains("histogram");
    assertThat(p.valueOrZero("tandem_dns_queries_total", "type", "MX")).isZero();
  }

  @Test
  void anAmbiguousOrMissingSampleFailsTheTest() {
    PrometheusText p = PrometheusText.parse(TEXT);
    assertThatThrownBy(() -> p.value("tandem_dns_queries_total")).isInstanceOf(AssertionError.class).hasMessageStartingWith("2 samples");
    assertThatThrownBy(() -> p.value("nothing")).isInstanceOf(AssertionError.class).hasMessageStartingWith("0 samples");
    assertThatThrownBy(() -> PrometheusText.parse("{x=\"1\"} 2")).isInstanceOf(AssertionError.class);
  }
}
