package org.tandemdns.config;

import java.nio.file.Path;

/**
 * A bearer token for the HTTP API.
 *
 * @param name who holds it, for logs
 * @param secret the token itself, inline, or
 * @param secretFile a file holding it (relative to the config file)
 * @param role {@code admin} (read and write) or {@code read-only}
 */
public record ApiToken(String name, String secret, Path secretFile, Role role) {
  /** What a token may do. */
  public enum Role { ADMIN, READ_ONLY }

  public ApiToken {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("an API token needs a 'name'");
    }
    if (secret == null && secretFile == null) {
      throw new IllegalArgumentException("API token " + name + ": give its 'secret' or a 'secret-file'");
    }
    role = role == null ? Role.READ_ONLY : role;
  }

  ApiToken resolvedAgainst(Path base) {
    return secretFile == null || secretFile.isAbsolute() || base == null ? this : new ApiToken(name, secret, base.resolve(secretFile), role);
  }

  ApiToken withSecret(String s) {
    return new ApiToken(name, s, secretFile, role);
  }
}
