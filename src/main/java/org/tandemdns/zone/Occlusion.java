package org.tandemdns.zone;

import java.util.function.Function;
import org.xbill.DNS.Name;

/**
 * Which names a zone does not serve: those below a zone cut (RFC 1034 §4.2.1, glue aside) or below
 * a DNAME (RFC 6672 §2.3), a DNAME at the apex included.
 */
final class Occlusion {
  private Occlusion() {}

  /**
   * The delegation or DNAME above {@code name}, the nearest first, else the apex when it owns a
   * DNAME and {@code name} is below it, else null.
   */
  static Node ancestor(Name origin, Name name, Function<Name, Node> nodes) {
    Name n = name;
    while (n.labels() > origin.labels() + 1) {
      n = new Name(n, 1);
      Node up = nodes.apply(n);
      if (up != null && (up.isDelegation() || up.hasDname())) {
        return up;
      }
    }
    if (name.labels() > origin.labels()) {
      Node apex = nodes.apply(origin);
      if (apex != null && apex.hasDname()) {
        return apex;
      }
    }
    return null;
  }
}
