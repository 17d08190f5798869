package org.tandemdns.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Issue 15, item 6: {@code tandem --help} lists each command with the first line of its
 * description, so that line must be a whole sentence; it used to stop mid-sentence ("Every change is").
 */
class HelpTextTest {

  @Test
  void everyCommandsFirstDescriptionLineIsAWholeSentence() {
    List<String> cut = new ArrayList<>();
    collect(new CommandLine(new Main()), cut);
    assertThat(cut).as("commands whose summary in the parent's --help stops mid-sentence").isEmpty();
  }

  private static void collect(CommandLine cl, List<String> cut) {
    for (CommandLine sub : cl.getSubcommands().values()) {
      String[] d = sub.getCommandSpec().usageMessage().description();
      String first = d.length == 0 ? "" : d[0].strip();
      if (!sub.getCommandName().equals("help") && !(first.endsWith(".") || first.endsWith(".)"))) {
        cut.add(sub.getCommandSpec().qualifiedName() + ": " + first);
      }
      collect(sub, cut);
    }
  }
}
