package org.tandemdns.config;

import java.util.List;

/**
 * Response rate limiting over UDP ({@code server.rate-limit}), as BIND's and Knot's: answers to one
 * client network beyond a rate are dropped, every {@code slip}-th one sent truncated instead so that
 * a real client behind a spoofed flood retries over TCP.
 *
 * @param responsesPerSecond answers per second to one network, with a burst of one second's worth;
 *     0 (the default) turns rate limiting off
 * @param slip every slip-th limited answer is sent truncated (TC=1, RFC 1035 §4.1.1), the others
 *     dropped; 0 drops all (default 2, as BIND and Knot)
 * @param ipv4Prefix the IPv4 network counted as one client (default 24)
 * @param ipv6Prefix the IPv6 network counted as one client (default 56)
 * @param exempt addresses or networks never limited (your own resolvers, monitoring)
 * @param logOnly count and log what would be limited, answer everything (to try settings)
 * @param tableSize client networks tracked at once (default 65,536; more share slots)
 */
public record RateLimitConfig(Integer responsesPerSecond, Integer slip, Integer ipv4Prefix, Integer ipv6Prefix,
    List<String> exempt, Boolean logOnly, Integer tableSize) {
  public RateLimitConfig {
    responsesPerSecond = responsesPerSecond == null ? 0 : responsesPerSecond;
    slip = slip == null ? 2 : slip;
    ipv4Prefix = ipv4Prefix == null ? 24 : ipv4Prefix;
    ipv6Prefix = ipv6Prefix == null ? 56 : ipv6Prefix;
    exempt = exempt == null ? List.of() : List.copyOf(exempt);
    logOnly = logOnly != null && logOnly;
    tableSize = tableSize == null ? 65_536 : tableSize;
    if (responsesPerSecond < 0 || slip < 0 || slip > 10) {
      throw new IllegalArgumentException("rate-limit: responses-per-second must be 0 or more, slip from 0 to 10");
    }
    if (ipv4Prefix < 8 || ipv4Prefix > 32 || ipv6Prefix < 16 || ipv6Prefix > 64) {
      throw new IllegalArgumentException("rate-limit: ipv4-prefix from 8 to 32, ipv6-prefix from 16 to 64");
    }
    if (tableSize < 1024 || tableSize > 1 << 24) {
      throw new IllegalArgumentException("rate-limit: table-size from 1024 to 16777216");
    }
  }

  public static RateLimitConfig off() {
    return new RateLimitConfig(null, null, null, null, null, null, null);
  }

  public boolean enabled() {
    return responsesPerSecond > 0;
  }
}
