package org.tandemdns.notify;

import java.util.List;
import org.tandemdns.config.Remote;

/**
 * Whom to NOTIFY for one zone (RFC 1996 §3.6): the listed targets, and, when {@code nameservers} is
 * set, every address of the zone's NS set except the SOA MNAME (the primary itself).
 */
public record NotifyPlan(List<Remote> explicit, boolean nameservers) {
  public static final NotifyPlan NONE = new NotifyPlan(List.of(), false);

  public NotifyPlan {
    explicit = List.copyOf(explicit);
  }
}
