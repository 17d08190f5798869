package org.tandemdns.store;

import java.time.Instant;
import java.util.List;

/**
 * An API token created through the API, as the store keeps it: its SHA-256, never the secret.
 *
 * @param name unique name, shown in logs and the audit history
 * @param sha256 the token's SHA-256, lowercase hex
 * @param role the role's config name ({@code read-only}, {@code records-editor}, {@code zone-admin}, {@code admin})
 * @param zones zone patterns it may touch (empty: every zone)
 * @param createdAt when it was made
 * @param createdBy the name of the token that made it
 */
public record StoredToken(String name, String sha256, String role, List<String> zones, Instant createdAt, String createdBy) {
  public StoredToken {
    zones = List.copyOf(zones);
  }
}
