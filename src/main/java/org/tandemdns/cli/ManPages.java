package org.tandemdns.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Writes a man page (roff, man(7) macros) for {@code tandem} and each of its commands, from the
 * same picocli model as {@code --help}, so that they never disagree: {@code tandem.1},
 * {@code tandem-serve.1}, {@code tandem-zone-add.1}, ... The build runs it ({@code ./mvnw package}
 * writes {@code target/man/}) and the release ships them in {@code man/man1}.
 */
public final class ManPages {
  private ManPages() {}

  /** {@code ManPages DIR}: writes every page into DIR. */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: ManPages OUTPUT-DIRECTORY");
    }
    write(Path.of(args[0]));
  }

  /** Writes every page into {@code dir}; returns the files written. */
  public static List<Path> write(Path dir) throws IOException {
    Files.createDirectories(dir);
    List<Path> out = new ArrayList<>();
    try {
      walk(new CommandLine(new Main()).setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF)), dir, out);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return out;
  }

  private static void walk(CommandLine cl, Path dir, List<Path> out) {
    CommandSpec spec = cl.getCommandSpec();
    if (spec.name().equals("help")) {
      return;
    }
    String page = spec.qualifiedName("-");
    Path file = dir.resolve(page + ".1");
    try {
      Files.writeString(file, page(cl), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.add(file);
    for (CommandLine sub : cl.getSubcommands().values()) {
      walk(sub, dir, out);
    }
  }

  static String page(CommandLine cl) {
    CommandSpec spec = cl.getCommandSpec();
    String page = spec.qualifiedName("-");
    String[] description = spec.usageMessage().description();
    String version = version(spec);
    StringBuilder r = new StringBuilder();
    r.append(".TH ").append(page.toUpperCase(java.util.Locale.ROOT)).append(" 1 \"\" \"").append(escape(version))
        .append("\" \"Tandem DNS\"\n");
    r.append(".SH NAME\n").append(escape(page)).append(" \\- ")
        .append(escape(description.length > 0 ? summary(description[0]) : "")).append('\n');
    r.append(".SH SYNOPSIS\n.nf\n").append(text(cl.getHelp().synopsis(0).strip())).append("\n.fi\n");
    if (description.length > 0) {
      r.append(".SH DESCRIPTION\n");
      for (String line : description) {
        r.append(text(line)).append('\n');
      }
    }
    List<PositionalParamSpec> params = spec.positionalParameters();
    if (!params.isEmpty()) {
      r.append(".SH ARGUMENTS\n");
      for (PositionalParamSpec p : params) {
        r.append(".TP\n\\fI").append(escape(p.paramLabel())).append("\\fR\n").append(text(String.join(" ", p.description()))).append('\n');
      }
    }
    if (!spec.options().isEmpty()) {
      r.append(".SH OPTIONS\n");
      for (OptionSpec o : spec.options()) {
        r.append(".TP\n");
        List<String> names = new ArrayList<>();
        for (String n : o.names()) {
          names.add("\\fB" + escape(n) + "\\fR");
        }
        r.append(String.join(", ", names));
        if (o.arity().max() > 0) {
          r.append("=\\fI").append(escape(o.paramLabel())).append("\\fR");
        }
        r.append('\n').append(text(String.join(" ", o.description()).replace("${DEFAULT-VALUE}", String.valueOf(o.defaultValue()))))
            .append('\n');
      }
    }
    if (!cl.getSubcommands().isEmpty()) {
      r.append(".SH COMMANDS\n");
      for (CommandLine sub : cl.getSubcommands().values()) {
        if (sub.getCommandName().equals("help")) {
          continue;
        }
        String[] d = sub.getCommandSpec().usageMessage().description();
        r.append(".TP\n\\fB").append(escape(sub.getCommandName())).append("\\fR\n").append(text(d.length > 0 ? d[0] : ""))
            .append(" See \\fB").append(escape(sub.getCommandSpec().qualifiedName("-"))).append("\\fR(1).\n");
      }
    }
    r.append(".SH SEE ALSO\n");
    r.append(spec.parent() == null ? "The operator guides in the release's \\fIdocs/\\fR directory, starting with docs/README.md.\n"
        : "\\fB" + escape(spec.parent().qualifiedName("-")) + "\\fR(1); docs/cli.md in the release.\n");
    return r.toString();
  }

  private static String version(CommandSpec spec) {
    try {
      String[] v = spec.root().versionProvider() != null ? spec.root().versionProvider().getVersion() : spec.root().version();
      return v.length > 0 ? v[0] : "tandem";
    } catch (Exception e) {
      return "tandem";
    }
  }

  private static String summary(String s) {
    String t = s.strip();
    if (t.endsWith(".")) {
      t = t.substring(0, t.length() - 1);
    }
    return t;
  }

  /** Text for a roff line: escaped, and never starting with a control character. */
  private static String text(String s) {
    String e = escape(s);
    return e.startsWith(".") || e.startsWith("'") ? "\\&" + e : e;
  }

  /** Backslashes and hyphens as roff wants them (a bare '-' may be set as a hyphen, not a minus). */
  static String escape(String s) {
    return s.replace("\\", "\\e").replace("-", "\\-");
  }
}
