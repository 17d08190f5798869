package org.tandemdns.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.tandemdns.config.ApiToken;

/**
 * Bearer-token authentication ({@code Authorization: Bearer TOKEN}, RFC 6750): no or an unknown
 * token is 401; a read-only token on a write is 403. Tokens are compared in constant time.
 */
final class TokenAuth {
  private final List<ApiToken> tokens;

  TokenAuth(List<ApiToken> tokens) {
    this.tokens = List.copyOf(tokens);
  }

  /** Sets the caller on {@code ex}, or throws 401. */
  void authenticate(Exchange ex) throws ApiException {
    String header = ex.header("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      ex.setResponseHeader("WWW-Authenticate", "Bearer realm=\"tandem\"");
      throw new ApiException(401, "missing bearer token: send 'Authorization: Bearer <token>'");
    }
    byte[] given = header.substring(7).trim().getBytes(StandardCharsets.UTF_8);
    for (ApiToken t : tokens) {
      if (MessageDigest.isEqual(given, t.secret().getBytes(StandardCharsets.UTF_8))) {
        ex.role = t.role();
        ex.caller = t.name();
        return;
      }
    }
    ex.setResponseHeader("WWW-Authenticate", "Bearer realm=\"tandem\", error=\"invalid_token\"");
    throw new ApiException(401, "unknown token");
  }

  /** Throws 403 unless the caller may write. */
  static void requireAdmin(Exchange ex) throws ApiException {
    if (ex.role != ApiToken.Role.ADMIN) {
      throw new ApiException(403, "token '" + ex.caller + "' is read-only; this needs an admin token");
    }
  }
}
