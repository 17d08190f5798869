package org.tandemdns.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tandem completion bash|zsh}: prints a shell completion script for every command and
 * option, generated from the command line's own model (picocli's {@link AutoComplete}), so it never
 * lags behind the commands.
 */
@Command(name = "completion", mixinStandardHelpOptions = true,
    description = {"Print a bash or zsh completion script for tandem's commands and options.",
        "bash: source <(tandem completion bash)    (or save it in /etc/bash_completion.d/tandem)",
        "zsh:  source <(tandem completion zsh)     (the same script, through zsh's bashcompinit)"})
public final class CompletionCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "SHELL", description = "bash or zsh.")
  String shell;

  @Override
  public Integer call() {
    if (!shell.equals("bash") && !shell.equals("zsh")) {
      spec.commandLine().getErr().println("tandem completion: '" + shell + "' is not a shell this knows (bash, zsh)");
      return Main.EXIT_USAGE;
    }
    CommandLine root = spec.commandLine().getParent();
    spec.commandLine().getOut().print(AutoComplete.bash("tandem", root));
    spec.commandLine().getOut().flush();
    return 0;
  }
}
