package org.tandemdns.testing;

/** Exit code and output of a finished command; {@code exitCode} is -1 when it timed out. */
public record CommandResult(String command, int exitCode, String stdout, String stderr) {

  public boolean ok() {
    return exitCode == 0;
  }

  /** stdout followed by stderr. */
  public String output() {
    return stdout + stderr;
  }

  /** This result, or an exception naming the command and its output when it failed. */
  public CommandResult requireOk() {
    if (!ok()) {
      throw new IllegalStateException(
          "command failed (exit " + exitCode + "): " + command + "\n" + output());
    }
    return this;
  }
}
