package org.tandemdns.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A {@code type: catalog-consumer} zone's {@code members:} (RFC 9432 §5): how the member zones it
 * lists become secondary zones here.
 *
 * @param template the settings of members without a {@code group} property
 * @param groups the settings of members by group (§4.4.2); a member whose groups all lack a template
 *     here is not provisioned (an error in the log, as for any member this server cannot take)
 * @param removedGrace how long the data of a member that left the catalog is kept (default 7 days):
 *     it stops being served at once, and comes back without a new transfer if the member returns
 *     with the same unique id within that time
 */
public record CatalogConsumerConfig(MemberTemplate template, Map<String, MemberTemplate> groups, Duration removedGrace) {
  /** The default grace period of a member's data after it left its catalog. */
  public static final Duration DEFAULT_REMOVED_GRACE = Duration.ofDays(7);

  public CatalogConsumerConfig {
    template = template == null ? MemberTemplate.defaults() : template;
    groups = groups == null ? Map.of() : Map.copyOf(groups);
    removedGrace = removedGrace == null ? DEFAULT_REMOVED_GRACE : removedGrace;
    if (removedGrace.isNegative()) {
      throw new IllegalArgumentException("members.removed-grace cannot be negative");
    }
    for (Map.Entry<String, MemberTemplate> g : groups.entrySet()) {
      if (g.getValue() == null) {
        throw new IllegalArgumentException("members.groups." + g.getKey() + ": give its settings, or {} for the defaults");
      }
    }
  }

  public static CatalogConsumerConfig defaults() {
    return new CatalogConsumerConfig(null, null, null);
  }

  /**
   * The template of a member with {@code memberGroups} (in the catalog's order): the first group
   * with a template, the default template when the member has no group, or null when none fits.
   */
  public MemberTemplate templateFor(List<String> memberGroups) {
    if (memberGroups.isEmpty()) {
      return template;
    }
    return memberGroups.stream().filter(groups::containsKey).findFirst().map(groups::get).orElse(null);
  }
}
