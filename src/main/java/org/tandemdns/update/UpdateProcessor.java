package org.tandemdns.update;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandemdns.change.ChangePipeline;
import org.tandemdns.change.ChangeRejectedException;
import org.tandemdns.change.CommitOutcome;
import org.tandemdns.config.HostPort;
import org.tandemdns.query.Responses;
import org.tandemdns.security.TsigCheck;
import org.tandemdns.store.Actor;
import org.tandemdns.store.StoreException;
import org.tandemdns.zone.ServedZone;
import org.tandemdns.zone.ZoneTable;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Handles UPDATE messages (RFC 2136 §3): the zone section and permission are checked at once; the
 * prerequisites, the update and the commit run on the update executor, through the change pipeline,
 * with the prerequisites evaluated under the zone's change lock so that check and change are one
 * atomic step. The response is sent only once the change is persisted.
 */
public final class UpdateProcessor {
  private static final Logger log = LoggerFactory.getLogger("update");
  /** Refusals can be triggered by anyone (UPDATE over UDP is spoofable): rate-limited. */
  private final org.tandemdns.security.RateLimitedLog refusals = new org.tandemdns.security.RateLimitedLog(log);

  private final ZoneTable zones;
  private final ChangePipeline pipeline;
  private final Function<Name, UpdatePolicy> policies;
  private final Executor executor;
  private io.micrometer.core.instrument.MeterRegistry metrics = new io.micrometer.core.instrument.composite.CompositeMeterRegistry();

  /** Counts UPDATEs ({@code tandem_updates{rcode}}) into {@code registry}. */
  public UpdateProcessor withMetrics(io.micrometer.core.instrument.MeterRegistry registry) {
    this.metrics = registry;
    return this;
  }

  public UpdateProcessor(ZoneTable zones, ChangePipeline pipeline, Function<Name, UpdatePolicy> policies, Executor executor) {
    this.zones = zones;
    this.pipeline = pipeline;
    this.policies = policies;
    this.executor = executor;
  }

  /** The response to {@code update}, completed once it is decided (and, for a change, persisted). */
  public CompletableFuture<Message> handle(Message update, InetSocketAddress remote, TsigCheck.Verified signed) {
    return decide(update, remote, signed).thenApply(r -> {
      metrics.counter("tandem_updates", "rcode", Rcode.string(r.getRcode())).increment();
      return r;
    });
  }

  private CompletableFuture<Message> decide(Message update, InetSocketAddress remote, TsigCheck.Verified signed) {
    String from = new HostPort(remote.getAddress(), remote.getPort()) + (signed == null ? "" : " key " + signed.key().name());
    List<Record> zoneSection = update.getSection(Section.ZONE);
    if (zoneSection.size() != 1 || zoneSection.get(0).getType() != Type.SOA) {
      return done(update, Rcode.FORMERR, from, "the zone section must hold exactly one SOA question (RFC 2136 §3.1.1)");
    }
    Name zoneName = zoneSection.get(0).getName();
    ServedZone zone = zones.get(zoneName);
    UpdatePolicy policy = zone == null ? null : policies.apply(zoneName);
    if (zone == null || policy == null || policy.mode() == UpdatePolicy.Mode.SECONDARY) {
      return done(update, Rcode.NOTAUTH, from, zone == null ? "not a zone served here" : "a secondary zone here; send updates to its primary");
    }
    if (policy.mode() == UpdatePolicy.Mode.FILE) {
      return done(update, Rcode.REFUSED, from, "the zone is read from a file, where a reload would undo the update; "
          + "remove 'file' to manage it through the API and UPDATE");
    }
    if (!policy.allowUpdate().allows(remote.getAddress(), signed == null ? null : signed.key().name())) {
      return done(update, Rcode.REFUSED, from, "not allowed by allow-update");
    }
    if (zone.snapshot() == null) {
      return done(update, Rcode.SERVFAIL, from, "zone not loaded");
    }
    try {
      Actor actor = new Actor("update", signed == null ? "" : "key " + signed.key().name(), remote.getAddress().getHostAddress());
      return CompletableFuture.supplyAsync(() -> apply(update, zone, policy, from, actor), executor);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      return done(update, Rcode.SERVFAIL, from, "too many updates wait to be applied; try again");
    }
  }

  private Message apply(Message update, ServedZone zone, UpdatePolicy policy, String from, Actor actor) {
    List<Record> prereqs = update.getSection(Section.PREREQ);
    List<Record> updates = update.getSection(Section.UPDATE);
    try {
      UpdateTranslator.prescan(updates, zone.origin());
      CommitOutcome o = pipeline.edit(zone, current -> {
        try {
          Prerequisites.check(prereqs, current);
        } catch (UpdateRefused e) {
          throw e.carried();
        }
        return UpdateTranslator.changes(updates, current);
      }, policy.changes(), "UPDATE from " + from, actor);
      log.info("update zone={} from={} prereqs={} updates={} result=NOERROR {}", zone.origin(), from, prereqs.size(), updates.size(),
          o.changed() ? "serial " + o.serial() : "(no change)");
      return Responses.replyTo(update);
    } catch (UpdateRefused e) {
      return refused(update, zone.origin(), from, e.rcode(), e.getMessage());
    } catch (ChangeRejectedException e) {
      if (e.getCause() instanceof UpdateRefused u) {
        return refused(update, zone.origin(), from, u.rcode(), u.getMessage());
      }
      return refused(update, zone.origin(), from, Rcode.REFUSED, "the change would break the zone: " + e.getMessage());
    } catch (StoreException e) {
      return refused(update, zone.origin(), from, Rcode.SERVFAIL, "cannot persist: " + e.getMessage());
    }
  }

  private Message refused(Message update, Name zone, String from, int rcode, String why) {
    refusals.warn("update zone={} from={} result={} reason=\"{}\"", zone, from, Rcode.string(rcode), why);
    return Responses.error(update, rcode);
  }

  private CompletableFuture<Message> done(Message update, int rcode, String from, String why) {
    Record z = update.getQuestion();
    refusals.warn("update zone={} from={} result={} reason=\"{}\"", z == null ? "-" : z.getName(), from, Rcode.string(rcode), why);
    return CompletableFuture.completedFuture(Responses.error(update, rcode));
  }
}
