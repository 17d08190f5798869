package org.tandemdns.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.tandemdns.config.ConfigLoader;
import org.tandemdns.config.TandemConfig;
import org.tandemdns.config.ZoneConfig;
import org.tandemdns.config.ZoneType;
import org.tandemdns.zone.ZoneFileCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tandem check-config FILE}: {@code named-checkconf -z} and {@code knotc conf-check} for
 * Tandem. Reports, all at once, everything {@code tandem serve} would refuse in the file (unknown
 * keys, bad values, unreadable secret files, undefined keys and providers) and every error in the
 * zone files it names, read as the server reads them; usable in the CI of a zone repository.
 */
@Command(name = "check-config", mixinStandardHelpOptions = true,
    description = {"Check a configuration file and the zone files it names offline (like named-checkconf -z or knotc conf-check).",
        "Prints every problem as FILE:LINE: error|warning: TEXT; exit 0 when 'tandem serve' would accept it all, 1 when not,"
            + " 3 for a usage error."})
public final class CheckConfigCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "The YAML configuration, e.g. /etc/tandem/tandem.yaml.")
  Path file;

  @Option(names = "--no-zones", description = "Check the configuration only, not the zone files it names.")
  boolean noZones;

  @Option(names = {"-q", "--quiet"}, description = "Print nothing; only the exit code tells.")
  boolean quiet;

  @Override
  public Integer call() throws Exception {
    try (AutoCloseable quiet = OfflineCheckOutput.quietLogs()) {
      return check();
    }
  }

  private int check() {
    PrintWriter out = OfflineCheckOutput.output(quiet, spec.commandLine().getOut());
    ConfigLoader.Checked checked = new ConfigLoader().check(file);
    checked.problems().forEach(p -> OfflineCheckOutput.print(out, "error", p));
    int errors = checked.problems().size();
    int warnings = 0;
    TandemConfig config = checked.config();
    if (config == null) {
      out.println(file + ": " + OfflineCheckOutput.plural(errors, "error") + "; 'tandem serve' would not start");
      out.flush();
      return 1;
    }
    String dataDir = dataDirProblem(config.server().dataDir());
    if (dataDir != null) {
      OfflineCheckOutput.print(out, "error", file + ": server.data-dir: " + dataDir);
      errors++;
    }
    int loaded = 0;
    List<ZoneConfig> files = new ArrayList<>();
    if (!noZones) {
      config.zones().stream().filter(z -> z.type() == ZoneType.PRIMARY && z.file() != null).forEach(files::add);
    }
    for (ZoneConfig z : files) {
      ZoneFileCheck check;
      try {
        check = ZoneFileCheck.of(z.file(), z.name());
      } catch (IOException e) {
        OfflineCheckOutput.print(out, "error", z.file() + ": zone " + z.name() + ": cannot read: "
            + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getMessage()));
        errors++;
        continue;
      }
      OfflineCheckOutput.findings(out, check, z.file());
      errors += check.errors().size();
      warnings += check.warnings().size();
      loaded += check.loads() ? 1 : 0;
    }
    out.println(file + ": " + OfflineCheckOutput.plural(config.zones().size(), "zone") + ", "
        + OfflineCheckOutput.plural(config.keys().size(), "key")
        + (noZones ? "" : "; zone files: " + loaded + " of " + files.size() + " load")
        + (warnings == 0 ? "" : "; " + OfflineCheckOutput.plural(warnings, "warning")));
    out.println(errors == 0 ? "OK" : OfflineCheckOutput.plural(errors, "error") + "; FAILED");
    out.flush();
    return errors == 0 ? 0 : 1;
  }

  /** Why {@code tandem serve} could not keep its state in {@code dir}, or null. */
  private static String dataDirProblem(Path dir) {
    Path existing = dir.toAbsolutePath();
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null || !Files.isDirectory(existing)) {
      return dir + " cannot be created (" + existing + " is not a directory)";
    }
    if (!Files.isWritable(existing)) {
      return (existing.equals(dir.toAbsolutePath()) ? dir + " is not writable" : dir + " cannot be created in " + existing)
          + " by this user";
    }
    return null;
  }
}
