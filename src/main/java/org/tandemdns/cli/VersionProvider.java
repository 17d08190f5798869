package org.tandemdns.cli;

import picocli.CommandLine;

/** Reports the version recorded in the jar's manifest. */
final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = Main.class.getPackage().getImplementationVersion();
    return new String[] {"tandem " + (v == null ? "(development build)" : v)};
  }
}
