package org.tandemdns.zone;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.Name;

/**
 * A master file checked offline, as {@code tandem check-zone} does ({@code named-checkzone},
 * {@code kzonecheck}): the same reading and the same rules the server applies when it loads the
 * file, going on after each error so that one run reports them all, plus the integrity checks of
 * {@link ZoneIntegrity}.
 *
 * @param snapshot the zone as the server would serve it, or null when it has errors
 * @param errors what makes the server refuse the file, each starting with {@code file:line:}
 * @param warnings what the server accepts but deserves a look
 */
public record ZoneFileCheck(ZoneSnapshot snapshot, List<String> errors, List<String> warnings) {

  public ZoneFileCheck {
    errors = List.copyOf(errors);
    warnings = List.copyOf(warnings);
  }

  /** True when the server would load the file. */
  public boolean loads() {
    return snapshot != null;
  }

  /** Checks {@code file} as zone {@code origin}. */
  public static ZoneFileCheck of(Path file, Name origin) throws IOException {
    List<String> errors = new ArrayList<>();
    ZoneBuilder builder = new ZoneBuilder(origin, file.toString());
    Map<Long, SourceLocation> firstSeen = new HashMap<>();
    Map<Name, Integer> names = new HashMap<>();
    try {
      ZoneFileReader.forChecking(e -> errors.add(e.getMessage())).read(file, origin, (record, where) -> {
        if (where != null) {
          int id = names.computeIfAbsent(record.getName(), n -> names.size());
          firstSeen.putIfAbsent(((long) id << 16) | record.getType(), where);
        }
        builder.add(record, where);
      });
    } catch (ZoneFileException e) {
      errors.add(e.getMessage());
    }
    ZoneSnapshot snapshot = null;
    try {
      snapshot = builder.build();
    } catch (ZoneValidationException e) {
      errors.addAll(e.problems());
    }
    errors.sort(BY_LINE);
    List<String> warnings = new ArrayList<>(builder.warnings());
    if (errors.isEmpty() && snapshot != null) {
      warnings.addAll(ZoneIntegrity.check(snapshot, (name, type) -> {
        Integer id = names.get(name);
        SourceLocation at = id == null ? null : firstSeen.get(((long) id << 16) | type);
        return at == null ? file.toString() : at.toString();
      }));
    } else {
      snapshot = null;
    }
    warnings.sort(BY_LINE);
    return new ZoneFileCheck(snapshot, errors, warnings);
  }

  private static final java.util.regex.Pattern LOCATED = java.util.regex.Pattern.compile("^(.*?):(\\d+): ");

  /** Findings in file and line order (stable: findings without a line come last, as they were). */
  private static final java.util.Comparator<String> BY_LINE = java.util.Comparator
      .comparing((String f) -> {
        java.util.regex.Matcher m = LOCATED.matcher(f);
        return m.find() ? m.group(1) : "\uffff";
      })
      .thenComparingLong(f -> {
        java.util.regex.Matcher m = LOCATED.matcher(f);
        return m.find() ? Long.parseLong(m.group(2)) : Long.MAX_VALUE;
      });
}
