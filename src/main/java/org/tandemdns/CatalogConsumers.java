package org.tandemdns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandemdns.catalog.CatalogContent;
import org.tandemdns.catalog.ConsumerPlan;
import org.tandemdns.catalog.ConsumerPlan.Step;
import org.tandemdns.change.ChangeListener;
import org.tandemdns.change.Committed;
import org.tandemdns.config.MemberTemplate;
import org.tandemdns.config.ZoneConfig;
import org.tandemdns.store.StoreException;
import org.tandemdns.store.ZoneStore;
import org.xbill.DNS.Name;

/**
 * Catalog consumers ({@code type: catalog-consumer}, RFC 9432 §5): after each new version of a
 * catalog zone is committed, its members are provisioned, regrouped, reset, adopted or removed as
 * {@link ConsumerPlan} decides, on one worker thread of their own (never an I/O thread, never under
 * the catalog's change lock). Each member is a secondary zone ({@link ZoneRegistry.Source#CATALOG})
 * whose settings come from the consumer's templates; which catalog owns it, with its unique id and
 * groups, is kept in the store beside its data ({@link ZoneRegistry#CATALOG_MEMBER}), so that a
 * restart provisions exactly what was there. A removed member stops being served at once; its data
 * is deleted after the consumer's {@code removed-grace}, at most {@link ZoneRegistry#PURGE_BATCH}
 * zones per run, so that emptying a catalog of 100,000 members neither stalls the server nor loses
 * data a corrected catalog gives back.
 */
