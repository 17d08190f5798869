package org.tandemdns.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.tandemdns.zone.ZoneFileCheck;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tandem check-zone ORIGIN FILE}: {@code named-checkzone} and {@code kzonecheck} for
 * Tandem. Reads the file as the server would, reports every error and warning with file and line,
 * and exits 0 when the server would load it, 1 when it would refuse it.
 */
@Command(name = "check-zone", mixinStandardHelpOptions = true,
    description = {"Check a zone file offline, as the server would load it (like named-checkzone or kzonecheck).",
        "Prints every error and warning as FILE:LINE: error|warning: TEXT; exit 0 when the zone would load, 1 when not"
            + " (with --strict also on warnings), 3 for a usage error."})
public final class CheckZoneCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "ORIGIN", description = "The zone's name, e.g. example.com.")
  String origin;

  @Parameters(index = "1", paramLabel = "FILE", description = "The master file (RFC 1035 §5), with $ORIGIN, $TTL, $INCLUDE and $GENERATE.")
  Path file;

  @Option(names = "--strict", description = "Exit 1 on warnings too (out-of-zone data, NS/MX/SRV targets without addresses, ...).")
  boolean strict;

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
    PrintWriter err = spec.commandLine().getErr();
    Name zone;
    try {
      zone = Name.fromString(origin, Name.root);
    } catch (TextParseException e) {
      err.println("tandem: bad zone name '" + origin + "': " + e.getMessage());
      return Main.EXIT_USAGE;
    }
    ZoneFileCheck check;
    try {
      check = ZoneFileCheck.of(file, zone);
    } catch (IOException e) {
      out.println(file + ": error: cannot read: " + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getMessage()));
      out.println("zone " + zone + ": not loaded");
      out.flush();
      return 1;
    }
    OfflineCheckOutput.findings(out, check, file);
    String warnings = check.warnings().isEmpty() ? "" : ", " + OfflineCheckOutput.plural(check.warnings().size(), "warning");
    if (check.loads()) {
      out.println("zone " + zone + ": loaded serial " + check.snapshot().serial() + ", "
          + OfflineCheckOutput.plural(check.snapshot().recordCount(), "record") + warnings);
      out.println(strict && !check.warnings().isEmpty() ? "FAILED (--strict)" : "OK");
    } else {
      out.println("zone " + zone + ": not loaded: " + OfflineCheckOutput.plural(check.errors().size(), "error") + warnings);
    }
    out.flush();
    return check.loads() && !(strict && !check.warnings().isEmpty()) ? 0 : 1;
  }
}
