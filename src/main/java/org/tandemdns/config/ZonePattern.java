package org.tandemdns.config;

import org.tandemdns.zone.DomainNames;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/**
 * A zone name, or {@code *.NAME} for every zone below NAME (not NAME itself), as an API token's
 * {@code zones} list gives them; matched case-insensitively (RFC 4343). {@code *} alone is every
 * zone.
 */
public record ZonePattern(Name name, boolean below) {
  /** Every zone. */
  public static final ZonePattern ANY = new ZonePattern(Name.root, true);

  /** Reads {@code example.com}, {@code example.com.}, {@code *.example.net} or {@code *}. */
  public static ZonePattern parse(String text) {
    String t = text == null ? "" : text.trim();
    if (t.equals("*")) {
      return ANY;
    }
    boolean below = t.startsWith("*.");
    String rest = below ? t.substring(2) : t;
    if (rest.isEmpty() || rest.contains("*")) {
      throw new IllegalArgumentException("'" + text + "' is not a zone pattern: give a zone name, or *.NAME for every zone"
          + " below NAME, or * for every zone");
    }
    try {
      DomainNames.requireAscii(rest, "the zone pattern");
      return new ZonePattern(Name.fromString(rest.endsWith(".") ? rest : rest + "."), below);
    } catch (TextParseException e) {
      throw new IllegalArgumentException("'" + text + "' is not a zone pattern: " + e.getMessage());
    }
  }

  public boolean matches(Name zone) {
    if (below && name.equals(Name.root)) {
      return true;
    }
    return below ? zone.subdomain(name) && !zone.equals(name) : zone.equals(name);
  }

  @Override
  public String toString() {
    return this == ANY || (below && name.equals(Name.root)) ? "*" : (below ? "*." : "") + name;
  }
}
