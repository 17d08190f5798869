package org.tandemdns.sync.provider;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.tandemdns.dnsclient.AxfrClient;
import org.tandemdns.dnsclient.ServerAddress;
import org.tandemdns.dnsclient.TransferLimits;
import org.tandemdns.dnsclient.TransferResult;
import org.tandemdns.security.TsigKey;
import org.tandemdns.sync.RRsetChange;
import org.tandemdns.zone.compare.CanonicalZone;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.TSIG;

/**
 * Any server that takes dynamic update — BIND, Knot, PowerDNS, Windows DNS: reads the zone with
 * AXFR (RFC 5936) and writes it with UPDATE (RFC 2136) over TCP, both signed with TSIG (RFC 8945)
 * when a key is configured. Each UPDATE message is applied by the server all or nothing
 * (RFC 2136 §3.4, §3.5) and stays under the configured message size; changes made from a plan carry
 * prerequisites, so a zone that changed since it was read is left untouched.
 */
public final class Rfc2136Provider implements Provider {
  private final String name;
  private final ServerAddress server;
  private final Optional<TsigKey> key;
  private final List<ServerAddress> nameservers;
  private final Duration timeout;
  private final int maxMessageBytes;
  private final Clock clock;
  private final AxfrClient axfr = new AxfrClient();

  public Rfc2136Provider(String name, ServerAddress server, Optional<TsigKey> key, List<ServerAddress> nameservers,
      Duration timeout, int maxMessageBytes, Clock clock) {
    this.name = name;
    this.server = server;
    this.key = key;
    this.nameservers = List.copyOf(nameservers);
    this.timeout = timeout;
    this.maxMessageBytes = maxMessageBytes;
    this.clock = clock;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String type() {
    return "rfc2136";
  }

  @Override
  public String describe() {
    return "rfc2136 " + server + key.map(k -> " key " + k.name()).orElse("");
  }

  @Override
  public boolean supports(int type) {
    return Capabilities.RFC2136.supports(type);
  }

  @Override
  public ZoneContent read(Name zone) throws ProviderException {
    TransferLimits limits = new TransferLimits(timeout, TransferLimits.defaults().maxRecords(), TransferLimits.defaults().maxBytes());
    TransferResult r = axfr.transfer(zone, server, tsig(), limits);
    if (r instanceof TransferResult.Complete c) {
      return ZoneContent.of(CanonicalZone.of(zone, c.records()));
    }
    if (r instanceof TransferResult.Refused x) {
      String what = x.rcode() >= 0 ? Rcode.string(x.rcode()) + (x.detail().equals(Rcode.string(x.rcode())) ? "" : ", " + x.detail())
          : x.detail();
      String message = "AXFR of " + zone + " from " + server + " refused: " + what;
      return throwRefused(x.rcode(), message);
    }
    throw new ProviderException("AXFR of " + zone + " from " + server + " failed: " + ((TransferResult.Failed) r).reason());
  }

  private static ZoneContent throwRefused(int rcode, String message) throws ProviderException {
    if (rcode == Rcode.NOTAUTH && !message.contains("TSIG")) {
      throw ProviderException.zoneMissing(message + " (the server does not serve the zone)");
    }
    throw new ProviderException(message);
  }

  @Override
  public BatchCost batchCost(Name zone, RRsetChange change) {
    return new BatchCost(1, UpdateMessages.cost(zone, change));
  }

  @Override
  public BatchCost maxBatchCost() {
    return BatchCost.maxSize(maxMessageBytes - UpdateMessages.OVERHEAD);
  }

  @Override
  public OptionalLong apply(Name zone, List<RRsetChange> batch, OptionalLong expectedSerial) throws ProviderException {
    UpdateExchange.send(UpdateMessages.build(zone, batch), server, tsig(), timeout);
    return OptionalLong.empty();
  }

  @Override
  public List<ServerAddress> nameservers() {
    return nameservers;
  }

  private Optional<TSIG> tsig() {
    return key.map(k -> k.tsig(clock));
  }
}
