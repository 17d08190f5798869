package org.tandemdns.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.xbill.DNS.Name;

/**
 * A bearer token for the HTTP API.
 *
 * @param name who holds it, for logs and the audit history
 * @param secret the token itself, inline, or
 * @param secretFile a file holding it (relative to the config file)
 * @param role what it may do ({@link Role}); default {@code read-only}
 * @param zones the zones it may touch, as {@link ZonePattern}s; empty: every zone
 */
public record ApiToken(String name, String secret, Path secretFile, Role role, List<ZonePattern> zones) {
  /**
   * What a token may do, each role including the ones before it: read everything in its zones;
   * also change their records; also create, delete, reload, transfer, promote and roll keys of its
   * zones; also everything else (server-wide reload, tokens). {@code admin} is always server-wide.
   */
  public enum Role {
    READ_ONLY("read-only"), RECORDS_EDITOR("records-editor"), ZONE_ADMIN("zone-admin"), ADMIN("admin");

    private final String configName;

    Role(String configName) {
      this.configName = configName;
    }

    /** The role's name in the config and the API. */
    public String configName() {
      return configName;
    }

    /** True when this role may do what {@code needed} may. */
    public boolean includes(Role needed) {
      return compareTo(needed) >= 0;
    }

    /** Reads a role's name ({@code read-only}, {@code records-editor}, {@code zone-admin}, {@code admin}). */
    public static Role parse(String s) {
      String t = s.trim().toLowerCase(Locale.ROOT);
      return switch (t) {
        case "admin" -> ADMIN;
        case "zone-admin" -> ZONE_ADMIN;
        case "records-editor", "editor" -> RECORDS_EDITOR;
        case "read-only", "readonly", "read" -> READ_ONLY;
        default -> throw new IllegalArgumentException("'" + s + "' is not a role (known: read-only, records-editor, zone-admin, admin)");
      };
    }
  }

  public ApiToken {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("an API token needs a 'name'");
    }
    if (secret == null && secretFile == null) {
      throw new IllegalArgumentException("API token " + name + ": give its 'secret' or a 'secret-file'");
    }
    role = role == null ? Role.READ_ONLY : role;
    zones = zones == null ? List.of() : List.copyOf(zones);
    if (role == Role.ADMIN && !zones.isEmpty()) {
      throw new IllegalArgumentException("API token " + name + ": role admin is server-wide and takes no 'zones';"
          + " give zone-admin for a token limited to some zones");
    }
  }

  /** A token for every zone. */
  public ApiToken(String name, String secret, Path secretFile, Role role) {
    this(name, secret, secretFile, role, List.of());
  }

  /** True when this token may touch {@code zone} (its {@code zones} list is empty or matches it). */
  public boolean covers(Name zone) {
    return zones.isEmpty() || zones.stream().anyMatch(p -> p.matches(zone));
  }

  ApiToken resolvedAgainst(Path base) {
    return secretFile == null || secretFile.isAbsolute() || base == null ? this
        : new ApiToken(name, secret, base.resolve(secretFile), role, zones);
  }

  ApiToken withSecret(String s) {
    return new ApiToken(name, s, secretFile, role, zones);
  }
}