final class CatalogConsumers implements ChangeListener, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CatalogConsumers.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Above this many steps in one version, each member's line goes to DEBUG and a summary to INFO. */
  private static final int STEPS_LISTED = 100;
  /** How often the data of removed zones past their grace period is looked for. */
  static final Duration PURGE_EVERY = Duration.ofMinutes(10);

  private final ZoneRegistry registry;
  private final ZoneStore store;
  private final Clock clock;
  private final ScheduledExecutorService worker;
  private final Map<Name, Map<Name, ConsumerPlan.Owned>> owned = new ConcurrentHashMap<>();
  private final Map<Name, CatalogContent> contents = new ConcurrentHashMap<>();
  private final Map<Name, CatalogConsumerStatus> status = new ConcurrentHashMap<>();
  private final Set<Name> pending = ConcurrentHashMap.newKeySet();
  /** Set by {@link #restore}: before it, the zones of the API are not all registered, so no member may take a name yet. */
  private volatile boolean restored;

  CatalogConsumers(ZoneRegistry registry, ZoneStore store, Clock clock) {
    this.registry = registry;
    this.store = store;
    this.clock = clock;
    registry.consumers(this);
    this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "catalog-consumer");
      t.setDaemon(true);
      return t;
    });
    worker.scheduleWithFixedDelay(this::purge, PURGE_EVERY.toSeconds(), PURGE_EVERY.toSeconds(), TimeUnit.SECONDS);
  }

  /** A catalog consumed here changed: its members are reconciled soon, on the worker (bursts coalesce). */
  @Override
  public void committed(Committed change) {
    ZoneRegistry.Entry e = registry.get(change.zone());
    if (restored && e != null && e.config().consumesCatalog()) {
      schedule(change.zone());
    }
  }

  private void schedule(Name catalog) {
    if (pending.add(catalog)) {
      worker.execute(() -> {
        pending.remove(catalog);
        reconcile(catalog);
      });
    }
  }

  /** The last version of {@code catalog} read here, or null when it is not consumed (or not read yet). */
  CatalogConsumerStatus status(Name catalog) {
    return status.get(catalog);
  }

  /** The catalog that provisioned {@code member}, or null. */
  Name ownerOf(Name member) {
    return owned.entrySet().stream().filter(e -> e.getValue().containsKey(member)).map(Map.Entry::getKey).findFirst()
        .orElse(null); // a handful of catalogs: a scan, rather than a second map to keep in step
  }

  /**
   * At start-up, once the zones of the config file and the API are registered: each consumed
   * catalog's members that were provisioned before are served again from their stored copies, then
   * the catalog's stored version is applied; members whose catalog is no longer consumed here are
   * removed (their data deleted after the grace period).
   */
  synchronized void restore() throws StoreException {
    Map<Name, Membership> stored = new java.util.HashMap<>(); // members with data, not removed: one state read each
    for (Name member : List.copyOf(registry.catalogMembersInStore)) {
      Membership m = current(member);
      if (m != null) {
        stored.put(member, m);
      }
    }
    for (ZoneRegistry.Entry c : registry.all()) {
      if (!c.config().consumesCatalog()) {
        continue;
      }
      Name catalog = c.config().name();
      Map<Name, Membership> mine = new LinkedHashMap<>();
      stored.forEach((member, m) -> {
        if (m.catalog().equals(catalog)) {
          mine.put(member, m);
        }
      });
      if (c.served().snapshot() != null) {
        for (Name member : CatalogContent.read(c.served().snapshot()).members().keySet()) {
          if (!mine.containsKey(member) && !stored.containsKey(member)) {
            Membership m = current(member); // provisioned but never transferred: state, no data
            if (m != null && m.catalog().equals(catalog)) {
              mine.put(member, m);
            }
          }
        }
      }
      int restored = 0;
      for (Map.Entry<Name, Membership> m : mine.entrySet()) {
        if (registry.get(m.getKey()) == null
            && registry.registerMember(memberConfig(c.config(), m.getKey(), m.getValue().groups())) != null) {
          own(catalog, m.getKey(), new ConsumerPlan.Owned(m.getValue().id(), m.getValue().groups()));
          restored++;
        }
      }
      if (restored > 0) {
        log.info("catalog {}: {} member zone(s) provisioned before, served again", catalog, restored);
      }
      reconcile(catalog);
    }
    for (Map.Entry<Name, Membership> m : stored.entrySet()) {
      if (!isConsumer(m.getValue().catalog())) {
        markRemoved(m.getKey(), ZoneRegistry.REMOVED_GRACE);
        log.warn("zone {}: provisioned by catalog {}, which is no longer consumed here; not served, its data deleted after {}",
            m.getKey(), m.getValue().catalog(), ZoneRegistry.REMOVED_GRACE);
      }
    }
    registry.catalogMembersInStore.clear();
    restored = true;
    registry.all().stream().filter(c -> c.config().consumesCatalog()).forEach(c -> schedule(c.config().name())); // a commit meanwhile
  }

  /**
   * After a configuration reload: the members of catalogs no longer consumed are removed; those of
   * the others take their templates' current settings, and each catalog is reconciled again.
   */
  synchronized void reconfigured() {
    for (Name catalog : List.copyOf(owned.keySet())) {
      if (!isConsumer(catalog)) {
        for (Name member : List.copyOf(owned.get(catalog).keySet())) {
          remove(catalog, member, ZoneRegistry.REMOVED_GRACE, "its catalog " + catalog + " is no longer consumed here");
        }
        owned.remove(catalog);
        contents.remove(catalog);
        status.remove(catalog);
      }
    }
    for (ZoneRegistry.Entry c : registry.all()) {
      if (!c.config().consumesCatalog()) {
        continue;
      }
      Name catalog = c.config().name();
      for (Map.Entry<Name, ConsumerPlan.Owned> m : Map.copyOf(owned.getOrDefault(catalog, Map.of())).entrySet()) {
        try {
          registry.updateMember(memberConfig(c.config(), m.getKey(), m.getValue().groups()));
        } catch (StoreException e) {
          log.error("catalog {}: member {}: cannot apply its new settings: {}", catalog, m.getKey(), e.getMessage());
        }
      }
      schedule(catalog);
    }
  }

  /** Applies the current version of {@code catalog} to its members. */
  synchronized void reconcile(Name catalog) {
    ZoneRegistry.Entry c = registry.get(catalog);
    if (c == null || !c.config().consumesCatalog() || c.served().snapshot() == null) {
      return;
    }
    long serial = c.served().snapshot().serial();
    CatalogContent content = CatalogContent.read(c.served().snapshot());
    if (content.versionProblem() != null) {
      log.error("catalog {} serial {} is not used: {} (RFC 9432 §4.2); its member zones stay as they were", catalog, serial,
          content.versionProblem());
      status.put(catalog, new CatalogConsumerStatus(serial, owned.getOrDefault(catalog, Map.of()).size(), content.versionProblem(), List.of(),
          clock.instant()));
      return;
    }
    limitedLog(catalog, content.problems());
    contents.put(catalog, content);
    List<Step> steps = ConsumerPlan.plan(content, Map.copyOf(owned.getOrDefault(catalog, Map.of())), this::claimOf,
        groups -> c.config().members().templateFor(groups) != null);
    boolean quiet = steps.size() > STEPS_LISTED;
    Map<String, Integer> counts = new java.util.TreeMap<>();
    List<String> refusals = new ArrayList<>();
    for (Step step : steps) {
      try {
        apply(c.config(), step, quiet);
        counts.merge(step.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT), 1, Integer::sum);
        if (step instanceof Step.Refuse r) {
          refusals.add(r.reason());
        }
      } catch (StoreException | RuntimeException e) {
        log.error("catalog {}: member {}: {} failed: {}", catalog, step.zone(), step.getClass().getSimpleName(), e.getMessage());
      }
    }
    limitedLog(catalog, refusals);
    List<String> problems = new ArrayList<>(content.problems());
    problems.addAll(refusals);
    status.put(catalog, new CatalogConsumerStatus(serial, owned.getOrDefault(catalog, Map.of()).size(), null, List.copyOf(problems), clock.instant()));
    log.info("catalog {} serial {}: {} member zone(s); {}", catalog, serial, owned.getOrDefault(catalog, Map.of()).size(),
        counts.isEmpty() ? "nothing to change" : counts);
    content.members().values().stream().map(CatalogContent.Entry::coo).filter(java.util.Objects::nonNull)
        .filter(this::isConsumer).distinct().forEach(this::schedule); // the new owner may take them now
  }

  private void apply(ZoneConfig catalog, Step step, boolean quiet) throws StoreException {
    Name cat = catalog.name();
    Name zone = step.zone();
    if (step instanceof Step.Provision p) {
      provision(catalog, p.entry());
      line(quiet, "catalog {}: member {} provisioned{}", cat, zone, groups(p.entry()));
    } else if (step instanceof Step.Regroup r) {
      writeMembership(cat, r.entry());
      registry.updateMember(memberConfig(catalog, zone, r.entry().groups()));
      own(cat, zone, new ConsumerPlan.Owned(r.entry().id(), r.entry().groups()));
      line(quiet, "catalog {}: member {} now{}", cat, zone, groups(r.entry()));
    } else if (step instanceof Step.Reset r) {
      log.warn("catalog {}: member {} has a new unique id ({} instead of {}): reset (RFC 9432 §5.3), its data deleted and"
          + " transferred anew", cat, zone, r.entry().id(), r.oldId());
      registry.forgetMember(zone);
      store.delete(zone);
      disown(zone);
      provision(catalog, r.entry());
    } else if (step instanceof Step.Adopt a) {
      disown(zone);
      if (a.reset()) {
        registry.forgetMember(zone);
        store.delete(zone);
        provision(catalog, a.entry());
      } else {
        writeMembership(cat, a.entry());
        registry.updateMember(memberConfig(catalog, zone, a.entry().groups()));
        own(cat, zone, new ConsumerPlan.Owned(a.entry().id(), a.entry().groups()));
      }
      log.info("catalog {}: member {} taken over from catalog {} (change of ownership, RFC 9432 §5.6){}", cat, zone, a.from(),
          a.reset() ? "; its unique id differs, so it was reset and is transferred anew" : "; its data kept");
    } else if (step instanceof Step.Remove) {
      remove(cat, zone, catalog.members().removedGrace(), "it left the catalog");
    }
  }

  private void provision(ZoneConfig catalog, CatalogContent.Entry entry) throws StoreException {
    Name zone = entry.zone();
    Map<String, String> state = store.state(zone);
    Membership before = Membership.read(state);
    boolean reuse = before != null && before.catalog().equals(catalog.name()) && before.id().equals(entry.id());
    if (!reuse && (store.info(zone).isPresent() || !state.isEmpty())) {
      store.delete(zone); // data of another zone of that name (a zone removed from the config, another unique id): not this member's
    }
    if (reuse) {
      store.putState(zone, ZoneRegistry.REMOVED_AT, null);
      store.putState(zone, ZoneRegistry.DELETE_AT, null);
    }
    writeMembership(catalog.name(), entry);
    if (registry.registerMember(memberConfig(catalog, zone, entry.groups())) == null) {
      log.warn("catalog {}: member {} was created meanwhile by other means; not provisioned", catalog.name(), zone);
      return;
    }
    own(catalog.name(), zone, new ConsumerPlan.Owned(entry.id(), entry.groups()));
  }

  private void remove(Name catalog, Name zone, Duration grace, String why) {
    registry.forgetMember(zone);
    disown(zone);
    try {
      markRemoved(zone, grace);
      log.info("catalog {}: member {} no longer served: {}; its data is deleted after {}", catalog, zone, why, grace);
    } catch (StoreException e) {
      log.error("catalog {}: member {} no longer served; cannot note when to delete its data: {}", catalog, zone, e.getMessage());
    }
  }

  private void markRemoved(Name zone, Duration grace) throws StoreException {
    Instant now = clock.instant();
    store.putState(zone, ZoneRegistry.REMOVED_AT, now.toString());
    store.putState(zone, ZoneRegistry.DELETE_AT, now.plus(grace).toString());
  }

  private void purge() {
    try {
      int deleted = registry.purgeRemoved();
      if (deleted >= ZoneRegistry.PURGE_BATCH) {
        worker.schedule(this::purge, 1, TimeUnit.MINUTES); // more are due: the next batch soon, not in ten minutes
      }
    } catch (StoreException | RuntimeException e) {
      log.error("deleting the data of zones no longer served failed: {}", e.getMessage());
    }
  }

  private ConsumerPlan.Claim claimOf(Name zone) {
    ZoneRegistry.Entry e = registry.get(zone);
    if (e == null) {
      return new ConsumerPlan.Claim.Free();
    }
    Name owner = ownerOf(zone);
    if (e.source() != ZoneRegistry.Source.CATALOG || owner == null) {
      return new ConsumerPlan.Claim.Zone(e.source() == ZoneRegistry.Source.API ? "created through the API" : "in the config file");
    }
    CatalogContent there = contents.get(owner);
    CatalogContent.Entry listed = there == null ? null : there.members().get(zone);
    ConsumerPlan.Owned o = owned.getOrDefault(owner, Map.of()).get(zone);
    return new ConsumerPlan.Claim.Catalog(owner, o == null ? "" : o.id(), listed == null ? null : listed.coo());
  }

  /** The settings of {@code member}: the template of its groups, else the default template. */
  private static ZoneConfig memberConfig(ZoneConfig catalog, Name member, List<String> groups) {
    MemberTemplate t = catalog.members().templateFor(groups);
    return (t == null ? catalog.members().template() : t).memberOf(member, catalog);
  }

  private boolean isConsumer(Name catalog) {
    ZoneRegistry.Entry e = registry.get(catalog);
    return e != null && e.config().consumesCatalog();
  }

  /** The membership {@code member} has in the store, or null when it has none or was removed. */
  private Membership current(Name member) throws StoreException {
    Map<String, String> state = store.state(member);
    return state.containsKey(ZoneRegistry.REMOVED_AT) ? null : Membership.read(state);
  }

  private void own(Name catalog, Name member, ConsumerPlan.Owned o) {
    owned.computeIfAbsent(catalog, k -> new ConcurrentHashMap<>()).put(member, o);
  }

  private void disown(Name member) {
    owned.values().forEach(members -> members.remove(member));
  }

  private void writeMembership(Name catalog, CatalogContent.Entry entry) throws StoreException {
    store.putState(entry.zone(), ZoneRegistry.CATALOG_MEMBER, new Membership(catalog, entry.id(), entry.groups()).write());
  }

  private static String groups(CatalogContent.Entry e) {
    return e.groups().isEmpty() ? "" : " (group " + String.join(", ", e.groups()) + ")";
  }

  private static void line(boolean quiet, String format, Object... args) {
    if (quiet) {
      log.debug(format, args);
    } else {
      log.info(format, args);
    }
  }

  /** Logs the first problems of a version, and how many more there are. */
  private static void limitedLog(Name catalog, List<String> problems) {
    problems.stream().limit(20).forEach(p -> log.error("catalog {}: {}", catalog, p));
    if (problems.size() > 20) {
      log.error("catalog {}: and {} more problem(s) like these (GET /api/v1/zones/{} lists them all)", catalog,
          problems.size() - 20, catalog);
    }
  }

  @Override
  public void close() {
    worker.shutdownNow();
  }

  /** A member's catalog, unique id and groups, as kept in the store. */
  record Membership(Name catalog, String id, List<String> groups) {
    String write() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("catalog", catalog.toString());
      m.put("id", id);
      m.put("groups", groups);
      try {
        return JSON.writeValueAsString(m);
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }

    static Membership read(Map<String, String> state) {
      String text = state.get(ZoneRegistry.CATALOG_MEMBER);
      if (text == null) {
        return null;
      }
      try {
        JsonNode n = JSON.readTree(text);
        List<String> groups = new ArrayList<>();
        n.path("groups").forEach(g -> groups.add(g.asText()));
        return new Membership(Name.fromString(n.path("catalog").asText()), n.path("id").asText(), List.copyOf(groups));
      } catch (java.io.IOException e) {
        log.error("unreadable catalog membership '{}': {}", text, e.getMessage());
        return null;
      }
    }
  }
}
