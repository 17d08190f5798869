package org.tandemdns;

import java.util.List;
import org.tandemdns.change.ReloadResult;
import org.tandemdns.config.ConfigChanges;

/**
 * What re-reading the configuration did (SIGHUP, {@code tandem reload --config}).
 *
 * @param changes what differed from the running configuration
 * @param problems what could not be applied (the file could not be read, a zone added in the file
 *     already exists through the API, ...); empty when everything was
 * @param loads the zone loads the changes caused (zones added, set up anew, or moved to another file)
 */
public record Reconfiguration(ConfigChanges changes, List<String> problems, List<ReloadResult> loads) {
  public Reconfiguration {
    problems = List.copyOf(problems);
    loads = List.copyOf(loads);
  }
}
