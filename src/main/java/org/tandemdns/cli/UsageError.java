package org.tandemdns.cli;

/** A command line that cannot be run as given; the message says what to change (exit code 3). */
final class UsageError extends Exception {
  UsageError(String message) {
    super(message);
  }
}
