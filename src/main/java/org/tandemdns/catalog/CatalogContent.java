package org.tandemdns.catalog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tandemdns.zone.ZoneSnapshot;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.TXTRecord;

/**
 * What a catalog zone transferred from a producer says, as a consumer reads it (RFC 9432 §4, §5):
 * its schema version, and its members with their unique ids and properties. Records the consumer
 * does not understand are ignored (§3); members it cannot use are listed in {@link #problems()}
 * and left out.
 *
 * <ul>
 *   <li>{@code version.$CATZ TXT "2"} must be the only version record: a missing, repeated or other
 *       version makes the whole catalog unusable ({@link #versionProblem()}, §4.2: the consumer must
 *       not process it);
 *   <li>{@code <unique-id>.zones.$CATZ PTR member.}: one PTR per unique id (§4.1: more than one and
 *       the entry is ignored); a member listed under two unique ids is ignored too, rather than
 *       guessing which one is meant;
 *   <li>{@code group.<unique-id>.zones.$CATZ TXT} (§4.4.2), in the order given, and
 *       {@code coo.<unique-id>.zones.$CATZ PTR $NEWCATZ} (§4.4.1), the catalog a member moves to.
 * </ul>
 *
 * @param catalog the catalog zone's name
 * @param versionProblem why the catalog must not be used at all, or null
 * @param members the usable members by name, in the catalog's order
 * @param problems the entries left out, one sentence each
 */
public record CatalogContent(Name catalog, String versionProblem, Map<Name, Entry> members, List<String> problems) {

  /**
   * One member.
   *
   * @param zone the member zone
   * @param id its unique id, the label under {@code zones}
   * @param groups its group properties, possibly none
   * @param coo the catalog it moves to (change of ownership), or null
   */
  public record Entry(Name zone, String id, List<String> groups, Name coo) {}

  private static final Name ZONES = Name.fromConstantString("zones");
  private static final Name VERSION = Name.fromConstantString("version");

  /** Reads {@code snapshot} as a catalog of schema version 2. */
  public static CatalogContent read(ZoneSnapshot snapshot) {
    Name origin = snapshot.origin();
    Name zones = concat(ZONES, origin);
    Name version = concat(VERSION, origin);
    int entryLabels = zones.labels() + 1;
    List<String> versions = new ArrayList<>();
    Map<String, List<Name>> ptrs = new LinkedHashMap<>();
    Map<String, List<String>> groups = new HashMap<>();
    Map<String, Name> coos = new HashMap<>();
    snapshot.forEachRecord(r -> {
      Name n = r.getName();
      if (n.equals(version) && r instanceof TXTRecord t) {
        versions.add(String.join("", t.getStrings()));
      } else if (!n.subdomain(zones) || n.labels() < entryLabels) {
        return;
      } else if (n.labels() == entryLabels && r instanceof PTRRecord p) {
        ptrs.computeIfAbsent(label(n, 0), k -> new ArrayList<>()).add(p.getTarget());
      } else if (n.labels() == entryLabels + 1) {
        String property = label(n, 0);
        String id = label(n, 1);
        if (property.equals("group") && r instanceof TXTRecord t) {
          groups.computeIfAbsent(id, k -> new ArrayList<>()).add(String.join("", t.getStrings()));
        } else if (property.equals("coo") && r instanceof PTRRecord p) {
          coos.put(id, p.getTarget());
        }
      }
    });
    if (versions.size() != 1 || !versions.get(0).equals("2")) {
      String problem = versions.isEmpty() ? "it has no version record (version." + origin + " TXT \"2\")"
          : versions.size() > 1 ? "it has " + versions.size() + " version records " + versions
          : "its schema version is \"" + versions.get(0) + "\"; only version 2 (RFC 9432) is supported";
      return new CatalogContent(origin, problem, Map.of(), List.of());
    }
    List<String> problems = new ArrayList<>();
    Map<Name, String> idOf = new HashMap<>();
    java.util.Set<Name> listedTwice = new java.util.HashSet<>();
    Map<Name, Entry> members = new LinkedHashMap<>();
    for (Map.Entry<String, List<Name>> p : ptrs.entrySet()) {
      String id = p.getKey();
      if (p.getValue().size() > 1) {
        problems.add("entry " + id + " has " + p.getValue().size() + " PTR records " + p.getValue() + " (RFC 9432 §4.1 allows one);"
            + " ignored");
        continue;
      }
      Name member = p.getValue().get(0);
      if (member.equals(origin) || member.subdomain(zones)) {
        problems.add("entry " + id + " names " + member + ", the catalog itself; ignored");
        continue;
      }
      String other = idOf.putIfAbsent(member, id);
      if (other != null || listedTwice.contains(member)) {
        members.remove(member);
        listedTwice.add(member);
        problems.add("member " + member + " is listed twice (entries " + other + " and " + id + "); ignored until it is listed once");
        continue;
      }
      members.put(member, new Entry(member, id, List.copyOf(groups.getOrDefault(id, List.of())), coos.get(id)));
    }
    return new CatalogContent(origin, null, java.util.Collections.unmodifiableMap(members), List.copyOf(problems));
  }

  private static String label(Name n, int i) {
    return n.getLabelString(i).toLowerCase(Locale.ROOT);
  }

  private static Name concat(Name prefix, Name suffix) {
    try {
      return Name.concatenate(prefix, suffix);
    } catch (org.xbill.DNS.NameTooLongException e) {
      throw new IllegalArgumentException("catalog " + suffix + ": name too long", e);
    }
  }
}
