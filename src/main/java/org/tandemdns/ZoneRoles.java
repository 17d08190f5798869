package org.tandemdns;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tandemdns.config.ConfigException;
import org.tandemdns.config.ConfigLoader;
import org.tandemdns.config.Remote;
import org.tandemdns.config.ZoneConfig;
import org.tandemdns.config.ZoneConfigJson;
import org.tandemdns.config.ZoneType;
import org.tandemdns.security.AclEntry;

/**
 * The role a zone was given at run time by {@code tandem zone promote} or {@code demote}, over the
 * role its settings give it:
 *
 * <pre>
 *   secondary of P ──promote [--allow-update ACL]──▶ primary, managed through the API (and UPDATE by ACL)
 *        ▲                                              │
 *        └───────────demote --primary ADDR──────────────┘  (ADDR must serve our serial or newer)
 * </pre>
 *
 * A promoted zone keeps its data and journal (its own secondaries continue by IXFR) and its other
 * settings (ACLs, NOTIFY targets, journal size, DNSSEC policy); a demoted one keeps them too, and
 * drops what a secondary cannot have (allow-update, push-to). A zone created through the API has
 * its stored settings rewritten. A zone of the config file keeps the file's settings and an
 * {@link Override} in the store beside its data, which holds, across restarts and reloads, while the
 * file's {@code type} and {@code primaries} for the zone are what they were when it was set: once the
 * operator writes the new role into the file (or any other type or primaries), the file wins again.
 */
final class ZoneRoles {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ZoneRoles() {}

  /**
   * A role set at run time for a zone of the config file.
   *
   * @param role what the zone is now
   * @param primaries a demoted zone's primaries
   * @param allowUpdate who may UPDATE a promoted zone
   * @param declaredType the file's type for the zone when the role was set
   * @param declaredPrimaries the file's primaries for the zone when the role was set
   * @param at when it was set
   */
  record Override(ZoneType role, List<Remote> primaries, List<AclEntry> allowUpdate, ZoneType declaredType,
      List<Remote> declaredPrimaries, Instant at) {

    static Override promotion(ZoneConfig declared, List<AclEntry> allowUpdate, Instant at) {
      return new Override(ZoneType.PRIMARY, List.of(), allowUpdate, declared.type(), declared.primaries(), at);
    }

    static Override demotion(ZoneConfig declared, List<Remote> primaries, Instant at) {
      return new Override(ZoneType.SECONDARY, primaries, List.of(), declared.type(), declared.primaries(), at);
    }

    /** True while the file still says what it said when this role was set. */
    boolean holdsOver(ZoneConfig declared) {
      return declared.type() == declaredType && declared.primaries().equals(declaredPrimaries);
    }

    /** The file's settings with this role. */
    ZoneConfig applyTo(ZoneConfig declared) throws ConfigException {
      return role == ZoneType.PRIMARY ? promoted(declared, allowUpdate) : demoted(declared, primaries);
    }

    String write() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("role", role.name().toLowerCase(java.util.Locale.ROOT));
      m.put("primaries", primaries.stream().map(Remote::toString).toList());
      m.put("allow-update", allowUpdate.stream().map(AclEntry::toString).toList());
      m.put("declared-type", declaredType.name().toLowerCase(java.util.Locale.ROOT));
      m.put("declared-primaries", declaredPrimaries.stream().map(Remote::toString).toList());
      m.put("at", at.toString());
      try {
        return JSON.writeValueAsString(m);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("cannot write a zone's role", e);
      }
    }

    static Override read(String text) throws ConfigException {
      try {
        JsonNode n = JSON.readTree(text);
        return new Override(type(n.path("role").asText()), strings(n.path("primaries")).stream().map(Remote::parse).toList(),
            strings(n.path("allow-update")).stream().map(AclEntry::parse).toList(), type(n.path("declared-type").asText()),
            strings(n.path("declared-primaries")).stream().map(Remote::parse).toList(), Instant.parse(n.path("at").asText()));
      } catch (JsonProcessingException | RuntimeException e) {
        throw new ConfigException("the role set by promote/demote is unreadable (" + e.getMessage() + ")", e);
      }
    }

    private static ZoneType type(String s) {
      return ZoneType.valueOf(s.toUpperCase(java.util.Locale.ROOT));
    }

    private static List<String> strings(JsonNode array) {
      List<String> out = new ArrayList<>();
      array.forEach(v -> out.add(v.asText()));
      return out;
    }
  }

  /** {@code from} as a primary managed through the API: its primaries and refresh settings dropped, UPDATE by {@code allowUpdate}. */
  static ZoneConfig promoted(ZoneConfig from, List<AclEntry> allowUpdate) throws ConfigException {
    Map<String, Object> m = ZoneConfigJson.toMap(from);
    for (String secondaryOnly : List.of("primaries", "allow-notify", "timers", "transfer-limits")) {
      m.remove(secondaryOnly);
    }
    m.put("type", "primary");
    m.put("allow-update", allowUpdate.stream().map(AclEntry::toString).toList());
    return read(m, from);
  }

  /** {@code from} as a secondary of {@code primaries}: what a secondary cannot have is dropped; NOTIFY taken from the new primaries. */
  static ZoneConfig demoted(ZoneConfig from, List<Remote> primaries) throws ConfigException {
    Map<String, Object> m = ZoneConfigJson.toMap(from);
    for (String primaryOnly : List.of("file", "allow-update", "push-to", "serial-policy", "allow-notify")) {
      m.remove(primaryOnly);
    }
    m.put("type", "secondary");
    m.put("primaries", primaries.stream().map(Remote::toString).toList());
    return read(m, from);
  }

  private static ZoneConfig read(Map<String, Object> settings, ZoneConfig from) throws ConfigException {
    try {
      return new ConfigLoader().readZone(JSON.writeValueAsString(settings), "zone " + from.name());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write zone settings", e);
    }
  }
}
