package org.tandemdns.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * Credentials given one of three ways: inline, in a file (its content, stripped), or in an
 * environment variable. Files and variables keep secrets out of the config file itself.
 */
final class Secrets {
  private Secrets() {}

  /**
   * The secret from exactly one of {@code inline}, {@code file} and {@code env}.
   *
   * @param what the key names for messages, e.g. {@code api-key}
   * @throws IllegalArgumentException naming what is wrong
   */
  static String resolve(String what, String inline, Path file, String env, UnaryOperator<String> environment) {
    int given = (inline != null ? 1 : 0) + (file != null ? 1 : 0) + (env != null ? 1 : 0);
    if (given != 1) {
      throw new IllegalArgumentException("give exactly one of '" + what + "', '" + what + "-file' and '" + what + "-env'");
    }
    String value;
    if (inline != null) {
      value = inline;
    } else if (file != null) {
      try {
        value = Files.readString(file, StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        throw new IllegalArgumentException(what + "-file: cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
      }
    } else {
      value = environment.apply(env);
      if (value == null) {
        throw new IllegalArgumentException(what + "-env: the environment variable " + env + " is not set");
      }
      value = value.strip();
    }
    if (value.isEmpty()) {
      throw new IllegalArgumentException(what + " is empty");
    }
    return value;
  }

  static Path resolve(Path base, Path file) {
    return file == null || file.isAbsolute() || base == null ? file : base.resolve(file);
  }
}
