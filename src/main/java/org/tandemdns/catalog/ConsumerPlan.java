package org.tandemdns.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import org.xbill.DNS.Name;

/**
 * What a catalog consumer does with a new version of one catalog (RFC 9432 §5), decided from what
 * the catalog lists and what this server has, with no I/O: the caller carries the steps out.
 *
 * <pre>
 *   listed, not here           --(no other zone of that name, a template fits)--> PROVISION
 *   listed, ours, same id      --(groups differ)---------------------------------> REGROUP (data kept)
 *   listed, ours, other id     -----------------------------------------------> RESET (§5.3: data deleted, transferred anew)
 *   listed, another catalog's  --(its coo names this catalog, §5.6)------------> ADOPT (same id: data kept; else reset)
 *   listed, another catalog's, no coo to us / a zone of the config or the API --> REFUSE (logged, nothing changes)
 *   ours, no longer listed     -----------------------------------------------> REMOVE (§5.4: not served; data kept for the grace period)
 * </pre>
 */
public final class ConsumerPlan {
  private ConsumerPlan() {}

  /** A member this catalog provisioned: its unique id and groups when it did. */
  public record Owned(String id, List<String> groups) {}

  /** Who has a member zone name that this catalog does not own. */
  public sealed interface Claim {
    /** Nobody: the name is free. */
    record Free() implements Claim {}

    /** A zone of the config file or the API. */
    record Zone(String source) implements Claim {}

    /**
     * A member of another catalog consumed here.
     *
     * @param catalog that catalog
     * @param id the member's unique id there
     * @param coo the catalog that catalog says the member moves to, or null
     */
    record Catalog(Name catalog, String id, Name coo) implements Claim {}
  }

  /** One step. */
  public sealed interface Step {
    Name zone();

    record Provision(Name zone, CatalogContent.Entry entry) implements Step {}

    record Regroup(Name zone, CatalogContent.Entry entry) implements Step {}

    record Reset(Name zone, CatalogContent.Entry entry, String oldId) implements Step {}

    record Adopt(Name zone, CatalogContent.Entry entry, Name from, boolean reset) implements Step {}

    record Remove(Name zone, String id) implements Step {}

    /** Nothing is done, for the reason given (a sentence for the log). */
    record Refuse(Name zone, String reason) implements Step {}
  }

  /**
   * The steps that take this server from {@code owned} to {@code content}.
   *
   * @param content the catalog's new version (its version checked already)
   * @param owned the members this catalog has now
   * @param claimOf who has a name the catalog lists and does not own
   * @param hasTemplate whether a member with these groups has a template in the consumer's config
   */
  public static List<Step> plan(CatalogContent content, Map<Name, Owned> owned, Function<Name, Claim> claimOf,
      Predicate<List<String>> hasTemplate) {
    Name catalog = content.catalog();
    List<Step> steps = new ArrayList<>();
    for (CatalogContent.Entry e : content.members().values()) {
      Name zone = e.zone();
      Owned o = owned.get(zone);
      boolean fits = hasTemplate.test(e.groups());
      String noTemplate = "member " + zone + " of catalog " + catalog + " is in group(s) " + e.groups()
          + ", none of which has a template under members.groups";
      if (o != null) {
        if (!o.id().equals(e.id())) {
          steps.add(fits ? new Step.Reset(zone, e, o.id()) : new Step.Refuse(zone, noTemplate + "; its unique id changed, but it"
              + " keeps its data and settings until it has a template"));
        } else if (!o.groups().equals(e.groups())) {
          steps.add(fits ? new Step.Regroup(zone, e) : new Step.Refuse(zone, noTemplate + "; kept with its previous settings"));
        }
        continue;
      }
      Claim claim = claimOf.apply(zone);
      if (claim instanceof Claim.Zone z) {
        steps.add(new Step.Refuse(zone, "member " + zone + " of catalog " + catalog + " is a zone of this server already ("
            + z.source() + "); not provisioned from the catalog"));
      } else if (claim instanceof Claim.Catalog c) {
        if (catalog.equals(c.coo())) {
          steps.add(fits ? new Step.Adopt(zone, e, c.catalog(), !c.id().equals(e.id())) : new Step.Refuse(zone, noTemplate
              + "; it stays with catalog " + c.catalog()));
        } else {
          steps.add(new Step.Refuse(zone, "member " + zone + " of catalog " + catalog + " belongs to catalog " + c.catalog()
              + ", which does not hand it over (no coo." + c.id() + ".zones." + c.catalog() + " PTR " + catalog
              + ", RFC 9432 §4.4.1); ignored"));
        }
      } else {
        steps.add(fits ? new Step.Provision(zone, e) : new Step.Refuse(zone, noTemplate + "; not provisioned"));
      }
    }
    for (Map.Entry<Name, Owned> o : owned.entrySet()) {
      if (!content.members().containsKey(o.getKey())) {
        steps.add(new Step.Remove(o.getKey(), o.getValue().id()));
      }
    }
    return steps;
  }
}
