package org.tandemdns.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Renders knot.conf (Knot DNS 3.2 syntax, see knot.conf(5)) for a {@link KnotPeer}. */
final class KnotConfig {

  private final ConfigWriter remotes = new ConfigWriter();
  private final ConfigWriter acls = new ConfigWriter();
  private final StringBuilder zones = new StringBuilder();
  private int nextId;
  /** The master and acl lines of the catalog consumer's member template, or null. */
  private String catalogMember;

  private KnotConfig() {}

  static String render(KnotPeer peer, Path socket) {
    PeerSpec spec = peer.spec;
    Path dir = peer.dir();
    KnotConfig c = new KnotConfig();
    for (PrimaryZone z : spec.primaries()) {
      List<String> acl = new ArrayList<>();
      z.allowTransfer().forEach(a -> acl.add(c.acl(a, "transfer")));
      z.updateKey().ifPresent(k -> acl.add(c.acl(Acl.key(k), "update")));
      List<String> notify = z.notifyTargets().stream().map(c::remote).toList();
      c.zone(z.origin(), peer.zoneFile(z));
      c.zones.append("    zonefile-load: difference\n");
      c.list("notify", notify);
      c.list("acl", acl);
      peer.zoneOptions().forEach(o -> c.zones.append("    ").append(o).append('\n'));
      if (peer.producer() != null) {
        c.zones.append("    catalog-role: member\n    catalog-zone: ").append(peer.producer().catalog()).append('\n');
        String group = peer.producer().groups().get(z.origin());
        if (group != null) {
          c.zones.append("    catalog-group: ").append(group).append('\n');
        }
      }
    }
    if (peer.producer() != null) {
      c.zones.append("  - domain: ").append(peer.producer().catalog()).append('\n');
      c.zones.append("    catalog-role: generate\n");
      c.list("acl", List.of(c.acl(Acl.any(), "transfer")));
      c.list("notify", List.of(c.remote(Remote.of(peer.producer().notifyTarget()))));
    }
    for (SecondaryZone z : spec.secondaries()) {
      String primary = c.remote(z.primary());
      List<String> acl = new ArrayList<>();
      acl.add(c.acl(new Acl(z.primary().endpoint().host(), z.key()), "notify"));
      z.allowTransfer().forEach(a -> acl.add(c.acl(a, "transfer")));
      c.zone(z.origin(), peer.zoneFile(z));
      c.zones.append("    master: ").append(primary).append('\n');
      c.list("acl", acl);
      if (z.origin().equals(peer.catalogZone())) {
        c.zones.append("    catalog-role: interpret\n    catalog-template: catalog-member\n");
        c.catalogMember = "    master: " + primary + "\n    acl: [" + String.join(", ", acl) + "]\n";
      }
    }

    ConfigWriter w = new ConfigWriter();
    w.line("server:");
    w.line("    rundir: \"%s\"", dir);
    w.line("    listen: %s", peer.endpoint().at());
    w.line("    udp-workers: 1");
    w.line("    tcp-workers: 1");
    w.line("    background-workers: 1");
    w.line("database:");
    w.line("    storage: \"%s\"", dir);
    for (String db : List.of("journal", "kasp", "timer", "catalog")) {
      w.line("    %s-db-max-size: 64M", db);
    }
    w.line("control:");
    w.line("    listen: \"%s\"", socket);
    w.line("log:");
    w.line("  - target: stderr");
    w.line("    any: info");
    if (!spec.keys().isEmpty()) {
      w.line("key:");
      for (TsigKey k : spec.keys()) {
        w.line("  - id: %s", k.name());
        w.line("    algorithm: %s", k.algorithm());
        w.line("    secret: %s", k.secret());
      }
    }
    if (!c.remotes.isEmpty()) {
      w.line("remote:").append(c.remotes);
    }
    if (!c.acls.isEmpty()) {
      w.line("acl:").append(c.acls);
    }
    w.line("template:");
    w.line("  - id: default");
    w.line("    storage: \"%s\"", dir);
    w.line("    zonefile-sync: -1");
    w.line("    journal-content: changes");
    if (c.catalogMember != null) {
      w.line("  - id: catalog-member");
      w.line("    storage: \"%s\"", dir);
      w.line("    zonefile-sync: -1");
      w.line("    journal-content: changes");
      w.raw(c.catalogMember);
    }
    if (c.zones.length() > 0) {
      w.line("zone:").raw(c.zones.toString());
    }
    return w.toString();
  }

  private void zone(String origin, Path file) {
    zones.append("  - domain: ").append(origin).append('\n');
    zones.append("    file: \"").append(file).append("\"\n");
  }

  private String remote(Remote r) {
    String id = "remote" + nextId++;
    remotes.line("  - id: %s", id);
    remotes.line("    address: %s", r.endpoint().at());
    r.key().ifPresent(k -> remotes.line("    key: %s", k.name()));
    return id;
  }

  private String acl(Acl a, String action) {
    String id = "acl" + nextId++;
    acls.line("  - id: %s", id);
    acls.line("    address: %s", a.address());
    a.key().ifPresent(k -> acls.line("    key: %s", k.name()));
    acls.line("    action: %s", action);
    return id;
  }

  private void list(String key, List<String> ids) {
    if (!ids.isEmpty()) {
      zones.append("    ").append(key).append(": [").append(String.join(", ", ids)).append("]\n");
    }
  }
}
