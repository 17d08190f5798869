package org.tandemdns.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Options shared by {@code tandem sync plan} and {@code tandem sync apply}. */
final class SyncOptions {
  @Option(names = "--config", paramLabel = "FILE",
      description = "YAML file with the keys: and sync: sections (the serve config works). Required.")
  Path config;

  @Option(names = "--zone", paramLabel = "ZONE", description = "Only this zone of sync.zones (repeatable).")
  List<String> zones = new ArrayList<>();

  @Option(names = "--target", paramLabel = "NAME", description = "Only this target provider (repeatable).")
  List<String> targets = new ArrayList<>();

  @Option(names = "--include-apex-ns", description = "Also make the apex NS RRset equal (changing it needs --force).")
  boolean includeApexNs;

  @Option(names = "--max-change", paramLabel = "PERCENT",
      description = "Refuse plans updating or deleting more than this share of a target's RRsets (default: the zone's, 30%%).")
  String maxChange;

  @Option(names = "--parallel", paramLabel = "N", defaultValue = "4",
      description = "Targets worked on at once (default: ${DEFAULT-VALUE}).")
  int parallel;

  @Option(names = "--json", description = "Print the report as JSON.")
  boolean json;
}
