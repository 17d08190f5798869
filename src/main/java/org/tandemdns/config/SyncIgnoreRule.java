package org.tandemdns.config;

import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.xbill.DNS.Type;

/**
 * One of a zone's {@code ignore:} rules: records managed elsewhere (ACME challenges, a provider's
 * own verification TXT) that a sync never creates, changes or deletes at a target, as DNSControl's
 * {@code IGNORE} does. A record is ignored when it matches every part given.
 *
 * @param name a glob over the owner name relative to the zone ({@code @} for the apex): {@code *}
 *     matches within one label, {@code **} across labels; case-insensitive. Default {@code **}
 * @param type record types (default: any)
 * @param content a regular expression found anywhere in the record's data as a zone file writes
 *     it (default: any)
 */
public record SyncIgnoreRule(String name, List<String> type, String content) {
  public SyncIgnoreRule {
    name = name == null || name.isBlank() ? "**" : name.trim();
    if (!name.matches("[A-Za-z0-9_*@.\\-]+")) {
      throw new IllegalArgumentException("ignore name '" + name + "' may hold letters, digits, - _ . * and @ only");
    }
    type = type == null ? List.of() : List.copyOf(type);
    for (String t : type) {
      if (Type.value(t) < 0) {
        throw new IllegalArgumentException("ignore type '" + t + "' is not a record type");
      }
    }
    if (content != null) {
      try {
        Pattern.compile(content);
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException("ignore content '" + content + "' is not a regular expression: " + e.getDescription());
      }
    }
    if ("**".equals(name) && type.isEmpty() && content == null) {
      throw new IllegalArgumentException("an ignore rule needs a name, a type or a content; one that matches everything"
          + " would stop the sync");
    }
  }
}
