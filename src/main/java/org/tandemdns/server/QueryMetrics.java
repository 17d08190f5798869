package org.tandemdns.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * Query counters for Prometheus: answers by transport and rcode, questions by type, response sizes
 * by transport. Every counter is registered up front and kept in arrays, so counting a query costs
 * a few array reads and adds, never a registry lookup.
 */
public final class QueryMetrics {
  private static final int[] TYPES = {Type.A, Type.AAAA, Type.NS, Type.CNAME, Type.SOA, Type.PTR, Type.MX, Type.TXT,
      Type.SRV, Type.NAPTR, Type.DS, Type.DNSKEY, Type.CAA, Type.SVCB, Type.HTTPS, Type.ANY, Type.AXFR, Type.IXFR};

  private final Counter[][] byRcode = new Counter[Transport.values().length][24];
  private final Counter[] byType = new Counter[TYPES.length + 1];
  private final DistributionSummary[] sizes = new DistributionSummary[Transport.values().length];

  public QueryMetrics(MeterRegistry registry) {
    for (Transport t : Transport.values()) {
      String transport = t.name().toLowerCase(java.util.Locale.ROOT);
      for (int rcode = 0; rcode < 24; rcode++) {
        byRcode[t.ordinal()][rcode] = Counter.builder("tandem_dns_responses")
            .description("DNS responses sent, by transport and rcode").tag("transport", transport)
            .tag("rcode", Rcode.string(rcode)).register(registry);
      }
      sizes[t.ordinal()] = DistributionSummary.builder("tandem_dns_response_size_bytes")
          .description("size of DNS responses").baseUnit("bytes").tag("transport", transport)
          .serviceLevelObjectives(128, 256, 512, 1232, 4096, 16384, 65535).register(registry);
    }
    for (int i = 0; i < TYPES.length; i++) {
      byType[i] = Counter.builder("tandem_dns_queries").description("DNS queries received, by question type")
          .tag("type", Type.string(TYPES[i])).register(registry);
    }
    byType[TYPES.length] = Counter.builder("tandem_dns_queries").description("DNS queries received, by question type")
        .tag("type", "other").register(registry);
  }

  /** Counts nothing: for tests and tools without metrics. */
  public static QueryMetrics none() {
    return new QueryMetrics(new CompositeMeterRegistry());
  }

  void question(int qtype) {
    for (int i = 0; i < TYPES.length; i++) {
      if (TYPES[i] == qtype) {
        byType[i].increment();
        return;
      }
    }
    byType[TYPES.length].increment();
  }

  /** Counts a question answered from the answer cache. */
  void cached(int qtype, Transport transport, io.netty.buffer.ByteBuf response) {
    question(qtype);
    byRcode[transport.ordinal()][response.getUnsignedByte(3) & 0x0f].increment();
    sizes[transport.ordinal()].record(response.readableBytes());
  }

  /** Counts a response from its wire form: rcode from the header (extended rcodes above 15 count as their low bits). */
  void response(Transport transport, byte[] wire) {
    if (wire.length < 4) {
      return;
    }
    int rcode = wire[3] & 0x0f;
    byRcode[transport.ordinal()][rcode].increment();
    sizes[transport.ordinal()].record(wire.length);
  }
}
