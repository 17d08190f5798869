package org.tandemdns.config;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.xbill.DNS.Name;

/**
 * What differs between the running configuration and the one just read (SIGHUP, {@code tandem
 * reload --config}): zones added, removed and changed (with the keys that changed, in the file's
 * spelling), TSIG keys, and the sections that only a restart applies. Pure: it compares, it changes
 * nothing.
 *
 * @param added zones in the new file only
 * @param removed zones in the old file only
 * @param changed zones in both whose settings differ
 * @param keys TSIG key names added, removed or whose secret or algorithm changed
 * @param needRestart sections that changed but are only read at start ({@code server.listen}, ...)
 */
public record ConfigChanges(List<ZoneConfig> added, List<Name> removed, List<ZoneChange> changed, List<String> keys,
    List<String> needRestart) {

  /**
   * One zone whose settings changed.
   *
   * @param before its settings until now
   * @param after its new settings
   * @param keys the settings that differ, as written in the YAML ({@code allow-transfer}, {@code primaries})
   */
  public record ZoneChange(ZoneConfig before, ZoneConfig after, List<String> keys) {
    /** True when the zone must be set up anew rather than updated in place (its type, file or signing changed). */
    public boolean rebuilds() {
      return before.type() != after.type() || !Objects.equals(before.dnssec(), after.dnssec())
          || (before.file() == null) != (after.file() == null) || before.producesCatalog() != after.producesCatalog()
          || before.consumesCatalog() != after.consumesCatalog();
    }
  }

  public ConfigChanges {
    added = List.copyOf(added);
    removed = List.copyOf(removed);
    changed = List.copyOf(changed);
    keys = List.copyOf(keys);
    needRestart = List.copyOf(needRestart);
  }

  /** The differences from {@code before} to {@code after}, considering only the zones listed in the files. */
  public static ConfigChanges between(TandemConfig before, TandemConfig after) {
    Map<Name, ZoneConfig> old = byName(before.zones());
    Map<Name, ZoneConfig> now = byName(after.zones());
    List<ZoneConfig> added = new ArrayList<>();
    List<ZoneChange> changed = new ArrayList<>();
    for (ZoneConfig z : now.values()) {
      ZoneConfig was = old.get(z.name());
      if (was == null) {
        added.add(z);
      } else if (!was.equals(z)) {
        changed.add(new ZoneChange(was, z, differingKeys(was, z)));
      }
    }
    List<Name> removed = old.keySet().stream().filter(n -> !now.containsKey(n)).toList();
    List<String> keys = keyChanges(before.keys(), after.keys());
    List<String> restart = new ArrayList<>();
    for (String section : differingKeys(before.server(), after.server())) {
      restart.add("server." + section);
    }
    for (String section : differingKeys(before.api(), after.api())) {
      restart.add("api." + section);
    }
    if (!Objects.equals(before.monitor(), after.monitor())) {
      restart.add("monitor");
    }
    if (!Objects.equals(before.sync(), after.sync())) {
      restart.add("sync");
    }
    if (!Objects.equals(before.dnssecPolicies(), after.dnssecPolicies())) {
      restart.add("dnssec-policies");
    }
    return new ConfigChanges(added, removed, changed, keys, restart);
  }

  /** No difference at all (a file that could not be read changes nothing). */
  public static ConfigChanges nothing() {
    return new ConfigChanges(List.of(), List.of(), List.of(), List.of(), List.of());
  }

  /** True when nothing differs. */
  public boolean none() {
    return added.isEmpty() && removed.isEmpty() && changed.isEmpty() && keys.isEmpty() && needRestart.isEmpty();
  }

  /** One line for the log and the API, e.g. "zones added: a.test.; zones changed: b.test. (allow-transfer)". */
  public String summary() {
    List<String> parts = new ArrayList<>();
    if (!added.isEmpty()) {
      parts.add("zones added: " + String.join(", ", added.stream().map(z -> z.name().toString()).toList()));
    }
    if (!removed.isEmpty()) {
      parts.add("zones removed: " + String.join(", ", removed.stream().map(Name::toString).toList()));
    }
    if (!changed.isEmpty()) {
      parts.add("zones changed: " + String.join(", ", changed.stream()
          .map(c -> c.after().name() + " (" + String.join(", ", c.keys()) + ")").toList()));
    }
    if (!keys.isEmpty()) {
      parts.add("keys changed: " + String.join(", ", keys));
    }
    if (!needRestart.isEmpty()) {
      parts.add("not applied until a restart: " + String.join(", ", needRestart));
    }
    return parts.isEmpty() ? "configuration unchanged" : String.join("; ", parts);
  }

  private static Map<Name, ZoneConfig> byName(List<ZoneConfig> zones) {
    Map<Name, ZoneConfig> out = new LinkedHashMap<>();
    zones.forEach(z -> out.put(z.name(), z));
    return out;
  }

  private static List<String> keyChanges(List<KeyConfig> before, List<KeyConfig> after) {
    Map<Name, KeyConfig> old = new LinkedHashMap<>();
    before.forEach(k -> old.put(k.name(), k));
    Set<String> out = new TreeSet<>();
    for (KeyConfig k : after) {
      KeyConfig was = old.remove(k.name());
      if (was == null || !Objects.equals(was.algorithm(), k.algorithm()) || !Objects.equals(was.secret(), k.secret())) {
        out.add(k.name().toString());
      }
    }
    old.keySet().forEach(n -> out.add(n.toString()));
    return new ArrayList<>(out);
  }

  /** The record components of two values of one record type that differ, in kebab-case as the YAML writes them. */
  static List<String> differingKeys(Record a, Record b) {
    if (Objects.equals(a, b)) {
      return List.of();
    }
    if (a == null || b == null) {
      return List.of("(all)");
    }
    List<String> out = new ArrayList<>();
    for (RecordComponent c : a.getClass().getRecordComponents()) {
      try {
        if (!Objects.equals(c.getAccessor().invoke(a), c.getAccessor().invoke(b))) {
          out.add(kebab(c.getName().equals("notifyTargets") ? "notify" : c.getName()));
        }
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot read " + c, e);
      }
    }
    return out;
  }

  private static String kebab(String camel) {
    StringBuilder sb = new StringBuilder();
    for (char ch : camel.toCharArray()) {
      if (Character.isUpperCase(ch)) {
        sb.append('-').append(Character.toLowerCase(ch));
      } else {
        sb.append(ch);
      }
    }
    return sb.toString();
  }
}
