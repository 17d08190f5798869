package org.tandemdns.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.tandemdns.config.SyncIgnoreRule;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * A zone's {@code ignore:} rules, compiled: whether a record is managed elsewhere and so never
 * created, changed or deleted by a sync (DNSControl's {@code IGNORE}).
 */
final class IgnoreRules {
  private record Compiled(Pattern name, Set<Integer> types, Pattern content) {}

  private final Name origin;
  private final List<Compiled> rules = new ArrayList<>();

  IgnoreRules(Name origin, List<SyncIgnoreRule> rules) {
    this.origin = origin.canonicalize();
    for (SyncIgnoreRule r : rules) {
      this.rules.add(new Compiled(glob(r.name()), r.type().stream().map(Type::value).collect(Collectors.toSet()),
          r.content() == null ? null : Pattern.compile(r.content())));
    }
  }

  boolean isEmpty() {
    return rules.isEmpty();
  }

  /** True when some rule matches {@code r}. */
  boolean matches(Record r) {
    if (rules.isEmpty()) {
      return false;
    }
    String relative = relative(r.getName());
    String data = r.rdataToString();
    for (Compiled c : rules) {
      if ((c.types.isEmpty() || c.types.contains(r.getType())) && c.name.matcher(relative).matches()
          && (c.content == null || c.content.matcher(data).find())) {
        return true;
      }
    }
    return false;
  }

  private String relative(Name owner) {
    Name n = owner.canonicalize();
    if (n.equals(origin)) {
      return "@";
    }
    String text = n.relativize(origin).toString();
    return text.toLowerCase(Locale.ROOT);
  }

  /**
   * {@code *} within a label, {@code **} across labels, a trailing {@code .**} the name itself and
   * everything below it; everything else literal, case-insensitive.
   */
  static Pattern glob(String glob) {
    StringBuilder re = new StringBuilder();
    String g = glob.toLowerCase(Locale.ROOT);
    String below = "";
    if (g.endsWith(".**") && g.length() > 3) {
      g = g.substring(0, g.length() - 3);
      below = "(\\..*)?";
    }
    for (int i = 0; i < g.length(); i++) {
      char c = g.charAt(i);
      if (c == '*' && i + 1 < g.length() && g.charAt(i + 1) == '*') {
        re.append(".*");
        i++;
      } else if (c == '*') {
        re.append("[^.]*");
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(re + below);
  }
}
