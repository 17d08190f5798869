package org.tandemdns.api;

import java.util.List;
import org.tandemdns.config.ApiToken;
import org.tandemdns.config.ZonePattern;
import org.xbill.DNS.Name;

/**
 * Who sent a request: the token's name, role and zones.
 *
 * @param source where the token is declared: {@code config}, {@code local} (the generated
 *     {@code api.token}) or {@code api} (made through the API, kept hashed in the store)
 */
public record ApiCaller(String name, ApiToken.Role role, List<ZonePattern> zones, String source) {
  /** True when the token may touch {@code zone}. */
  public boolean covers(Name zone) {
    return zones.isEmpty() || zones.stream().anyMatch(p -> p.matches(zone));
  }

  /** As {@link #covers(Name)} for a zone's name as text (with or without the final dot); false when it is not a name. */
  public boolean covers(String zone) {
    try {
      return zones.isEmpty() || covers(Name.fromString(zone.endsWith(".") ? zone : zone + "."));
    } catch (org.xbill.DNS.TextParseException e) {
      return false;
    }
  }

  /** True when the token may do what {@code needed} may on {@code zone} (null: server-wide). */
  public boolean may(ApiToken.Role needed, Name zone) {
    return role.includes(needed) && (zone == null || covers(zone));
  }

  /**
   * Throws 403 unless the token's role includes {@code needed} and, when {@code zone} is given,
   * its zones cover it.
   */
  void require(ApiToken.Role needed, Name zone) throws ApiException {
    if (!role.includes(needed)) {
      throw new ApiException(403, "token '" + name + "' is " + role.configName() + "; this needs " + needed.configName()
          + (needed == ApiToken.Role.ADMIN ? "" : " or higher"));
    }
    if (zone != null && !covers(zone)) {
      throw new ApiException(403, "token '" + name + "' may not touch zone " + zone + " (its zones: "
          + String.join(", ", zones.stream().map(ZonePattern::toString).toList()) + ")");
    }
  }
}
