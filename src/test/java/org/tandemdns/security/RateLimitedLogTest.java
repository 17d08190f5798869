package org.tandemdns.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.helpers.MessageFormatter;

class RateLimitedLogTest {
  final List<String> lines = new ArrayList<>();
  long now;
  final RateLimitedLog log = new RateLimitedLog((f, a) -> lines.add(MessageFormatter.arrayFormat(f, a).getMessage()),
      () -> now, 3, Duration.ofSeconds(10));

  @Test
  void aFloodIsCutToTheQuotaAndWhatWasLeftOutIsCounted() {
    for (int i = 0; i < 1000; i++) {
      log.warn("TSIG BADSIG from {}", i);
    }
    assertThat(lines).containsExactly("TSIG BADSIG from 0", "TSIG BADSIG from 1", "TSIG BADSIG from 2");
    now += Duration.ofSeconds(10).toNanos();
    log.warn("TSIG BADSIG from {}", "x");
    assertThat(lines).endsWith("997 more lines like the next were not logged (at most 3 per 10 s)", "TSIG BADSIG from x");
  }

  @Test
  void aQuietSourceIsLoggedInFull() {
    for (int i = 0; i < 5; i++) {
      log.warn("line {}", i);
      now += Duration.ofSeconds(4).toNanos();
    }
    assertThat(lines).containsExactly("line 0", "line 1", "line 2", "line 3", "line 4");
  }
}
