package org.tandemdns.api;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tandemdns.ZoneRegistry;
import org.tandemdns.change.ChangePipeline;
import org.tandemdns.change.ChangeRejectedException;
import org.tandemdns.change.CommitOutcome;
import org.tandemdns.change.RecordChange;
import org.tandemdns.config.ZoneType;
import org.tandemdns.store.StoreException;
import org.tandemdns.zone.Node;
import org.tandemdns.zone.ZoneSnapshot;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * {@code /api/v1/zones/{zone}/rrsets...} and {@code /changes}: reading RRsets, and writing them
 * through the change pipeline (validated, persisted, swapped, journaled, NOTIFY sent) with an
 * optional expected serial (409 when the zone moved on). Only zones managed through the API are
 * writable.
 */
final class RecordRoutes {
  /** Marks a refusal caused by a stale {@code expected-serial}. */
  static final class StaleSerial extends Exception {
    StaleSerial(String message) {
      super(message);
    }
  }

  private final ZoneRegistry registry;
  private final ChangePipeline pipeline;

  RecordRoutes(ZoneRegistry registry, ChangePipeline pipeline) {
    this.registry = registry;
    this.pipeline = pipeline;
  }

  void list(Exchange ex, ZoneRegistry.Entry zone) throws IOException, ApiException {
    ZoneSnapshot s = snapshot(zone);
    Name filterName = ex.queryParam("name") == null ? null : RecordsJson.name(ex.queryParam("name"), s.origin());
    Integer filterType = ex.queryParam("type") == null ? null : RecordsJson.type(ex.queryParam("type"));
    List<Node> nodes = new ArrayList<>(filterName == null ? s.nodes() : nodeList(s.node(filterName)));
    nodes.sort((a, b) -> a.name().compareTo(b.name()));
    List<Object> rrsets = new ArrayList<>();
    for (Node n : nodes) {
      for (int i = 0; i < n.rrsetCount(); i++) {
        Record[] set = n.rrsetAt(i);
        if (filterType == null || set[0].getType() == filterType) {
          rrsets.add(RecordsJson.rrset(set));
        }
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("zone", s.origin().toString());
    out.put("serial", s.serial());
    out.put("rrsets", rrsets);
    ex.respondJson(200, out);
  }

  void get(Exchange ex, ZoneRegistry.Entry zone, String name, String type) throws IOException, ApiException {
    ZoneSnapshot s = snapshot(zone);
    Name n = RecordsJson.name(name, s.origin());
    int t = RecordsJson.type(type);
    Node node = s.node(n);
    Record[] set = node == null ? null : node.rrset(t);
    if (set == null) {
      throw ApiException.notFound("no " + Type.string(t) + " RRset at " + n);
    }
    ex.respondJson(200, RecordsJson.rrset(set));
  }

  void put(Exchange ex, ZoneRegistry.Entry zone, String name, String type) throws IOException, ApiException {
    writable(zone);
    ChangeBodies.RRsetBody body = Json.read(Json.tree(ex.body()), ChangeBodies.RRsetBody.class);
    Name origin = zone.config().name();
    Name n = RecordsJson.name(name, origin);
    int t = RecordsJson.type(type);
    List<Record> records = RecordsJson.records(n, t, RecordsJson.ttl(body.ttl()), body.records(), origin);
    RecordChange change = records.isEmpty() ? new RecordChange.DeleteRRset(n, t) : new RecordChange.ReplaceRRset(n, t, records);
    commit(ex, zone, List.of(change), body.expectedSerial());
  }

  void delete(Exchange ex, ZoneRegistry.Entry zone, String name, String type) throws IOException, ApiException {
    writable(zone);
    Name n = RecordsJson.name(name, zone.config().name());
    int t = RecordsJson.type(type);
    apexGuard(n, t, zone.config().name());
    String expected = ex.queryParam("expected-serial");
    commit(ex, zone, List.of(new RecordChange.DeleteRRset(n, t)), expected == null ? null : parseSerial(expected));
  }

  void batch(Exchange ex, ZoneRegistry.Entry zone) throws IOException, ApiException {
    writable(zone);
    ChangeBodies.Batch batch = Json.read(Json.tree(ex.body()), ChangeBodies.Batch.class);
    if (batch.changes() == null || batch.changes().isEmpty()) {
      throw ApiException.badRequest("give 'changes': a list of {op, name, type, ttl, records}");
    }
    Name origin = zone.config().name();
    List<RecordChange> changes = new ArrayList<>();
    for (int i = 0; i < batch.changes().size(); i++) {
      ChangeBodies.Change c = batch.changes().get(i);
      try {
        changes.addAll(change(c, origin));
      } catch (ApiException e) {
        throw ApiException.badRequest("changes[" + i + "]: " + e.getMessage());
      }
    }
    commit(ex, zone, changes, batch.expectedSerial());
  }

  private static List<RecordChange> change(ChangeBodies.Change c, Name origin) throws ApiException {
    Name n = RecordsJson.name(c.name(), origin);
    int t = RecordsJson.type(c.type());
    String op = c.op() == null ? "" : c.op();
    return switch (op) {
      case "replace" -> List.of(new RecordChange.ReplaceRRset(n, t, RecordsJson.records(n, t, RecordsJson.ttl(c.ttl()), c.records(), origin)));
      case "add" -> RecordsJson.records(n, t, RecordsJson.ttl(c.ttl()), c.records(), origin).stream()
          .<RecordChange>map(RecordChange.Add::new).toList();
      case "remove" -> RecordsJson.records(n, t, 0, c.records(), origin).stream().<RecordChange>map(RecordChange.Delete::new).toList();
      case "delete" -> {
        apexGuard(n, t, origin);
        yield List.of(new RecordChange.DeleteRRset(n, t));
      }
      default -> throw ApiException.badRequest("'op' must be replace, add, remove or delete, not '" + op + "'");
    };
  }

  private void commit(Exchange ex, ZoneRegistry.Entry zone, List<RecordChange> changes, Long expectedSerial)
      throws IOException, ApiException {
    CommitOutcome o;
    try {
      o = pipeline.edit(zone.served(), current -> {
        if (expectedSerial != null && current.serial() != expectedSerial) {
          throw new ChangeRejectedException("the zone is at serial " + current.serial() + ", not the expected "
              + expectedSerial + "; read it again and retry", new StaleSerial("stale"));
        }
        return changes;
      }, registry.changePolicy(zone.config().name()), "API (" + ex.caller.name() + ")", ex.actor());
    } catch (ChangeRejectedException e) {
      throw e.getCause() instanceof StaleSerial ? ApiException.conflict(e.getMessage()) : new ApiException(422, e.getMessage());
    } catch (StoreException e) {
      throw new ApiException(503, "the change could not be persisted: " + e.getMessage());
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("zone", zone.config().name().toString());
    out.put("changed", o.changed());
    out.put("serial", o.serial());
    ex.respondJson(200, out);
  }

  /** The apex SOA and NS RRsets can be replaced but never deleted (RFC 1034 §4.2.1). */
  private static void apexGuard(Name name, int type, Name origin) throws ApiException {
    if (name.equals(origin) && (type == Type.SOA || type == Type.NS)) {
      throw new ApiException(422, "the apex " + Type.string(type) + " RRset of " + origin
          + " cannot be deleted (a zone needs it); replace it with PUT instead");
    }
  }

  /** Only zones managed through the API take writes; file and secondary zones say where to change them. */
  static void writable(ZoneRegistry.Entry zone) throws ApiException {
    if (zone.config().type() == ZoneType.SECONDARY) {
      throw ApiException.conflict("zone " + zone.config().name() + " is a secondary; change it at its primary");
    }
    if (zone.config().producesCatalog()) {
      throw ApiException.conflict("zone " + zone.config().name() + " is a catalog zone that Tandem writes from its members;"
          + " add or remove a member zone (with catalog: {zone: " + zone.config().name() + "}) instead");
    }
    if (!zone.config().managed()) {
      throw ApiException.conflict("zone " + zone.config().name() + " is read from " + zone.config().file()
          + "; edit the file and reload it (`tandem reload ZONE` or POST .../reload), or manage the zone through the API instead");
    }
  }

  private static ZoneSnapshot snapshot(ZoneRegistry.Entry zone) throws ApiException {
    ZoneSnapshot s = zone.served().snapshot();
    if (s == null) {
      throw new ApiException(503, "zone " + zone.config().name() + " has no data yet");
    }
    return s;
  }

  private static List<Node> nodeList(Node n) {
    return n == null ? List.of() : List.of(n);
  }

  static long parseSerial(String text) throws ApiException {
    try {
      long v = Long.parseLong(text);
      if (v < 0 || v > 0xffffffffL) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("'" + text + "' is not a serial (0 to 4294967295)");
    }
  }
}
